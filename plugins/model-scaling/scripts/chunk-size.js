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
 * bundler puts it (with what it needs beyond the initial bundle, such as
 * recharts) in an async chunk of its own. That chunk is found by a marker
 * string that survives minification: the `data-testid` of the tab's root.
 * Exits 1 when no chunk holds the marker, or when --max-gzip-kb is exceeded.
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
  const report = {
    dir: path.relative(repoRoot, dir),
    scalingTab: tab.map(describe),
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
      `Scaling tab chunk is ${kb(tabGzip)} gzip, over the budget of ${args.maxGzipKb} KiB.\n`,
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
