#!/usr/bin/env node
/*
 * Prints the size of the Scaling tab's lazy chunk in the built app.
 *
 * Run after `yarn workspace app build` (the bundle is in
 * packages/app/dist/static/*.js):
 *
 *   node plugins/model-scaling/scripts/chunk-size.js [--dir <static dir>] [--max-gzip-kb <n>] [--json]
 *
 * The tab's code is loaded with `import('./components/ScalingTab')`, so the
 * bundler puts it in an async chunk of its own, found by a marker string that
 * survives minification (the `data-testid` of the tab's root). The lazy
 * import may need more async chunks (recharts and other libraries the initial
 * bundle lacks, some shared with other lazy pages); they are listed too, read
 * from the `Promise.all([r.e(..), ..])` the bundler emits for the import.
 * --max-gzip-kb applies to the tab's own chunk. Exits 1 when no chunk holds
 * the marker, or when the budget is exceeded.
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

/** Literal in ScalingStatusView.tsx: `data-testid="model-scaling-tab"`. */
const MARKER = 'model-scaling-tab';
/** Literal in FleetPage/FleetTable.tsx, to report the fleet page's chunk alongside. */
const FLEET_MARKER = 'Every catalog Component of type model-service';

function parseArgs(argv) {
  const args = { dir: undefined, maxGzipKb: undefined, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--dir') {
      args.dir = argv[++i];
    } else if (arg === '--max-gzip-kb') {
      args.maxGzipKb = Number(argv[++i]);
      if (!(args.maxGzipKb > 0)) {
        throw new Error('--max-gzip-kb: must be a positive number');
      }
    } else if (arg === '--json') {
      args.json = true;
    } else if (arg === '--help' || arg === '-h') {
      args.help = true;
    } else {
      throw new Error(`Unknown argument ${arg}; see --help`);
    }
  }
  return args;
}

function measure(file) {
  const content = fs.readFileSync(file);
  return {
    file,
    bytes: content.length,
    gzipBytes: zlib.gzipSync(content, { level: 9 }).length,
    content,
  };
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** The JS chunks of the app bundle and which hold the markers. */
function findChunks(dir) {
  if (!fs.existsSync(dir)) {
    throw new Error(
      `${dir} does not exist: build the app first (yarn workspace app build)`,
    );
  }
  const files = fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.js'))
    .map(name => measure(path.join(dir, name)));
  return {
    all: files,
    tab: files.filter(f => f.content.includes(MARKER)),
    fleet: files.filter(f => f.content.includes(FLEET_MARKER)),
  };
}

/** `4321.7e2d0fef160a.chunk.js` → `4321`. */
function chunkId(file) {
  return path.basename(file).split('.')[0];
}

/**
 * The chunk groups of every lazy import in the bundle: the bundler turns
 * `import('./x')` into `Promise.all([r.e("894"), r.e("9530"), r.e("4321")])`
 * (or a single `r.e("4321")`), listing every chunk the import needs.
 */
function lazyImportGroups(files) {
  const groups = [];
  const all = /Promise\.all\(\[((?:[\w$]+\.e\(["']?[\w-]+["']?\),?)+)\]\)/g;
  const one = /[\w$]+\.e\(["']?([\w-]+)["']?\)/g;
  for (const f of files) {
    const text = f.content.toString('utf8');
    const covered = [];
    for (const match of text.matchAll(all)) {
      groups.push([...match[1].matchAll(one)].map(m => m[1]));
      covered.push([match.index, match.index + match[0].length]);
    }
    for (const match of text.matchAll(one)) {
      const at = match.index;
      if (!covered.some(([a, b]) => at >= a && at < b)) {
        groups.push([match[1]]);
      }
    }
  }
  return groups;
}

/** Every chunk the tab's lazy import loads, and which of them other lazy imports share. */
function tabImport(files, tabFile) {
  const id = chunkId(tabFile.file);
  const groups = lazyImportGroups(files);
  const mine = groups.filter(g => g.includes(id));
  const ids = [...new Set(mine.flat())];
  const byId = new Map(files.map(f => [chunkId(f.file), f]));
  return ids
    .filter(i => byId.has(i))
    .map(i => ({
      chunk: byId.get(i),
      own: i === id,
      sharedWith: groups.filter(g => !g.includes(id) && g.includes(i)).length,
    }));
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    process.stdout.write(
      'Usage: chunk-size.js [--dir <packages/app/dist/static>] [--max-gzip-kb <n>] [--json]\n',
    );
    return 0;
  }
  const repoRoot = path.resolve(__dirname, '../../..');
  const dir = path.resolve(
    args.dir ?? path.join(repoRoot, 'packages/app/dist/static'),
  );
  const { all, tab, fleet } = findChunks(dir);
  const total = all.reduce((sum, f) => sum + f.gzipBytes, 0);
  const describe = f => ({
    file: path.relative(repoRoot, f.file),
    bytes: f.bytes,
    gzipBytes: f.gzipBytes,
  });
  const loaded = tab.length === 1 ? tabImport(all, tab[0]) : [];
  const loadedGzip = loaded.reduce((sum, l) => sum + l.chunk.gzipBytes, 0);
  const report = {
    dir: path.relative(repoRoot, dir),
    scalingTab: tab.map(describe),
    scalingTabImport: {
      chunks: loaded.map(l => ({
        ...describe(l.chunk),
        own: l.own,
        sharedWithOtherLazyImports: l.sharedWith,
      })),
      gzipBytes: loadedGzip,
    },
    fleetPage: fleet.map(describe),
    appJsGzipBytes: total,
  };

  if (args.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    if (tab.length === 0) {
      process.stdout.write(`No chunk in ${report.dir} holds "${MARKER}".\n`);
    }
    for (const f of tab) {
      process.stdout.write(
        `Scaling tab chunk: ${path.basename(f.file)}  ${kb(f.bytes)} raw, ${kb(
          f.gzipBytes,
        )} gzip\n`,
      );
    }
    if (loaded.length > 0) {
      process.stdout.write(
        `Opening the tab loads ${loaded.length} chunks, ${kb(
          loadedGzip,
        )} gzip in all (less what earlier pages already loaded):\n`,
      );
      for (const l of loaded) {
        process.stdout.write(
          `  ${path.basename(l.chunk.file).padEnd(34)} ${kb(
            l.chunk.gzipBytes,
          ).padStart(10)} gzip${l.own ? '  (the tab itself)' : ''}${
            l.sharedWith > 0
              ? `  (shared with ${l.sharedWith} other lazy import${
                  l.sharedWith === 1 ? '' : 's'
                })`
              : ''
          }\n`,
        );
      }
    }
    for (const f of fleet) {
      process.stdout.write(
        `Fleet page chunk:  ${path.basename(f.file)}  ${kb(f.bytes)} raw, ${kb(
          f.gzipBytes,
        )} gzip\n`,
      );
    }
    process.stdout.write(
      `All app JS: ${all.length} files, ${kb(total)} gzip\n`,
    );
  }

  if (tab.length === 0) {
    return 1;
  }
  if (tab.length > 1) {
    process.stderr.write(
      `The marker is in ${tab.length} chunks; the tab is not one lazy chunk.\n`,
    );
  }
  const tabGzip = tab.reduce((sum, f) => sum + f.gzipBytes, 0);
  if (args.maxGzipKb !== undefined && tabGzip > args.maxGzipKb * 1024) {
    process.stderr.write(
      `Scaling tab chunk is ${kb(tabGzip)} gzip, over the budget of ${
        args.maxGzipKb
      } KiB.\n`,
    );
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main();
} catch (e) {
  process.stderr.write(`chunk-size: ${e.message}\n`);
  process.exitCode = 1;
}
