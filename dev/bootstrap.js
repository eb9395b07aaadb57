#!/usr/bin/env node
// `npm start` and `npm test` begin here, in plain Node, because node_modules may not exist
// yet: install what is missing, then hand over to the TypeScript entry points.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const command = process.argv[2];
const passThrough = process.argv.slice(3);

function fail(message) {
  process.stderr.write(`\n${message}\n`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${cmd} ${args.join(' ')} failed with exit code ${result.status}`);
}

function has(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

function ensureNodeModules() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  const lock = path.join(ROOT, 'package-lock.json');
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  process.stdout.write('Installing npm dependencies (npm ci)...\n');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

function ensureTools() {
  const missing = ['go', 'mvn'].filter((tool) => !has(tool));
  if (missing.length > 0)
    fail(
      `Missing on this machine: ${missing.join(
        ', '
      )}. Install Go and Maven (see README, Prerequisites).`
    );
}

function ensureChromium() {
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (fs.existsSync(chromium)) return;
  if (process.getuid && process.getuid() === 0 && has('apt-get')) {
    process.stdout.write("Installing Debian's chromium for the browser tests...\n");
    run('apt-get', ['update', '-qq']);
    run('apt-get', ['install', '-y', '-qq', 'chromium'], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    return;
  }
  fail(
    `The e2e tests need Chromium at ${chromium}: run "sudo apt-get install chromium" or set CHROMIUM_PATH.`
  );
}

/** Runs a long-lived child with our stdio, passing Ctrl-C and SIGTERM on, and resolves its exit code. */
function handOver(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, stdio: 'inherit' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  ensureNodeModules();
  ensureTools();
  const bin = (name) => path.join(ROOT, 'node_modules', '.bin', name);
  if (command === 'start') {
    process.exit(await handOver(bin('tsx'), ['dev/start.ts', ...passThrough]));
  }
  if (command === 'test') {
    ensureChromium();
    const resultsFile = path.join(ROOT, '.data', 'jest-results.json');
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.rmSync(resultsFile, { force: true });
    // In band: the integration and e2e suites start real processes and time scrapes; on two
    // cores, parallel suites would only contend with each other.
    const code = await handOver(bin('jest'), [
      '--runInBand',
      '--json',
      `--outputFile=${resultsFile}`,
      ...passThrough,
    ]);
    let passed = 0;
    let failed = 1;
    let skipped = 0;
    if (fs.existsSync(resultsFile)) {
      const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
      passed = results.numPassedTests;
      // A suite that crashed before its tests ran counts as a failure, never as nothing.
      failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
      skipped = results.numPendingTests + results.numTodoTests;
    }
    if (code !== 0 && failed === 0) failed = 1;
    process.stdout.write(
      `\n${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`
    );
    process.exit(code === 0 && failed === 0 ? 0 : 1);
  }
  fail(`usage: node dev/bootstrap.js start|test [jest args]`);
}

main();
