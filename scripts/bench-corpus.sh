#!/usr/bin/env bash
# `cio-lint check` on a real-world corpus, against tree-sitter's parse of the same files.
#
# The corpus is the npm packages pinned in benches/corpus.lock (name, version, the
# registry's sha512 integrity). Each is fetched once with `npm pack` into
# target/bench-corpus/tarballs, checked against the lock, and extracted; then two trees
# are built from their TypeScript and JavaScript files:
#   sparse  the files as they are: a code base without any Customer.io code;
#   dense   every file with a Customer.io block appended (a client, identify and track
#           with a millisecond timestamp), so that every file is analysed and the rules
#           fire.
# Each tree is a git repository of its own (as a project is), with no cio-lint.json.
# In one run it then times, best of --runs (interleaved, so that a busy spell of a
# shared machine hits all of them alike):
#   check   the release `cio-lint check --format json --quiet`, the default config, no
#           size limit (`--max-file-size`);
#   parse   benches/parse_only.rs: the same walk, every file read and parsed with the
#           same grammars, on the same number of threads, and nothing else;
#   oxlint  (optional, skipped when npm cannot install it) oxlint on the sparse tree,
#           for scale.
# and prints, for each tree: files, bytes, findings, the CPU (user + system) and wall
# seconds of check and of the parse, and check / parse of both. The CPU ratio is the
# figure to quote from a shared machine.
#
# Usage: scripts/bench-corpus.sh [--runs N] [--threads N] [--no-oxlint] [--prepare]
#        scripts/bench-corpus.sh --update-lock
#   --update-lock  rewrite the lock's integrities with `npm view NAME@VERSION
#                  dist.integrity` (after editing its names or versions), then stop
#   --prepare      fetch, verify and build the trees, then stop
#   --threads N    threads for all tools (default: RAYON_NUM_THREADS, else nproc)
# Needs npm (and node), cargo, git, tar, openssl. CIO_BENCH_CORPUS moves the corpus folder.
set -euo pipefail
cd "$(dirname "$0")/.."
export LC_ALL=C

LOCK=benches/corpus.lock
CORPUS=${CIO_BENCH_CORPUS:-target/bench-corpus}
OXLINT_VERSION=1.95.0
RUNS=3
THREADS=${RAYON_NUM_THREADS:-$(nproc)}
OXLINT=1
MODE=bench

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }
die() { echo "bench-corpus: $*" >&2; exit 2; }

while (($#)); do
  case $1 in
    --update-lock) MODE=update ;;
    --prepare) MODE=prepare ;;
    --runs) RUNS=${2:?--runs N}; shift ;;
    --threads) THREADS=${2:?--threads N}; shift ;;
    --no-oxlint) OXLINT=0 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown argument $1 (see --help)" ;;
  esac
  shift
done
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "--runs takes a positive number"
[[ $THREADS =~ ^[1-9][0-9]*$ ]] || die "--threads takes a positive number"
command -v npm >/dev/null || die "npm is needed to fetch the corpus"

# The lock's entries, comments and blank lines left out: NAME VERSION INTEGRITY.
entries() { grep -Ev '^[[:space:]]*(#|$)' "$LOCK"; }

if [[ $MODE == update ]]; then
  tmp=$(mktemp)
  grep -E '^[[:space:]]*(#|$)' "$LOCK" >"$tmp"
  while read -r name version _; do
    integrity=$(npm view "$name@$version" dist.integrity)
    [[ $integrity == sha512-* ]] || die "$name@$version: no sha512 integrity on the registry"
    echo "$name $version $integrity" >>"$tmp"
    echo "$name@$version $integrity"
  done < <(entries)
  mv "$tmp" "$LOCK"
  exit 0
fi

# ---- fetch, verify, extract -------------------------------------------------------------
mkdir -p "$CORPUS/tarballs" "$CORPUS/packages"
sha512() { echo "sha512-$(openssl dgst -sha512 -binary "$1" | base64 -w0)"; }
while read -r name version integrity; do
  [[ $integrity == sha512-* ]] || die "$name@$version has no integrity in $LOCK: run --update-lock"
  # npm pack's file name: @scope/name becomes scope-name.
  file=${name#@}
  tarball="$CORPUS/tarballs/${file//\//-}-$version.tgz"
  if [[ ! -f $tarball ]]; then
    echo "fetching $name@$version" >&2
    npm pack --silent --pack-destination "$CORPUS/tarballs" "$name@$version" >/dev/null
  fi
  actual=$(sha512 "$tarball")
  if [[ $actual != "$integrity" ]]; then
    mv "$tarball" "$tarball.mismatch"
    die "$name@$version: the tarball's integrity is $actual, the lock says $integrity (kept as $tarball.mismatch)"
  fi
  dir="$CORPUS/packages/$name@$version"
  if [[ ! -f $dir.extracted ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    tar -xzf "$tarball" -C "$dir" --strip-components=1
    touch "$dir.extracted"
  fi
done < <(entries)

# ---- the two trees -----------------------------------------------------------------------
# Appended to every file of the dense tree: valid at the end of an ES module, a CommonJS
# file or a TypeScript file (imports are hoisted), and written in plain JavaScript.
read -r -d '' CIO_BLOCK <<'JS' || true

// Appended by scripts/bench-corpus.sh: Customer.io code in every file.
import { TrackClient } from 'customerio-node';
const cioBench = new TrackClient(process.env.CIO_SITE_ID, process.env.CIO_API_KEY);
export async function cioBenchSignup(user) {
  await cioBench.identify(user.id, { email: user.email, created_at: Date.now() });
  cioBench.track(user.id, { name: 'signed_up', data: { plan: user.plan } });
}
JS
# Rebuilt when the lock or this script changes.
stamp=$(cat "$LOCK" "$0" | openssl dgst -sha256 -r | cut -d' ' -f1)
if [[ ! -f $CORPUS/trees.stamp || $(cat "$CORPUS/trees.stamp") != "$stamp" ]]; then
  echo "building the sparse and dense trees" >&2
  rm -rf "$CORPUS/sparse" "$CORPUS/dense" "$CORPUS/trees.stamp"
  mkdir -p "$CORPUS/sparse" "$CORPUS/dense"
  # What check reads as TypeScript or JavaScript (never .d.ts), outside hidden folders
  # and node_modules (which the walk skips anyway).
  (cd "$CORPUS/packages" && find . -mindepth 1 \( -name '.*' -o -name node_modules \) -prune -o -type f \
    \( -name '*.ts' -o -name '*.tsx' -o -name '*.mts' -o -name '*.cts' -o -name '*.js' \
    -o -name '*.jsx' -o -name '*.mjs' -o -name '*.cjs' \) \
    ! -name '*.d.ts' ! -name '*.d.mts' ! -name '*.d.cts' -print0) >"$CORPUS/files.list"
  [[ -s $CORPUS/files.list ]] || die "no TypeScript or JavaScript file in $CORPUS/packages"
  tar -C "$CORPUS/packages" --null -T "$CORPUS/files.list" -cf - | tar -C "$CORPUS/sparse" -xf -
  tar -C "$CORPUS/packages" --null -T "$CORPUS/files.list" -cf - | tar -C "$CORPUS/dense" -xf -
  while IFS= read -r -d '' f; do
    printf '\n%s\n' "$CIO_BLOCK" >>"$CORPUS/dense/$f"
  done <"$CORPUS/files.list"
  # Each tree is a repository of its own, as a project is: walks (cio-lint's, oxlint's)
  # then stop at it, instead of applying this repository's .gitignore, which names
  # target/. No cio-lint.json goes in: check would read it as a campaign file.
  git init -q "$CORPUS/sparse"
  git init -q "$CORPUS/dense"
  echo "$stamp" >"$CORPUS/trees.stamp"
fi
[[ $MODE == prepare ]] && { echo "corpus ready in $CORPUS/sparse and $CORPUS/dense"; exit 0; }

# ---- measure -----------------------------------------------------------------------------
export RAYON_NUM_THREADS=$THREADS
TARGET=$(cargo metadata --format-version 1 --no-deps | node -p 'JSON.parse(require("fs").readFileSync(0)).target_directory')
cargo build --release --locked --quiet --bin cio-lint
CIO_LINT="$TARGET/release/cio-lint"
# The bench binary itself, so that cargo's own start-up is not timed.
PARSE_ONLY=$(cargo bench --locked --quiet --bench parse_only --no-run --message-format=json |
  node -e 'for (const l of require("fs").readFileSync(0, "utf8").split("\n")) {
    const m = l && JSON.parse(l);
    if (m && m.target && m.target.name === "parse_only" && m.executable) console.log(m.executable);
  }')
[[ -x $PARSE_ONLY ]] || die "cargo built no parse_only bench binary"
# Every file under the default config, whatever cio-lint.json lies above the corpus.
echo '{}' >"$CORPUS/cio-lint.json"

OXLINT_BIN=
if ((OXLINT)); then
  oxdir="$CORPUS/oxlint-$OXLINT_VERSION"
  if [[ ! -x $oxdir/node_modules/.bin/oxlint ]]; then
    npm install --silent --no-audit --no-fund --prefix "$oxdir" "oxlint@$OXLINT_VERSION" >/dev/null 2>&1 || true
  fi
  if "$oxdir/node_modules/.bin/oxlint" --version >/dev/null 2>&1; then
    OXLINT_BIN="$oxdir/node_modules/.bin/oxlint"
  else
    echo "oxlint@$OXLINT_VERSION could not be installed: its line is skipped" >&2
  fi
fi

# Wall-clock time and CPU time (user + system), each the best of the runs. On a shared
# machine the CPU time is the steadier of the two: waiting for a core is not work.
declare -A wall cpu
TIMEFORMAT='%R %U %S'
# measure NAME COMMAND…: runs it (output in $CORPUS/NAME.out and .err) and keeps its
# best times under NAME; a failure is reported, not fatal (check exits 1 on findings).
measure() {
  local name=$1 rc=0 w u s
  shift
  { time "$@" >"$CORPUS/$name.out" 2>"$CORPUS/$name.err" || rc=$?; } 2>"$CORPUS/$name.time"
  read -r w u s <"$CORPUS/$name.time"
  if ((rc != 0)) && [[ $name != oxlint ]]; then
    echo "warning: $name exited with $rc:" >&2
    head -5 "$CORPUS/$name.err" >&2
  fi
  local c
  c=$(awk "BEGIN{print $u + $s}")
  if [[ -z ${wall[$name]:-} ]] || awk "BEGIN{exit !($w < ${wall[$name]})}"; then wall[$name]=$w; fi
  if [[ -z ${cpu[$name]:-} ]] || awk "BEGIN{exit !($c < ${cpu[$name]})}"; then cpu[$name]=$c; fi
}

for ((run = 1; run <= RUNS; run++)); do
  echo "run $run of $RUNS" >&2
  for tree in sparse dense; do
    measure "check-$tree" "$CIO_LINT" check --format json --quiet --exit-zero \
      --config "$CORPUS/cio-lint.json" --max-file-size 18446744073709551615 "$CORPUS/$tree"
    measure "parse-$tree" "$PARSE_ONLY" --runs 1 "$CORPUS/$tree"
  done
  if [[ -n $OXLINT_BIN ]]; then
    measure oxlint "$OXLINT_BIN" --threads "$THREADS" "$CORPUS/sparse"
  fi
done

ratio() { awk "BEGIN{printf \"%.2fx\", $1 / $2}"; }
row='%-7s %6s %10s %11s %10.2f %10.2f %10.2f %10.2f %8s %8s\n'
echo
echo "corpus: $(entries | wc -l) npm packages ($LOCK), $THREADS threads, best of $RUNS runs"
# shellcheck disable=SC2059
printf "${row//.2f/s}" case files bytes diagnostics check_cpu parse_cpu check_wall parse_wall "cpu" "wall"
for tree in sparse dense; do
  checked=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1])).files' "$CORPUS/check-$tree.out")
  found=$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1])).diagnostics.length' "$CORPUS/check-$tree.out")
  parsed=$(grep -o 'files=[0-9]*' "$CORPUS/parse-$tree.out" | cut -d= -f2)
  bytes=$(grep -o 'bytes=[0-9]*' "$CORPUS/parse-$tree.out" | cut -d= -f2)
  if [[ $checked != "$parsed" ]]; then
    echo "warning: check read $checked files of $tree, the parse $parsed" >&2
  fi
  # shellcheck disable=SC2059
  printf "$row" "$tree" "$parsed" "$bytes" "$found" "${cpu[check-$tree]}" "${cpu[parse-$tree]}" \
    "${wall[check-$tree]}" "${wall[parse-$tree]}" \
    "$(ratio "${cpu[check-$tree]}" "${cpu[parse-$tree]}")" \
    "$(ratio "${wall[check-$tree]}" "${wall[parse-$tree]}")"
done
echo "(cpu and wall: seconds; the last two columns are check / parse)"
if [[ -n $OXLINT_BIN ]]; then
  linted=$(grep -o 'on [0-9]* files' "$CORPUS/oxlint.out" | grep -o '[0-9]*' || echo '?')
  # It leaves out *.min.js files.
  printf 'oxlint %s (its default rules) on the sparse tree, %s files: cpu %.2f s, wall %.2f s; oxlint / parse: cpu %s, wall %s\n' \
    "$OXLINT_VERSION" "$linted" "${cpu[oxlint]}" "${wall[oxlint]}" \
    "$(ratio "${cpu[oxlint]}" "${cpu[parse-sparse]}")" "$(ratio "${wall[oxlint]}" "${wall[parse-sparse]}")"
fi
