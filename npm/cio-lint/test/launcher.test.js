'use strict';
// Tests of the npm launcher: which platform package it picks, the CIO_LINT_BINARY
// override, and that the command it runs gets the arguments, streams and signals and
// gives back its exit code or signal. `node --test test/` (no install needed).

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { BINARY_ENV, TARGETS, candidatePackages, findBinary } = require('../lib/platform.js');
const manifest = require('../package.json');

const launcher = path.join(__dirname, '..', 'bin', 'cio-lint.js');
const posix = process.platform !== 'win32';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cio-lint-launcher-'));
test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));

// A stand-in for the binary: a shell script whose behaviour the test picks.
function fakeBinary(name, body) {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

function runLauncher(args, env, input) {
  return spawnSync(process.execPath, [launcher, ...args], {
    env: { ...process.env, ...env },
    input,
    encoding: 'utf8',
    timeout: 20000,
  });
}

test('platform packages, best first', () => {
  assert.deepEqual(candidatePackages('linux', 'x64', false), ['@cio-lint/cli-linux-x64', '@cio-lint/cli-linux-x64-musl']);
  assert.deepEqual(candidatePackages('linux', 'x64', true), ['@cio-lint/cli-linux-x64-musl']);
  assert.deepEqual(candidatePackages('linux', 'arm64', false), ['@cio-lint/cli-linux-arm64']);
  // No arm64 musl build is published: on musl arm64 nothing fits (a glibc build would not run).
  assert.deepEqual(candidatePackages('linux', 'arm64', true), []);
  assert.deepEqual(candidatePackages('darwin', 'arm64', false), ['@cio-lint/cli-darwin-arm64']);
  assert.deepEqual(candidatePackages('darwin', 'x64', false), ['@cio-lint/cli-darwin-x64']);
  assert.deepEqual(candidatePackages('win32', 'x64', false), ['@cio-lint/cli-win32-x64']);
  assert.deepEqual(candidatePackages('freebsd', 'x64', false), []);
});

test('optionalDependencies are exactly the published platforms, at the same version', () => {
  const expected = Object.fromEntries(
    Object.keys(TARGETS)
      .sort()
      .map((key) => [`@cio-lint/cli-${key}`, manifest.version]),
  );
  assert.deepEqual(manifest.optionalDependencies, expected);
  assert.equal(manifest.bin['cio-lint'], 'bin/cio-lint.js');
  assert.ok(manifest.files.includes('cio-lint.schema.json'), 'the schema ships in the package');
  assert.ok(manifest.files.includes('tracking-plan.schema.json'), 'the plan schema ships too');
});

test('finds the binary in the platform package, and falls back to the musl build on glibc', () => {
  const pkg = path.join(tmp, 'node_modules', '@cio-lint', 'cli-linux-x64-musl');
  fs.mkdirSync(path.join(pkg, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{}');
  fs.writeFileSync(path.join(pkg, 'bin', 'cio-lint'), '', { mode: 0o755 });
  const resolve = (request) => {
    const file = path.join(tmp, 'node_modules', request);
    if (!fs.existsSync(file)) throw Object.assign(new Error('not found'), { code: 'MODULE_NOT_FOUND' });
    return file;
  };
  const found = findBinary({ env: {}, platform: 'linux', arch: 'x64', musl: false, resolve });
  assert.deepEqual(found, { path: path.join(pkg, 'bin', 'cio-lint'), source: '@cio-lint/cli-linux-x64-musl' });

  const none = findBinary({ env: {}, platform: 'darwin', arch: 'arm64', musl: false, resolve });
  assert.match(none.error, /no cio-lint binary for this platform \(darwin-arm64\)/);
  assert.match(none.error, /@cio-lint\/cli-darwin-arm64/);
  assert.match(none.error, new RegExp(BINARY_ENV));
});

test('CIO_LINT_BINARY wins, and a wrong one is an error that names it', () => {
  const bin = fakeBinary('override', 'exit 0');
  assert.deepEqual(findBinary({ env: { [BINARY_ENV]: bin }, resolve: () => assert.fail('not looked up') }), {
    path: bin,
    source: BINARY_ENV,
  });
  const wrong = findBinary({ env: { [BINARY_ENV]: path.join(tmp, 'nothing-here') } });
  assert.match(wrong.error, /CIO_LINT_BINARY is set to ".*nothing-here", but there is no file there/);
});

test('arguments, stdin and stdout pass through; the exit code comes back', { skip: !posix && 'needs a POSIX shell' }, () => {
  const bin = fakeBinary('echo-args', 'for a in "$@"; do printf "[%s]" "$a"; done; echo; cat; exit 3');
  const result = runLauncher(['check', '--format', 'json', 'a b', ''], { [BINARY_ENV]: bin }, 'from stdin\n');
  assert.equal(result.status, 3, result.stderr);
  assert.equal(result.stdout, '[check][--format][json][a b][]\nfrom stdin\n');
});

test('exit codes 0 and 1 come back unchanged', { skip: !posix && 'needs a POSIX shell' }, () => {
  for (const code of [0, 1]) {
    const bin = fakeBinary(`exit-${code}`, `exit ${code}`);
    assert.equal(runLauncher([], { [BINARY_ENV]: bin }).status, code);
  }
});

test('a binary killed by a signal: the launcher dies of the same signal', { skip: !posix && 'needs POSIX signals' }, () => {
  const bin = fakeBinary('self-kill', 'kill -TERM $$; sleep 5');
  const result = runLauncher([], { [BINARY_ENV]: bin });
  assert.equal(result.signal, 'SIGTERM', `status ${result.status}, stderr ${result.stderr}`);
});

test('a signal sent to the launcher reaches the binary', { skip: !posix && 'needs POSIX signals' }, async () => {
  const mark = path.join(tmp, 'got-term');
  const bin = fakeBinary('wait-for-term', `trap 'kill $pid; echo term > "${mark}"; exit 7' TERM\necho ready\nsleep 30 & pid=$!\nwait`);
  const child = spawn(process.execPath, [launcher], { env: { ...process.env, [BINARY_ENV]: bin } });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGTERM');
  const [code] = await new Promise((resolve) => child.on('exit', (...args) => resolve(args)));
  assert.equal(code, 7);
  assert.equal(fs.readFileSync(mark, 'utf8'), 'term\n');
});

test('no binary: exit 2 with a message that says what to do', () => {
  // The launcher in this source tree has no platform package beside it.
  const env = { ...process.env };
  delete env[BINARY_ENV];
  const result = spawnSync(process.execPath, [launcher, '--version'], { env, encoding: 'utf8', cwd: tmp, timeout: 20000 });
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /no cio-lint binary for this platform/);
  assert.match(result.stderr, /optional dependency/);
  assert.match(result.stderr, /CIO_LINT_BINARY/);
});

test('a binary that cannot be run: exit 2 naming it', { skip: !posix && 'needs POSIX file modes' }, () => {
  const file = path.join(tmp, 'not-executable');
  fs.writeFileSync(file, 'data', { mode: 0o644 });
  const result = runLauncher([], { [BINARY_ENV]: file });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /could not run .*not-executable \(from CIO_LINT_BINARY\)/);
});
