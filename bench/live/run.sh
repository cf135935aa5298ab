#!/usr/bin/env bash
# Benchmarks `stance scan --aws` against the CT-010 article's CLI procedure done the obvious way (one
# `aws cloudtrail get-event-selectors` process per trail), both behind fake_aws with 50 ms per API call.
#
#   bench/live/run.sh [--reps R] [--quick N] [--max-requests "16 32 64"] [--latency-ms MS] [--trails T]
#                     [--seed S] [--page-size P] [--server-as-is] [--no-cli] [--cloudtrail-tps N [--cloudtrail-burst B]]
#
# --reps R        timed stance runs per --max-requests value (default 5)
# --quick N       time the CLI's per-trail loop on N trails only, spread over the list, and extrapolate
#                 (default: every trail; the full loop takes minutes)
# --server-as-is  run fake_aws without TCP_NODELAY (see bench/live/serve.py: ~40 ms more per reused connection)
# --no-cli        skip the AWS CLI loop
# --cloudtrail-tps N  make fake_aws throttle CloudTrail beyond N calls/s per account and region (AWS documents 10),
#                 with a bucket of B calls (default N); trails stance could not read are then allowed (`error`)
# Environment: STANCE_BIN (measure this binary instead of building build-bench/). Results: stdout and
# bench/out/live/results.md. Only /usr/bin/python3, /usr/bin/aws, bash and coreutils. See bench/README.md.
set -euo pipefail

reps=5
quick=0
max_requests="16 32 64"
default_max_requests=16   # stance's default (src/cli: --max-requests)
latency_ms=50
trails=200
seed=1
page_size=50
nodelay=--nodelay
run_cli=1
cloudtrail_tps=0
cloudtrail_burst=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) reps="$2"; shift 2 ;;
    --quick) quick="$2"; shift 2 ;;
    --max-requests) max_requests="$2"; shift 2 ;;
    --latency-ms) latency_ms="$2"; shift 2 ;;
    --trails) trails="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --page-size) page_size="$2"; shift 2 ;;
    --server-as-is) nodelay=""; shift ;;
    --no-cli) run_cli=0; shift ;;
    --cloudtrail-tps) cloudtrail_tps="$2"; shift 2 ;;
    --cloudtrail-burst) cloudtrail_burst="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
for n in "$reps" "$trails" "$page_size"; do
  [[ "$n" =~ ^[0-9]+$ && "$n" -gt 0 ]] || { echo "run.sh: --reps, --trails and --page-size need positive numbers" >&2; exit 2; }
done
[[ "$quick" =~ ^[0-9]+$ && "$latency_ms" =~ ^[0-9]+$ && "$cloudtrail_tps" =~ ^[0-9]+$ && "$cloudtrail_burst" =~ ^[0-9]+$ ]] ||
  { echo "run.sh: --quick, --latency-ms, --cloudtrail-tps and --cloudtrail-burst need whole numbers" >&2; exit 2; }
[[ $cloudtrail_burst -gt 0 ]] || cloudtrail_burst=$cloudtrail_tps
throttling=()
[[ $cloudtrail_tps -gt 0 ]] && throttling=(--cloudtrail-tps "$cloudtrail_tps" --cloudtrail-burst "$cloudtrail_burst")
for mr in $max_requests; do
  [[ "$mr" =~ ^[0-9]+$ && "$mr" -ge 1 && "$mr" -le 256 ]] || { echo "run.sh: --max-requests values: 1-256" >&2; exit 2; }
done

live_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(cd "$live_dir/../.." && pwd)"
out_dir="$repo_dir/bench/out/live"
rm -rf "$out_dir"
mkdir -p "$out_dir/runs" "$out_dir/cli"
py=/usr/bin/python3
helper=("$py" "$live_dir/livebench.py")
say() { echo "== $*" >&2; }
for tool in /usr/bin/python3 /usr/bin/time; do
  [[ -x "$tool" ]] || { echo "run.sh: $tool is required" >&2; exit 1; }
done
if [[ $run_cli -eq 1 && ! -x /usr/bin/aws ]]; then
  echo "run.sh: /usr/bin/aws (Debian's awscli) is required for the CLI loop (or --no-cli)" >&2; exit 1
fi
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

# --- stance ----------------------------------------------------------------------------------------------------
if [[ -n "${STANCE_BIN:-}" ]]; then
  stance="$STANCE_BIN"
  [[ -x "$stance" ]] || { echo "run.sh: STANCE_BIN=$stance is not executable" >&2; exit 1; }
else
  build_dir="$repo_dir/build-bench"
  say "building stance (Release) in $build_dir"
  cmake -S "$repo_dir" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSTANCE_BUILD_TESTS=OFF \
    >"$out_dir/cmake.log" 2>&1 || { cat "$out_dir/cmake.log" >&2; exit 1; }
  ninja -C "$build_dir" -j2 stance >"$out_dir/ninja.log" 2>&1 || { tail -40 "$out_dir/ninja.log" >&2; exit 1; }
  stance="$build_dir/src/cli/stance"
fi
stance_version="$("$stance" --version 2>&1 | head -1)"
say "stance: $stance ($stance_version)"

# --- the account and the endpoint -------------------------------------------------------------------------------
state="$out_dir/state.json"
"$py" "$live_dir/gen-state.py" --out "$state" --expect "$out_dir/expect.json" --trails "$trails" --seed "$seed" \
  --page-size "$page_size" --latency-ms "$latency_ms"
access_key=AKIDBENCHLIVE00001        # gen-state.py's test key for the local endpoint
secret_key=bench-live-secret-0001
home_dir="$out_dir/home"             # empty: no ~/.aws/config or credentials can change what is measured
mkdir -p "$home_dir"

server_pid=""
server_fd=""
stop_server() {
  [[ -n "$server_fd" ]] && exec {server_fd}>&-   # server.py exits when its stdin closes...
  if [[ -n "$server_pid" ]]; then                 # ...and on SIGTERM
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  server_pid=""; server_fd=""
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM

fifo="$out_dir/server.stdin"
rm -f "$fifo"
mkfifo -m 600 "$fifo"
# shellcheck disable=SC2086  # $nodelay is empty or one word
"$py" -I "$live_dir/serve.py" $nodelay "${throttling[@]}" --state "$state" <"$fifo" >"$out_dir/server.out" 2>"$out_dir/server.err" &
server_pid=$!
exec {server_fd}>"$fifo"   # hold the server's stdin open for as long as this script runs
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$out_dir/server.out")"
  [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out_dir/server.err" >&2; echo "run.sh: fake_aws did not start" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "run.sh: fake_aws printed no port within 60 s" >&2; exit 1; }
url="http://127.0.0.1:$port"
say "fake_aws at $url, ${latency_ms} ms per call${nodelay:+, TCP_NODELAY}${throttling[*]:+, ${throttling[*]}}"

clean_env=(env -i PATH=/usr/bin:/bin HOME="$home_dir" LANG=C.UTF-8
           AWS_ACCESS_KEY_ID="$access_key" AWS_SECRET_ACCESS_KEY="$secret_key")

# --- stance ----------------------------------------------------------------------------------------------------
raw="$out_dir/raw.csv"
echo "tool,max_requests,rep,wall_s,rss_kib,cpu_s,rc,stance_calls,server_calls,read_s,calls_file" >"$raw"

stance_once() {  # max_requests rep: one timed run, one line in raw.csv
  local mr="$1" rep="$2" base="$out_dir/runs/stance-m$1-r$2" t0 t1 rc=0
  "${helper[@]}" reset "$url"
  t0=$(date +%s%N)
  "${clean_env[@]}" /usr/bin/time -f "%M %U %S" -o "$base.rss" "$stance" scan --aws --format json -v \
    --endpoint-url "$url" --max-requests "$mr" >"$base.json" 2>"$base.err" || rc=$?
  t1=$(date +%s%N)
  "${helper[@]}" calls "$url" "$base.calls.json"
  # "stance: read 200 trail(s) in 1 account(s) with 440 API call(s) in 1.76 s"
  local line own read_s logged
  line="$(grep -E '^stance: read .* API call\(s\) in ' "$base.err" | tail -1 || true)"
  own="$(sed -nE 's/.* with ([0-9]+) API call\(s\).*/\1/p' <<<"$line")"
  read_s="$(sed -nE 's/.* in ([0-9.]+) s$/\1/p' <<<"$line")"
  logged="$("${helper[@]}" count "$base.calls.json")"
  local rss cpu
  read -r rss cpu < <(tail -1 "$base.rss" | awk '{printf "%d %.2f\n", $1, $2 + $3}')
  echo "stance,$mr,$rep,$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.4f", (b-a)/1e9}'),$rss,$cpu,$rc,${own:-?},$logged,${read_s:-0},$base.calls.json" >>"$raw"
}

# Preflight: a benchmark of a scan that judged nothing measures nothing. stance must judge every generated
# trail as gen-state.py says (../shared/DESIGN.md section 2), report no error, and exit 1 (some trails fail). When the
# server throttles, a trail stance gave up on is `error` (never pass) and the scan exits 2: allowed then.
say "preflight: stance --max-requests $default_max_requests"
stance_once "$default_max_requests" 0
pre="$out_dir/runs/stance-m$default_max_requests-r0"
allow_errors=()
[[ $cloudtrail_tps -gt 0 ]] && allow_errors=(--allow-errors)
if ! "${helper[@]}" check "${allow_errors[@]}" "$state" "$pre.json"; then
  echo "run.sh: stance's verdicts differ from the generated state (see above, $pre.err); not benchmarking" >&2
  exit 1
fi
pre_rc="$(tail -1 "$raw" | cut -d, -f7)"
[[ "$pre_rc" == 1 || ( $cloudtrail_tps -gt 0 && "$pre_rc" == 2 ) ]] ||
  { echo "run.sh: stance exited $pre_rc, expected 1 (failing trails); see $pre.err" >&2; exit 1; }

say "stance: $reps rounds of --max-requests $max_requests"
for ((rep = 1; rep <= reps; rep++)); do
  for mr in $max_requests; do   # rounds, so a burst of other load on the machine hits every value alike
    stance_once "$mr" "$rep"
  done
done

# --- the AWS CLI loop -------------------------------------------------------------------------------------------
cli_json=""
if [[ $run_cli -eq 1 ]]; then
  aws_version="$(/usr/bin/aws --version 2>&1 | head -1)"
  rss_log="$out_dir/cli/time-list.txt"   # one "peak-RSS-KiB user-s sys-s" line per process
  : >"$rss_log"
  cli_rc=0
  aws() {  # one AWS CLI process, its peak RSS appended to rss.txt
    "${clean_env[@]}" AWS_PAGER="" AWS_EC2_METADATA_DISABLED=true \
      /usr/bin/time -a -f "%M %U %S" -o "$rss_log" /usr/bin/aws --endpoint-url "$url" --output json "$@"
  }
  "${helper[@]}" reset "$url"
  say "AWS CLI: listing (describe-regions, then describe-trails in each region)"
  t0=$(date +%s%N)
  aws ec2 describe-regions --region us-east-1 >"$out_dir/cli/regions.json"
  mapfile -t cli_regions < <("$py" -c 'import json,sys; [print(r["RegionName"]) for r in json.load(sys.stdin)["Regions"]]' \
                              <"$out_dir/cli/regions.json")
  for region in "${cli_regions[@]}"; do
    aws cloudtrail describe-trails --region "$region" >"$out_dir/cli/describe-$region.json" || cli_rc=$?
  done
  t1=$(date +%s%N)
  "${helper[@]}" cli-trails "$out_dir/cli/trails.tsv" "$out_dir"/cli/describe-*.json
  list_calls="$("${helper[@]}" calls "$url" "$out_dir/cli/calls-list.json" && "${helper[@]}" count "$out_dir/cli/calls-list.json")"
  total=$(wc -l <"$out_dir/cli/trails.tsv")
  n=$total
  [[ $quick -gt 0 && $quick -lt $total ]] && n=$quick
  # n trails spread evenly over the sorted list (every region, every selector kind), or all of them.
  awk -v n="$n" -v total="$total" 'int((NR-1)*n/total) != int(NR*n/total)' "$out_dir/cli/trails.tsv" >"$out_dir/cli/timed.tsv"
  say "AWS CLI: get-event-selectors, one process per trail: $n of $total trails (takes a while)"
  "${helper[@]}" reset "$url"
  rss_log="$out_dir/cli/time-selectors.txt"
  : >"$rss_log"
  t2=$(date +%s%N)
  i=0
  while IFS=$'\t' read -r arn home; do
    i=$((i + 1))
    aws cloudtrail get-event-selectors --trail-name "$arn" --region "$home" >"$out_dir/cli/selectors-$i.json" || cli_rc=$?
  done <"$out_dir/cli/timed.tsv"
  t3=$(date +%s%N)
  "${helper[@]}" calls "$url" "$out_dir/cli/calls-selectors.json"
  sel_calls="$("${helper[@]}" count "$out_dir/cli/calls-selectors.json")"
  got=$(grep -l '"TrailARN"' "$out_dir"/cli/selectors-*.json | wc -l)
  [[ $got -eq $n ]] || { echo "run.sh: only $got of $n get-event-selectors answers have a TrailARN" >&2; cli_rc=1; }
  list_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
  sel_s=$(awk -v a="$t2" -v b="$t3" 'BEGIN{printf "%.3f", (b-a)/1e9}')
  sel_total=$(awk -v s="$sel_s" -v n="$n" -v t="$total" 'BEGIN{printf "%.3f", s*t/n}')
  server_full=$(awk -v l="$list_calls" -v s="$sel_calls" -v n="$n" -v t="$total" 'BEGIN{printf "%d", l + s*t/n + 0.5}')
  cpu_list=$(awk '{c += $2 + $3} END {printf "%.2f", c}' "$out_dir/cli/time-list.txt")
  cpu_sel=$(awk -v n="$n" -v t="$total" '{c += $2 + $3} END {printf "%.2f", c*t/n}' "$out_dir/cli/time-selectors.txt")
  cli_throttled=$(cat "$out_dir"/cli/calls-*.json | grep -o '"ThrottlingException"' | wc -l || true)
  rss_max=$(cat "$out_dir"/cli/time-*.txt | awk '$1 > m {m = $1} END {print m + 0}')
  rate_list="$("${helper[@]}" peak-rate "$out_dir/cli/calls-list.json")"
  rate_sel="$("${helper[@]}" peak-rate "$out_dir/cli/calls-selectors.json")"
  cli_json=$(printf '{"trails": %d, "timed_trails": %d, "list_s": %s, "selectors_s_timed": %s, "selectors_s_total": %s, "calls_full": %d, "server_calls_list": %d, "server_calls_selectors": %d, "server_calls_full": %d, "rss_kib_max": %d, "cpu_s": %s, "peak_region_rate": %d, "throttled": %d, "rc": "%d"}' \
    "$total" "$n" "$list_s" "$sel_s" "$sel_total" $((1 + ${#cli_regions[@]} + total)) "$list_calls" "$sel_calls" \
    "$server_full" "$rss_max" "$(awk -v a="$cpu_list" -v b="$cpu_sel" 'BEGIN{printf "%.2f", a + b}')" $((rate_list > rate_sel ? rate_list : rate_sel)) "$cli_throttled" "$cli_rc")
fi

# --- the table -------------------------------------------------------------------------------------------------
{
  printf '{"date": "%s", "trails": %d, "multi_region": %s, "regions": 17, "latency_ms": %d, "page_size": %d, ' \
    "$(date -u +%Y-%m-%dT%H:%MZ)" "$trails" "$("$py" -c 'import json,sys; print(json.load(open(sys.argv[1]))["multi_region"])' "$out_dir/expect.json")" \
    "$latency_ms" "$page_size"
  printf '"nodelay": %s, "reps": %d, "load_start": "%s", "stance_version": "%s", "aws_version": "%s", ' \
    "$([[ -n "$nodelay" ]] && echo true || echo false)" "$reps" "$load_start" "$stance_version" "${aws_version:-not run}"
  printf '"cloudtrail_tps": %d, "cloudtrail_burst": %d, ' "$cloudtrail_tps" "$cloudtrail_burst"
  printf '"default_max_requests": %d, "max_requests": [%s], "cli": %s}\n' \
    "$default_max_requests" "$(echo $max_requests | tr ' ' ',')" "${cli_json:-null}"
} >"$out_dir/meta.json"
echo >&2
"${helper[@]}" summarize "$out_dir"
