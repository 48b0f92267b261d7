#!/usr/bin/env bash
# Writes the VS Code extension for this machine's platform into OUT_DIR, with the
# shipped binary bundled:
#
#   scripts/package-vscode.sh OUT_DIR     # → OUT_DIR/cio-lint-<vsce target>-<version>.vsix
#
# Builds the binary (`cargo build --profile dist`) unless CIO_LINT_DIST_BINARY names one
# already built; installs the extension's dependencies (npm ci) when they are missing.
# CIO_LINT_VSCE_TARGET overrides the target (win32-x64, linux-x64, linux-arm64,
# alpine-x64, darwin-x64, darwin-arm64), for the release workflow. Prints the .vsix path.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# Paths inside JavaScript strings: Windows form under Git Bash (the release's Windows runner).
JS_ROOT="$ROOT"
command -v cygpath >/dev/null 2>&1 && JS_ROOT="$(cygpath -m "$ROOT")"
OUT="${1:?usage: scripts/package-vscode.sh OUT_DIR}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
EXT="$ROOT/editors/vscode"
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -1)"
EXT_VERSION="$(node -p "require('$JS_ROOT/editors/vscode/package.json').version")"
if [ "$VERSION" != "$EXT_VERSION" ]; then
  echo "package-vscode: Cargo.toml says $VERSION, editors/vscode/package.json says $EXT_VERSION" >&2
  exit 1
fi

# vsce's platform names: like Node's, except that musl Linux is "alpine".
TARGET="${CIO_LINT_VSCE_TARGET:-$(node -e "
  const p = require('$JS_ROOT/npm/cio-lint/lib/platform.js');
  const musl = p.detectMusl();
  console.log(musl ? 'alpine-' + process.arch : process.platform + '-' + process.arch);
")}"

BIN="${CIO_LINT_DIST_BINARY:-}"
if [ -z "$BIN" ]; then
  echo "package-vscode: cargo build --profile dist" >&2
  (cd "$ROOT" && cargo build --profile dist --locked --bin cio-lint >&2)
  TARGET_DIR="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | node -e "
    let s = ''; process.stdin.on('data', (d) => (s += d)).on('end', () => console.log(JSON.parse(s).target_directory));")"
  BIN="$TARGET_DIR/dist/cio-lint"
  case "$TARGET" in win32-*) BIN="$BIN.exe" ;; esac
fi
[ -f "$BIN" ] || { echo "package-vscode: no binary at $BIN" >&2; exit 1; }

export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
if [ ! -f "$EXT/node_modules/.package-lock.json" ] || [ "$EXT/package-lock.json" -nt "$EXT/node_modules/.package-lock.json" ]; then
  echo "package-vscode: npm ci in editors/vscode" >&2
  (cd "$EXT" && npm ci --no-audit --no-fund >&2)
fi

VSIX="$OUT/cio-lint-$TARGET-$VERSION.vsix"
(cd "$EXT" && CIO_LINT_BUNDLE_BINARY="$BIN" npx --no-install vsce package --no-dependencies --target "$TARGET" -o "$VSIX" >&2)
echo "$VSIX"
