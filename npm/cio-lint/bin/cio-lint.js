#!/usr/bin/env node
'use strict';
// The `cio-lint` command of the npm package: runs the native binary of the platform
// package npm installed beside this one (or the one CIO_LINT_BINARY names) with the same
// arguments, standard streams and environment, and ends the way it ended: the same exit
// code, or the same signal.

const { spawn } = require('node:child_process');
const os = require('node:os');
const { findBinary } = require('../lib/platform.js');

const found = findBinary();
if (found.error) {
  process.stderr.write(`${found.error}\n`);
  // 2: cio-lint's own code for "could not check", never mistaken for findings (1).
  process.exit(2);
}

const child = spawn(found.path, process.argv.slice(2), { stdio: 'inherit', windowsHide: true });

// Signals sent to this process (a terminal's Ctrl+C reaches both; an editor or CI
// runner stopping it reaches only this one) go on to the binary; this process waits
// for it to end.
const forwarded = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
const handlers = forwarded.map((signal) => {
  const handler = () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
    }
  };
  try {
    process.on(signal, handler);
  } catch {
    // Not every signal exists on every platform (Windows has no SIGQUIT handler).
  }
  return [signal, handler];
});

child.on('error', (err) => {
  process.stderr.write(`cio-lint: could not run ${found.path} (from ${found.source}): ${err.message}\n`);
  process.exit(2);
});

child.on('exit', (code, signal) => {
  if (signal) {
    // Die of the same signal, so that the caller sees what the binary saw.
    for (const [name, handler] of handlers) {
      process.removeListener(name, handler);
    }
    process.kill(process.pid, signal);
    // Should the signal not end this process (ignored by the parent), the shell's
    // convention: 128 + the signal's number.
    setTimeout(() => process.exit(128 + (os.constants.signals[signal] ?? 0)), 1000).unref();
    return;
  }
  process.exit(code ?? 2);
});
