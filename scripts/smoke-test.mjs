#!/usr/bin/env node
// Smoke test of a built cio-lint binary, as shipped (npm platform package, .vsix,
// GitHub release). Runs on every release runner (Linux, macOS, Windows) and in .ci/run:
//
//   node scripts/smoke-test.mjs PATH/TO/cio-lint [--max-bytes N]
//
// Checks: `--version` and the language server's serverInfo give Cargo.toml's version
// (which tests/dist.rs keeps equal to the npm and VS Code package versions); `check`
// finds a pitfall on stdin and exits 1; the binary is at most --max-bytes (default
// 15 MB); and on Linux and macOS a panic's backtrace names the functions (the symbol
// table survived stripping). Prints PASS/FAIL per check, then "smoke: N passed, M failed".

import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const binary = args[0] && resolve(args[0]);
const maxAt = args.indexOf('--max-bytes');
const maxBytes = maxAt >= 0 ? Number(args[maxAt + 1]) : 15_000_000;
const version = /^version = "(.*)"$/m.exec(readFileSync(join(repo, 'Cargo.toml'), 'utf8'))[1];

let passed = 0;
let failed = 0;
function check(name, ok, detail) {
  if (ok) {
    passed++;
    console.log(`PASS ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}${detail === undefined ? '' : `: ${String(detail).slice(0, 1500)}`}`);
  }
}

if (!binary) {
  console.log('usage: node scripts/smoke-test.mjs PATH/TO/cio-lint [--max-bytes N]');
  process.exit(2);
}

// --- version, size --------------------------------------------------------------------
const v = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 30000 });
check(`--version is "cio-lint ${version}"`, v.status === 0 && v.stdout.trim() === `cio-lint ${version}`, v.stdout + v.stderr + (v.error ?? ''));
const size = statSync(binary).size;
check(`binary is at most ${maxBytes} bytes (${size})`, size <= maxBytes, size);

// --- check on stdin -------------------------------------------------------------------
const source = "import { TrackClient } from 'customerio-node';\n" +
  'const cio = new TrackClient(process.env.SITE_ID, process.env.API_KEY);\n' +
  "cio.identify('u1', { created_at: Date.now() });\n";
const c = spawnSync(binary, ['check', '--format', 'json', '--stdin-filename', 'src/a.ts'], { input: source, encoding: 'utf8', timeout: 30000 });
let rules = [];
try {
  rules = JSON.parse(c.stdout).diagnostics.map((d) => d.rule);
} catch {}
check('check --stdin-filename finds millisecond-timestamp and exits 1', c.status === 1 && rules.includes('millisecond-timestamp'), `exit ${c.status}: ${c.stdout}${c.stderr}`);

// --- the language server --------------------------------------------------------------
function frame(message) {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

// Starts `cio-lint lsp`, sends initialize (and `then` messages after the answer), and
// resolves with the initialize result and the server's stderr once it has ended.
function lspSession(env, then, waitForStderr) {
  return new Promise((done) => {
    const child = spawn(binary, ['lsp'], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = Buffer.alloc(0);
    let err = '';
    let result;
    const finish = () => {
      child.stdin.end(frame({ method: 'exit' }));
    };
    const timer = setTimeout(() => child.kill(), 20000);
    child.stderr.on('data', (d) => {
      err += d;
      if (waitForStderr && waitForStderr.test(err)) {
        setTimeout(finish, 300);
      }
    });
    child.stdout.on('data', (d) => {
      out = Buffer.concat([out, d]);
      for (;;) {
        const head = out.indexOf('\r\n\r\n');
        if (head < 0) return;
        const length = Number(/Content-Length: (\d+)/i.exec(out.subarray(0, head).toString())[1]);
        if (out.length < head + 4 + length) return;
        const message = JSON.parse(out.subarray(head + 4, head + 4 + length).toString('utf8'));
        out = out.subarray(head + 4 + length);
        if (message.id === 1) {
          result = message.result;
          child.stdin.write(frame({ method: 'initialized', params: {} }));
          for (const m of then) child.stdin.write(frame(m));
          if (!waitForStderr) {
            child.stdin.write(frame({ id: 2, method: 'shutdown' }));
          }
        } else if (message.id === 2) {
          finish();
        }
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      done({ result, stderr: err });
    });
    child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
  });
}

const session = await lspSession({}, []);
const info = session.result?.serverInfo;
check(`lsp serverInfo is cio-lint ${version}`, info?.name === 'cio-lint' && info?.version === version, JSON.stringify(info) + session.stderr);

// --- backtraces name functions --------------------------------------------------------
// The publisher task is outside every catch_unwind boundary on purpose (a panic there
// is caught by its tokio task instead), so an injected panic there reaches the default
// panic hook, which prints the backtrace RUST_BACKTRACE asks for.
if (process.platform === 'win32') {
  console.log('SKIP backtrace names functions: the Windows (MSVC) build keeps its symbols in a .pdb, not in the .exe');
} else {
  const uri = 'file:///smoke/src/a.ts';
  const panicked = await lspSession(
    { CIO_LINT_INJECT_PANIC: 'publish', RUST_BACKTRACE: '1', CIO_LINT_LOG: 'error' },
    [{ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'typescript', version: 1, text: source } } }],
    /internal error while publishing/,
  );
  const named = /cio_lint::lsp::publisher::send/.test(panicked.stderr);
  check('a panic backtrace (RUST_BACKTRACE=1) names the functions, e.g. cio_lint::lsp::publisher::send', named, panicked.stderr.slice(0, 1500));
}

console.log(`smoke: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
