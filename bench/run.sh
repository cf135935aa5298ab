#!/usr/bin/env bash
# Benchmarks `stance scan` against cfn-guard 3.1.1 on CloudFormation templates, as whole processes.
#
#   bench/run.sh [--count N] [--seed S] [--reps R] [--no-check]
#
# Corpora: (a) the real templates in ../shared/corpus/cloudformation (relative to the repository; skipped with
# a message when absent), (b) N generated templates (bench/gen-corpus.py). Each tool runs R times per corpus
# after one untimed warm-up run; the table shows medians. Results: stdout and bench/out/results.md.
# Environment: STANCE_BIN (use this binary instead of building), STANCE_SHARED_DIR (instead of ../shared).
# See bench/README.md for what is measured and how to read it.
set -euo pipefail

count=1000
seed=1
reps=5
check=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --count) count="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    --no-check) check=0; shift ;;
    -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$count" =~ ^[0-9]+$ && "$count" -gt 0 ]] || { echo "run.sh: --count needs a positive number" >&2; exit 2; }
[[ "$reps" =~ ^[0-9]+$ && "$reps" -gt 0 ]] || { echo "run.sh: --reps needs a positive number" >&2; exit 2; }

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$bench_dir/.." && pwd)"
shared_dir="${STANCE_SHARED_DIR:-$repo_dir/../shared}"
out_dir="$bench_dir/out"
log_dir="$out_dir/logs"
mkdir -p "$out_dir" "$log_dir"

[[ -x /usr/bin/time ]] || { echo "run.sh: GNU time (/usr/bin/time) is required for peak RSS" >&2; exit 1; }

say() { echo "== $*" >&2; }

# --- tools ---------------------------------------------------------------------------------------------------

if [[ -n "${STANCE_BIN:-}" ]]; then
  stance="$STANCE_BIN"
  [[ -x "$stance" ]] || { echo "run.sh: STANCE_BIN=$stance is not executable" >&2; exit 1; }
else
  build_dir="$repo_dir/build-bench"
  say "building stance (Release) in $build_dir"
  cmake -S "$repo_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTANCE_BUILD_TESTS=OFF \
    >"$log_dir/cmake.log" 2>&1 || { cat "$log_dir/cmake.log" >&2; exit 1; }
  # Two cores are shared with other work on this machine: never more than two compile jobs.
  ninja -C "$build_dir" -j2 stance >"$log_dir/ninja.log" 2>&1 || { tail -40 "$log_dir/ninja.log" >&2; exit 1; }
  stance="$build_dir/src/cli/stance"
fi
say "stance: $stance ($("$stance" --version 2>&1 | head -1))"

guard="$("$bench_dir/fetch-peers.sh" | tail -1)"
guard_version="$("$guard" --version 2>&1 | head -1)"
say "cfn-guard: $guard ($guard_version)"
rules="$bench_dir/ct010.guard"

# --- preflight: both tools really judge CT-010 ---------------------------------------------------------------
# A benchmark of a tool that silently evaluates nothing measures nothing: check verdicts on known files first.

seed_template="$shared_dir/seed/ct010-template.yaml"
fail_template="$bench_dir/fixtures/ct010-fail.yaml"

preflight_failed=0
complain() { echo "run.sh: preflight: $*" >&2; preflight_failed=1; }

if ! "$guard" test --rules-file "$rules" --test-data "$bench_dir/ct010.guard-tests.yaml" >"$log_dir/guard-unit-tests.log" 2>&1
then
  complain "cfn-guard unit tests of ct010.guard fail (see $log_dir/guard-unit-tests.log)"
fi
rc=0; "$guard" validate --rules "$rules" --data "$fail_template" >/dev/null 2>&1 || rc=$?
[[ $rc -eq 19 ]] || complain "cfn-guard should FAIL $fail_template (exit 19), exited $rc"
if [[ -f "$seed_template" ]]; then
  rc=0; "$guard" validate --rules "$rules" --data "$seed_template" >/dev/null 2>&1 || rc=$?
  [[ $rc -eq 0 ]] || complain "cfn-guard should PASS $seed_template, exited $rc"
fi

stance_statuses() {  # prints the findings' statuses of one `stance scan --format json` output, space-separated
  python3 -c 'import json,sys; print(" ".join(f["status"] for f in json.load(sys.stdin)["findings"]))' 2>/dev/null \
    || echo "unreadable-output"
}
got="$("$stance" scan "$fail_template" --format json 2>/dev/null | stance_statuses)" || true
[[ "$got" == "fail fail" ]] || complain "stance should report two failing trails in $fail_template, got: '${got}'"
if [[ -f "$seed_template" ]]; then
  got="$("$stance" scan "$seed_template" --format json 2>/dev/null | stance_statuses)" || true
  [[ "$got" == "pass" ]] || complain "stance should report one passing trail in $seed_template, got: '${got}'"
fi
if [[ $preflight_failed -ne 0 ]]; then
  if [[ $check -eq 1 ]]; then
    echo "run.sh: the tools do not judge CT-010 as expected; not benchmarking (--no-check to measure anyway)" >&2
    exit 1
  fi
  echo "run.sh: WARNING: measuring anyway (--no-check); the figures may not mean what they seem" >&2
fi

# --- corpora -------------------------------------------------------------------------------------------------

# Files cfn-guard walks in a directory (its --help); stance is given the same directories.
data_files() { find "$1" -type f \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' -o -name '*.jsn' \
                                   -o -name '*.template' \) | LC_ALL=C sort; }

corpora=()      # name|dir|files unreadable by cfn-guard|whether cfn-guard runs on it
real_dir="$shared_dir/corpus/cloudformation"
if [[ -d "$real_dir" ]]; then
  # cfn-guard stops at the first file it cannot parse (exit 255) instead of reporting it and going on, and
  # cfn-lint's fixtures include deliberately broken templates. So find the files it cannot read, one process
  # per file, and time both tools on a copy of the corpus without them: the same files for both.
  say "checking which real templates cfn-guard can read"
  readable_dir="$out_dir/corpus/real-guard-readable"
  rm -rf "$readable_dir"
  mkdir -p "$readable_dir"
  : >"$out_dir/guard-unreadable-real.txt"
  real_total=0
  real_unreadable=0
  while IFS= read -r file; do
    real_total=$((real_total + 1))
    rel="${file#"$real_dir"/}"
    rc=0; "$guard" validate --rules "$rules" --data "$file" >/dev/null 2>&1 || rc=$?
    if [[ $rc -ne 0 && $rc -ne 19 ]]; then
      echo "$rel" >>"$out_dir/guard-unreadable-real.txt"
      real_unreadable=$((real_unreadable + 1))
    else
      mkdir -p "$readable_dir/$(dirname "$rel")"
      cp "$file" "$readable_dir/$rel"
    fi
  done < <(data_files "$real_dir")
  say "real corpus: $real_total files, cfn-guard cannot read $real_unreadable (listed in out/guard-unreadable-real.txt)"
  corpora+=("real (cfn-guard-readable)|$readable_dir|0|yes")
  corpora+=("real (all files)|$real_dir|$real_unreadable|no")
else
  say "no real corpus at $real_dir: skipping it (set STANCE_SHARED_DIR to the shared folder)"
fi

gen_dir="$out_dir/corpus/generated-$count-seed$seed"
say "generating $count templates (seed $seed)"
python3 "$bench_dir/gen-corpus.py" --count "$count" --seed "$seed" --out "$gen_dir" >&2
rc=0; "$guard" validate --rules "$rules" --data "$gen_dir" >/dev/null 2>&1 || rc=$?
[[ $rc -eq 0 || $rc -eq 19 ]] || { echo "run.sh: cfn-guard cannot read the generated corpus (exit $rc)" >&2; exit 1; }
corpora+=("generated ($count)|$gen_dir|0|yes")

# --- measurements --------------------------------------------------------------------------------------------

load_start="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
raw="$out_dir/raw.csv"
echo "tool,corpus,rep,wall_s,peak_rss_kib,cpu_s,exit" >"$raw"
meta="$out_dir/corpora.csv"
echo "corpus,dir,files,bytes,guard_unreadable" >"$meta"
logs="$out_dir/logs.csv"
echo "tool,corpus,stdout,stderr" >"$logs"

measure() {  # tool corpus rep -- command...: appends one line to raw.csv
  local tool="$1" corpus="$2" rep="$3"; shift 4
  local rss_file="$log_dir/rss.tmp" t0 t1 rc=0
  t0=$(date +%s%N)
  /usr/bin/time -f "%M %U %S" -o "$rss_file" "$@" >/dev/null 2>&1 || rc=$?
  t1=$(date +%s%N)
  local rss user sys; read -r rss user sys < <(tail -1 "$rss_file")
  echo "\"$tool\",\"$corpus\",$rep,$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", (b-a)/1e9}'),$rss,$(
    awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u + s}'),$rc" >>"$raw"
}

set_argv() {  # tool dir: the exact command that is timed, in the global array argv
  case "$1" in
    "stance") argv=("$stance" scan "$2" --format json) ;;
    "stance --jobs 1") argv=("$stance" scan "$2" --format json --jobs 1) ;;
    "cfn-guard") argv=("$guard" validate --rules "$rules" --data "$2") ;;
  esac
}

for entry in "${corpora[@]}"; do
  IFS='|' read -r corpus dir guard_unreadable guard_runs <<<"$entry"
  files=$(data_files "$dir" | wc -l)
  bytes=$(data_files "$dir" | tr '\n' '\0' | xargs -0 cat | wc -c)
  echo "\"$corpus\",\"$dir\",$files,$bytes,$guard_unreadable" >>"$meta"
  slug="$(echo "$corpus" | tr -c 'A-Za-z0-9\n' '-' | tr -s '-')"

  tools=("stance" "stance --jobs 1")
  [[ "$guard_runs" == yes ]] && tools+=("cfn-guard")
  for tool in "${tools[@]}"; do
    set_argv "$tool" "$dir"
    say "$tool on $corpus: warm-up"
    # The warm-up fills the page cache; its output is kept to count what the tool judged and could not read
    # (cfn-guard is asked for every verdict there, not just the failures it prints by default).
    tslug="$(echo "$tool" | tr -c 'A-Za-z0-9\n' '-' | tr -s '-')"
    [[ "$tool" == cfn-guard ]] && argv+=(--show-summary all)
    "${argv[@]}" >"$log_dir/$tslug-$slug.out" 2>"$log_dir/$tslug-$slug.err" || true
    echo "\"$tool\",\"$corpus\",\"$log_dir/$tslug-$slug.out\",\"$log_dir/$tslug-$slug.err\"" >>"$logs"
  done
  # Rounds rather than one tool's runs in a row: when other work loads the machine for a while, every tool
  # feels it, and the medians stay comparable.
  say "$corpus: $reps rounds of ${tools[*]}"
  for ((rep = 1; rep <= reps; rep++)); do
    for tool in "${tools[@]}"; do
      set_argv "$tool" "$dir"
      measure "$tool" "$corpus" "$rep" -- "${argv[@]}"
    done
  done
done

python3 "$bench_dir/summarize.py" --out-dir "$out_dir" --stance-version "$("$stance" --version 2>&1 | head -1)" \
  --guard-version "$guard_version" --reps "$reps" --load-start "$load_start"
