'use strict';
// Which platform package carries the binary for this machine, and where its binary is.
// Kept apart from bin/cio-lint.js so that test/launcher.test.js can call it with any
// platform, architecture and environment.

const fs = require('node:fs');
const path = require('node:path');

/** The environment variable that names a binary to run instead of a platform package's. */
const BINARY_ENV = 'CIO_LINT_BINARY';

/**
 * The platforms a package is published for: `<process.platform>-<process.arch>[-musl]`
 * → the Rust target it is built from (also in .github/workflows/release.yml).
 */
const TARGETS = {
  'linux-x64': 'x86_64-unknown-linux-gnu',
  'linux-x64-musl': 'x86_64-unknown-linux-musl',
  'linux-arm64': 'aarch64-unknown-linux-gnu',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc',
};

/** True when this Node.js runs on musl libc (Alpine and the like), not glibc. */
function detectMusl() {
  if (process.platform !== 'linux') {
    return false;
  }
  try {
    const report = process.report && process.report.getReport();
    const header = report && (typeof report === 'string' ? JSON.parse(report).header : report.header);
    if (header) {
      return !header.glibcVersionRuntime;
    }
  } catch {
    // Fall through to the loader's name.
  }
  try {
    return fs.readdirSync('/lib').some((name) => name.startsWith('ld-musl-'));
  } catch {
    return false;
  }
}

/**
 * The platform packages to look in, best first. On glibc Linux the musl build is a
 * fallback (it is static and runs there too); on musl only the musl build runs.
 */
function candidatePackages(platform, arch, musl) {
  const base = `${platform}-${arch}`;
  const keys = platform === 'linux' ? (musl ? [`${base}-musl`] : [base, `${base}-musl`]) : [base];
  return keys.filter((key) => key in TARGETS).map((key) => `@cio-lint/cli-${key}`);
}

function exeName(platform) {
  return platform === 'win32' ? 'cio-lint.exe' : 'cio-lint';
}

/**
 * Finds the binary to run.
 *
 * Returns `{ path, source }` (source: the env var or the package name) or
 * `{ error }` with a message that says what was tried and what to do.
 * `resolve` is `require.resolve` (tests pass their own).
 */
function findBinary({
  env = process.env,
  platform = process.platform,
  arch = process.arch,
  musl = detectMusl(),
  resolve = require.resolve,
} = {}) {
  const override = env[BINARY_ENV];
  if (override) {
    if (isFile(override)) {
      return { path: path.resolve(override), source: BINARY_ENV };
    }
    return { error: `cio-lint: ${BINARY_ENV} is set to "${override}", but there is no file there.` };
  }
  const packages = candidatePackages(platform, arch, musl);
  for (const name of packages) {
    let manifest;
    try {
      manifest = resolve(`${name}/package.json`);
    } catch {
      continue;
    }
    const binary = path.join(path.dirname(manifest), 'bin', exeName(platform));
    if (isFile(binary)) {
      return { path: binary, source: name };
    }
  }
  const key = `${platform}-${arch}${platform === 'linux' && musl ? '-musl' : ''}`;
  const tried = packages.length ? packages.join(' or ') : 'none';
  return {
    error:
      `cio-lint: no cio-lint binary for this platform (${key}).\n` +
      `  Looked for the package ${tried}, which npm installs with cio-lint as an\n` +
      '  optional dependency. It is missing when npm ran with --no-optional (or\n' +
      '  --omit=optional), when node_modules was copied from another platform, or when\n' +
      `  no binary is published for ${key}.\n` +
      '  Fix: reinstall without omitting optional dependencies (rm -rf node_modules &&\n' +
      `  npm install), or set ${BINARY_ENV} to a cio-lint binary you built\n` +
      '  (cargo install --locked --git https://github.com/cio-lint/cio-lint).\n' +
      `  Published platforms: ${Object.keys(TARGETS).join(', ')}.`,
  };
}

function isFile(file) {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

module.exports = { BINARY_ENV, TARGETS, candidatePackages, detectMusl, exeName, findBinary };
