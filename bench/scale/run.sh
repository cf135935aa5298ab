#!/usr/bin/env bash
# The history at organization scale (issue 15): `stance scan --aws --organization` of N simulated accounts
# (default 1000) with 3 trails each on the test endpoint, recorded twice into one history (SQLite, and
# PostgreSQL too when STANCE_PG_URL is set), then `stance history` read back. Prints the wall time of each
# step, the database size and the recorded counts.
#
#   bench/scale/run.sh [--accounts N] [--max-requests M]
#
# Environment: STANCE_BIN (default build/src/cli/stance), STANCE_PG_URL (postgresql://... to also record there).
set -euo pipefail
accounts=1000
max_requests=32
while [[ $# -gt 0 ]]; do
  case "$1" in
    --accounts) accounts="$2"; shift 2 ;;
    --max-requests) max_requests="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
stance="${STANCE_BIN:-$repo/build/src/cli/stance}"
[[ -x "$stance" ]] || { echo "run.sh: $stance is not built (scripts/setup, or set STANCE_BIN)" >&2; exit 1; }
out="$repo/bench/out/scale"
rm -rf "$out"; mkdir -p "$out/home"
py=/usr/bin/python3
"$py" "$here/gen-org-state.py" --out "$out/state.json" --accounts "$accounts" >"$out/expect.json"

fifo="$out/server.stdin"; mkfifo -m 600 "$fifo"
"$py" -I "$repo/tests/aws/fake_aws/server.py" --state "$out/state.json" <"$fifo" >"$out/server.out" 2>"$out/server.err" &
server_pid=$!
exec {server_fd}>"$fifo"
trap 'exec {server_fd}>&-; kill $server_pid 2>/dev/null || true; wait $server_pid 2>/dev/null || true' EXIT
port=""
for _ in $(seq 1 600); do
  port="$(sed -n 's/^PORT \([0-9]*\)$/\1/p' "$out/server.out")"; [[ -n "$port" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$out/server.err" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$port" ]] || { echo "run.sh: the endpoint did not start" >&2; exit 1; }
env_clean=(env -i PATH=/usr/bin:/bin HOME="$out/home" LANG=C.UTF-8
           AWS_ACCESS_KEY_ID=AKIDBENCHSCALE0001 AWS_SECRET_ACCESS_KEY=bench-scale-secret-0001)
scan() {  # db label
  local t0 t1 rc=0
  t0=$(date +%s%N)
  "${env_clean[@]}" "$stance" scan --aws --organization --role-name Audit --region us-east-1 \
    --endpoint-url "http://127.0.0.1:$port" --max-requests "$max_requests" --format json -o "$out/$2.json" \
    --db "$1" 2>"$out/$2.err" || rc=$?
  t1=$(date +%s%N)
  [[ $rc -eq 1 ]] || { echo "run.sh: scan exited $rc (expected 1: some trails fail); see $out/$2.err" >&2; tail -5 "$out/$2.err" >&2; exit 1; }
  printf '%-28s %8.2f s\n' "$2" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1e9}')"
}
echo "== $(cat "$out/expect.json")"
dbs=("$out/history.db")
[[ -n "${STANCE_PG_URL:-}" ]] && dbs+=("$STANCE_PG_URL")
for db in "${dbs[@]}"; do
  kind=sqlite; [[ "$db" == postgres* ]] && kind=postgresql
  scan "$db" "$kind-first-scan"
  scan "$db" "$kind-second-scan"
  t0=$(date +%s%N)
  "$stance" history --db "$db" --format json >"$out/$kind-history.json"
  t1=$(date +%s%N)
  printf '%-28s %8.2f s\n' "$kind-history" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print (b-a)/1e9}')"
  "$py" - "$out/$kind-history.json" <<'PY'
import json, sys
h = json.load(open(sys.argv[1]))
for s in h["scans"]:
    print(f"  scan #{s['id']}: {len(s['accounts'])} accounts, summary {s['summary']}")
print(f"  transitions: {len(h['transitions'])}")
PY
done
printf '%-28s %8.1f MiB\n' "sqlite-size" "$(du -k "$out/history.db" | awk '{print $1/1024}')"
