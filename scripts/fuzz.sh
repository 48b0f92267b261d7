#!/usr/bin/env bash
# Runs every cargo-fuzz target for SECONDS (default 60) each, one after the other,
# starting from the seeds (the rule fixtures for analyze, fuzz/corpus for the others)
# and the inputs in fuzz/regressions.
# New corpus entries go to target/fuzz-corpus (not committed); a crash stops the run
# with libFuzzer's report and the input saved under fuzz/artifacts/TARGET/.
#
#   scripts/fuzz.sh            # 60 s per target
#   scripts/fuzz.sh 600 analyze
#
# Needs the nightly toolchain (cargo fuzz builds with sanitizers) and cargo-fuzz,
# which this script installs from crates.io when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  targets=(analyze document_edits lsp_stream)
fi

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  echo "fuzz.sh: the nightly toolchain is missing; cargo fuzz needs it (rustup toolchain install nightly)" >&2
  exit 2
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# analyze's seeds are the rule fixtures, each behind the byte that names its kind
# (cio_lint_fuzz::analyze; tests/fuzz_corpus.rs builds the same).
seeds="target/fuzz-seeds"
mkdir -p "$seeds/analyze" "fuzz/corpus/document_edits" "fuzz/corpus/lsp_stream"
for file in tests/fixtures/*/clean/* tests/fixtures/*/flagged/*; do
  case "$file" in
    *.ts | *.mts | *.cts) mode='\x00' ;;
    *.tsx) mode='\x01' ;;
    *.js | *.jsx | *.mjs | *.cjs) mode='\x02' ;;
    *.html | *.htm | *.liquid | *.mjml | *.hbs) mode='\x03' ;;
    *.yml | *.yaml | *.json) mode='\x04' ;;
    *) continue ;;
  esac
  rule="${file#tests/fixtures/}"
  { printf "$mode"; cat "$file"; } >"$seeds/analyze/${rule//\//-}"
done

cargo +nightly fuzz build -O
for target in "${targets[@]}"; do
  work="target/fuzz-corpus/$target"
  mkdir -p "$work" "fuzz/regressions/$target"
  echo "fuzz.sh: $target for ${seconds}s"
  log="target/fuzz-$target.log"
  corpus="fuzz/corpus/$target"
  if [[ "$target" == analyze ]]; then
    corpus="$seeds/analyze"
  fi
  if ! cargo +nightly fuzz run -O "$target" "$work" "$corpus" "fuzz/regressions/$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 >"$log" 2>&1; then
    tail -n 80 "$log" >&2
    echo "fuzz.sh: $target failed; the crashing input is under fuzz/artifacts/$target/ (add it to fuzz/regressions/$target/ once fixed)" >&2
    exit 1
  fi
  grep -E "^Done [0-9]+ runs|stat::number_of_executed_units|stat::peak_rss_mb" "$log"
done
