#!/usr/bin/env bash
# Writes the npm packages for this machine's platform into OUT_DIR:
#
#   scripts/package-npm.sh OUT_DIR
#
#   OUT_DIR/cio-lint-<version>.tgz                 the main package (launcher + schema)
#   OUT_DIR/cio-lint-cli-<platform>-<version>.tgz  the binary of this platform
#
# It builds the shipped binary (`cargo build --profile dist`) unless CIO_LINT_DIST_BINARY
# names one already built. For the release workflow, which builds every target on its
# own runner:
#   CIO_LINT_CARGO_TARGET  a Rust target to build for (e.g. x86_64-unknown-linux-musl)
#   CIO_LINT_NPM_PLATFORM  the platform package to write (linux-x64, linux-x64-musl,
#                          linux-arm64, darwin-x64, darwin-arm64, win32-x64); default:
#                          this machine's, as the launcher computes it
# Prints the two tarballs' paths, one per line, last.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Paths inside JavaScript strings: Windows form under Git Bash (the release's Windows runner).
JS_ROOT="$ROOT"
command -v cygpath >/dev/null 2>&1 && JS_ROOT="$(cygpath -m "$ROOT")"
OUT="${1:?usage: scripts/package-npm.sh OUT_DIR}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
command -v node >/dev/null || { echo "package-npm: node is needed" >&2; exit 2; }
command -v npm >/dev/null || { echo "package-npm: npm is needed" >&2; exit 2; }

VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -1)"
NPM_VERSION="$(node -p "require('$JS_ROOT/npm/cio-lint/package.json').version")"
if [ "$VERSION" != "$NPM_VERSION" ]; then
  echo "package-npm: Cargo.toml says $VERSION, npm/cio-lint/package.json says $NPM_VERSION" >&2
  exit 1
fi

PLATFORM="${CIO_LINT_NPM_PLATFORM:-$(node -e "
  const p = require('$JS_ROOT/npm/cio-lint/lib/platform.js');
  console.log(p.candidatePackages(process.platform, process.arch, p.detectMusl())[0].replace('@cio-lint/cli-', ''));
")}"
TARGET="$(node -p "require('$JS_ROOT/npm/cio-lint/lib/platform.js').TARGETS['$PLATFORM'] || ''")"
[ -n "$TARGET" ] || { echo "package-npm: no such platform '$PLATFORM'" >&2; exit 2; }
EXE=cio-lint
case "$PLATFORM" in win32-*) EXE=cio-lint.exe ;; esac

BIN="${CIO_LINT_DIST_BINARY:-}"
if [ -z "$BIN" ]; then
  target_args=()
  [ -n "${CIO_LINT_CARGO_TARGET:-}" ] && target_args=(--target "$CIO_LINT_CARGO_TARGET")
  echo "package-npm: cargo build --profile dist ${target_args[*]}" >&2
  (cd "$ROOT" && cargo build --profile dist --locked --bin cio-lint "${target_args[@]}" >&2)
  TARGET_DIR="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | node -e "
    let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => console.log(JSON.parse(s).target_directory));")"
  BIN="$TARGET_DIR/${CIO_LINT_CARGO_TARGET:+$CIO_LINT_CARGO_TARGET/}dist/$EXE"
fi
[ -f "$BIN" ] || { echo "package-npm: no binary at $BIN" >&2; exit 1; }

STAGE="$(mktemp -d "${TMPDIR:-/tmp}/cio-lint-npm.XXXXXX")"
trap 'rm -rf "$STAGE"' EXIT

# The main package: the launcher, the schemas (config and tracking plan), README and LICENSE.
mkdir -p "$STAGE/main"
cp -R "$ROOT/npm/cio-lint/bin" "$ROOT/npm/cio-lint/lib" "$ROOT/npm/cio-lint/package.json" \
  "$ROOT/npm/cio-lint/README.md" "$STAGE/main/"
cp "$ROOT/cio-lint.schema.json" "$ROOT/tracking-plan.schema.json" "$ROOT/LICENSE" "$STAGE/main/"
chmod 755 "$STAGE/main/bin/cio-lint.js"

# The platform package, from the template.
mkdir -p "$STAGE/platform/bin"
cp "$BIN" "$STAGE/platform/bin/$EXE"
chmod 755 "$STAGE/platform/bin/$EXE"
cp "$ROOT/LICENSE" "$STAGE/platform/"
node - "$ROOT/npm/platform" "$STAGE/platform" "$PLATFORM" "$TARGET" "$VERSION" <<'NODE'
const fs = require('node:fs');
const path = require('node:path');
const [template, stage, key, target, version] = process.argv.slice(2);
const fill = (text) =>
  text.replaceAll('@KEY@', key).replaceAll('@TARGET@', target).replaceAll('@VERSION@', version);
const manifest = JSON.parse(fill(fs.readFileSync(path.join(template, 'package.template.json'), 'utf8')));
const [os, cpu, libc] = key.split('-');
manifest.os = [os];
manifest.cpu = [cpu];
if (os === 'linux') {
  manifest.libc = [libc === 'musl' ? 'musl' : 'glibc'];
} else {
  delete manifest.libc;
}
fs.writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
fs.writeFileSync(path.join(stage, 'README.md'), fill(fs.readFileSync(path.join(template, 'README.md'), 'utf8')));
NODE

export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
MAIN_TGZ="$(cd "$STAGE/main" && npm pack --silent --pack-destination "$OUT" | tail -1)"
PLATFORM_TGZ="$(cd "$STAGE/platform" && npm pack --silent --pack-destination "$OUT" | tail -1)"
echo "package-npm: $("$BIN" --version 2>/dev/null || echo "$EXE for $PLATFORM"), $(wc -c <"$BIN") bytes" >&2
echo "$OUT/$MAIN_TGZ"
echo "$OUT/$PLATFORM_TGZ"
