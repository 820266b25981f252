#!/usr/bin/env node
// The workspace's house rules that no linter checks, run by .ci/run (`yarn check:conventions`):
//  1. License: the root LICENSE is the Apache License 2.0 and every workspace package says
//     `"license": "Apache-2.0"`. Source files carry no per-file license header; a file copied or
//     adapted from another project keeps its own header and is listed in NOTICE.md.
//  2. Length: a source file over 300 lines says why in a `long-file:` comment near its top
//     (tests, fixtures, declaration files and generated code are exempt).
import { execFileSync } from 'node:child_process';
import { readFileSync, existsSync } from 'node:fs';

const MAX_LINES = 300;
const problems = [];
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\n')
  .filter(Boolean)
  .filter(f => existsSync(f));

const license = existsSync('LICENSE') ? readFileSync('LICENSE', 'utf8') : '';
if (!/Apache License\s+Version 2\.0/.test(license)) {
  problems.push('LICENSE: must be the Apache License, Version 2.0');
}
for (const f of files.filter(x =>
  /^(packages|plugins)\/[^/]+\/package\.json$/.test(x),
)) {
  const pkg = JSON.parse(readFileSync(f, 'utf8'));
  if (pkg.license !== 'Apache-2.0') {
    problems.push(
      `${f}: "license" must be "Apache-2.0" (is ${JSON.stringify(
        pkg.license,
      )})`,
    );
  }
}

const notice = existsSync('NOTICE.md') ? readFileSync('NOTICE.md', 'utf8') : '';
const source = /\.(ts|tsx|js|mjs|cjs|sh|py|go)$/;
const exempt =
  /(\.test\.|\.d\.ts$|__fixtures__|__testUtils__|\/fixtures\/|\/generated\/|e2e-tests\/|node_modules)/;
for (const f of files.filter(x => source.test(x))) {
  const text = readFileSync(f, 'utf8');
  const lines = text.split('\n');
  if (
    lines.slice(0, 15).some(l => /Copyright (\(c\) )?\d{4}/i.test(l)) &&
    !notice.includes(f)
  ) {
    problems.push(
      `${f}: carries a copyright header but is not listed in NOTICE.md`,
    );
  }
  if (exempt.test(f)) continue;
  if (
    lines.length > MAX_LINES &&
    !lines.slice(0, 40).some(l => l.includes('long-file:'))
  ) {
    problems.push(
      `${f}: ${lines.length} lines (over ${MAX_LINES}) without a "long-file:" comment near the top saying why`,
    );
  }
}

if (problems.length > 0) {
  console.error(`check-conventions: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log(
  `check-conventions: ${files.length} files, license and length rules hold`,
);
