#!/usr/bin/env node
// Runs every package's Jest tests once (no watch), then prints one plain
// summary line: "tests: N passed, N failed, N skipped". Exits with Jest's code.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const out = path.join(
  fs.mkdtempSync(path.join(os.tmpdir(), 'jest-')),
  'results.json',
);
const args = [
  'backstage-cli',
  'repo',
  'test',
  '--json',
  `--outputFile=${out}`,
  ...process.argv.slice(2),
];
const child = spawn('yarn', args, {
  stdio: 'inherit',
  env: { ...process.env, CI: 'true' },
});
child.on('exit', code => {
  let summary = 'tests: no results were written';
  try {
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    summary = `tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${
      r.numPendingTests + (r.numTodoTests ?? 0)
    } skipped`;
    if (r.numTotalTests === 0) code = code || 1;
  } catch {
    code = code || 1;
  }
  console.log(`\n${summary}`);
  process.exit(code ?? 1);
});
