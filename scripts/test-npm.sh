#!/usr/bin/env bash
# The npm packages as a user gets them: packs them (scripts/package-npm.sh), installs
# both tarballs into a new project with no network (`npm install --offline`), and runs
# the installed command. Also runs the launcher's unit tests and the smoke test of the
# packaged binary.
#
#   scripts/test-npm.sh [PACKAGES_DIR]   # PACKAGES_DIR: reuse tarballs already packed there
#
# Prints PASS/FAIL per check and "npm: N passed, M failed"; exits 1 when one failed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VERSION="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -1)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cio-lint-npm-test.XXXXXX")"
export npm_config_cache="$WORK/npm-cache" # empty: --offline must not need anything cached
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

passed=0 failed=0
pass() { echo "PASS $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
finish() {
  echo "npm: $passed passed, $failed failed"
  if [ "$failed" = 0 ]; then rm -rf "$WORK"; else echo "  .. kept $WORK"; fi
  [ "$failed" = 0 ]
}

echo "== launcher unit tests (node --test)"
if (cd "$ROOT/npm/cio-lint" && node --test test/); then pass "launcher unit tests"; else fail "launcher unit tests"; fi

PACKAGES="${1:-$WORK/packages}"
if [ -z "${1:-}" ]; then
  echo "== scripts/package-npm.sh"
  "$ROOT/scripts/package-npm.sh" "$PACKAGES" >/dev/null || { fail "package-npm.sh"; finish; exit 1; }
fi
MAIN="$PACKAGES/cio-lint-$VERSION.tgz"
PLATFORM="$(ls "$PACKAGES"/cio-lint-cli-*-"$VERSION".tgz | head -1)"
[ -f "$MAIN" ] && [ -f "$PLATFORM" ] && pass "both tarballs written ($(basename "$MAIN"), $(basename "$PLATFORM"))" \
  || { fail "tarballs in $PACKAGES"; finish; exit 1; }

# What is in the tarballs: the launcher package carries the schema and no binary.
listing="$(tar tzf "$MAIN")"
grep -qx 'package/cio-lint.schema.json' <<<"$listing" && grep -qx 'package/tracking-plan.schema.json' <<<"$listing" \
  && ! grep -q 'package/bin/cio-lint$' <<<"$listing" \
  && pass "main package has the schemas and no binary" || fail "main package contents: $listing"
grep -qE '^-rwx.* package/bin/cio-lint(\.exe)?$' <<<"$(tar tvzf "$PLATFORM")" \
  && pass "platform package has an executable bin/cio-lint" || fail "platform package contents: $(tar tvzf "$PLATFORM")"

echo "== npm install --offline into a new project"
PROJECT="$WORK/project"
mkdir -p "$PROJECT"
# A project of its own (the example's package.json lists express and customerio-node,
# which an offline install cannot fetch), with a copy of the example app in it.
echo '{ "name": "cio-lint-npm-test", "version": "1.0.0", "private": true }' >"$PROJECT/package.json"
cp -R "$ROOT/examples/express-app" "$PROJECT/app"
rm -rf "$PROJECT/app/node_modules"
cp "$MAIN" "$PROJECT/a.tgz"
cp "$PLATFORM" "$PROJECT/b.tgz"
cd "$PROJECT"
if timeout 300 npm install --offline ./a.tgz ./b.tgz >"$WORK/install.log" 2>&1; then
  pass "npm install --offline ./a.tgz ./b.tgz"
else
  fail "npm install --offline: $(cat "$WORK/install.log")"
  finish
  exit 1
fi

out="$(npx --no-install cio-lint --version 2>&1)" && [ "$out" = "cio-lint $VERSION" ] \
  && pass "npx cio-lint --version prints cio-lint $VERSION" || fail "npx cio-lint --version: $out"

rc=0
npx --no-install cio-lint check app >"$WORK/check.txt" 2>&1 || rc=$?
# The example app has 3 errors (see examples/express-app/README.md): exit 1.
[ "$rc" = 1 ] && grep -q 'millisecond-timestamp' "$WORK/check.txt" && grep -q '^Checked 6 files' "$WORK/check.txt" \
  && pass "npx cio-lint check on the example app exits 1 with its findings" \
  || fail "npx cio-lint check: exit $rc: $(tail -5 "$WORK/check.txt")"

rc=0
npx --no-install cio-lint check --format sarif app >"$WORK/check.sarif" 2>/dev/null || rc=$?
[ "$rc" = 1 ] && node -e "const s = JSON.parse(require('fs').readFileSync('$WORK/check.sarif', 'utf8')); if (s.version !== '2.1.0' || !s.runs[0].results.length) process.exit(1)" \
  && pass "npx cio-lint check --format sarif writes SARIF 2.1.0 with results" || fail "sarif: exit $rc"

# "$schema" pointing into node_modules: the file is there, and check accepts the config.
[ -f node_modules/cio-lint/cio-lint.schema.json ] && cmp -s node_modules/cio-lint/cio-lint.schema.json "$ROOT/cio-lint.schema.json" \
  && pass "node_modules/cio-lint/cio-lint.schema.json is the schema" || fail "schema not in node_modules/cio-lint"
cmp -s node_modules/cio-lint/tracking-plan.schema.json "$ROOT/tracking-plan.schema.json" \
  && pass "node_modules/cio-lint/tracking-plan.schema.json is the plan schema" || fail "plan schema not in node_modules/cio-lint"
printf '{\n  "$schema": "./node_modules/cio-lint/cio-lint.schema.json",\n  "rules": { "millisecond-timestamp": "off", "hardcoded-credentials": "off", "pii-in-event-name": "off", "wrong-api-key": "off" }\n}\n' >cio-lint.json
rc=0
npx --no-install cio-lint check app >"$WORK/check-config.txt" 2>&1 || rc=$?
[ "$rc" = 0 ] && ! grep -q 'millisecond-timestamp' "$WORK/check-config.txt" \
  && pass 'a cio-lint.json with "$schema": "./node_modules/cio-lint/cio-lint.schema.json" is read' \
  || fail "config with \$schema: exit $rc: $(tail -5 "$WORK/check-config.txt")"
rm cio-lint.json

# The installed command runs the platform package's binary (not one from PATH).
resolved="$(node -e "console.log(require('cio-lint/lib/platform.js').findBinary().path)")"
case "$resolved" in
  "$PROJECT/node_modules/@cio-lint/cli-"*/bin/cio-lint*) pass "the launcher runs the platform package's binary ($resolved)" ;;
  *) fail "launcher resolved $resolved" ;;
esac

echo "== smoke test of the packaged binary"
if node "$ROOT/scripts/smoke-test.mjs" "$resolved"; then pass "smoke test"; else fail "smoke test"; fi

finish
