#!/usr/bin/env bash
# `stance serve` over HTTP with curl, on a history made by `stance scan --db`: the pages, the JSON API, the
# security headers, read-only, the token, the Host check, SIGTERM; and `stance report --format html`.
#   serve_end_to_end.sh STANCE_BINARY
set -euo pipefail
STANCE=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/serve_lib.sh"
command -v curl > /dev/null || { echo "SKIP: curl is not installed"; exit 77; }

dir=$(mktemp -d)
trap '[ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2> /dev/null; rm -rf "$dir"' EXIT
make_history "$dir"

start_serve "$dir"
get() { curl -sS -o "$dir/body" -D "$dir/headers" -w '%{http_code}' "$@"; }

[ "$(get "$SERVE_URL/")" = 200 ] || fail "overview"
grep -q 'AuditTrail' "$dir/body" || fail "the overview does not name the failing trail"
grep -qi '^content-security-policy: .*default-src .none.' "$dir/headers" || fail "no CSP: $(cat "$dir/headers")"
grep -qi "frame-ancestors 'none'" "$dir/headers" || fail "framing allowed"
grep -qi '^x-content-type-options: nosniff' "$dir/headers" || fail "no nosniff"

[ "$(get "$SERVE_URL/findings?rule=CT-010&status=fail")" = 200 ] || fail "findings"
grep -q 'data-count="1"' "$dir/body" || fail "the CT-010 filter does not keep exactly the audit trail"
grep 'class="finding"' "$dir/body" | grep -qv 'data-rule="CT-010" data-status="fail"' && fail "a row the filter should drop"

[ "$(get "$SERVE_URL/api/findings?rule=CT-010&status=fail")" = 200 ] || fail "api/findings"
python3 - "$dir/body" <<'PY' || fail "api/findings content"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["total"] == 1, doc
assert doc["findings"][0]["resource"]["id"] == "AuditTrail", doc
PY
fp=$(python3 -c 'import json,sys; f=json.load(open(sys.argv[1]))["findings"][0]; print(f["scan_id"], f["fingerprint"])' "$dir/body")
[ "$(get "$SERVE_URL/finding?scan=${fp% *}&fp=${fp#* }")" = 200 ] || fail "finding page"
grep -q 'stance fix' "$dir/body" || fail "the finding page has no fix command"
grep -q '<td>regressed</td>' "$dir/body" || fail "the finding page has no regression in its history"
[ "$(get "$SERVE_URL/suppressed")" = 200 ] || fail "suppressed"
grep -q 'sandbox account, reviewed' "$dir/body" || fail "the suppression reason is missing"
[ "$(get "$SERVE_URL/api/overview")" = 200 ] || fail "api/overview"
[ "$(get "$SERVE_URL/assets/app.js")" = 200 ] || fail "app.js"
[ "$(get "$SERVE_URL/nothing")" = 404 ] || fail "404"

# Read-only, and only for requests addressed to this machine.
[ "$(get -X POST "$SERVE_URL/")" = 405 ] || fail "POST was not refused"
[ "$(get -X DELETE "$SERVE_URL/api/findings")" = 405 ] || fail "DELETE was not refused"
[ "$(get -I "$SERVE_URL/")" = 200 ] || fail "HEAD"
[ "$(get -H 'Host: attacker.example' "$SERVE_URL/")" = 421 ] || fail "a foreign Host header was answered"
grep -qi '^content-security-policy: ' "$dir/headers" || fail "an error answer without the security headers"
# The port is taken: an error, not a silent second server.
code=0
timeout 10 "$STANCE" serve --db "$dir/history.db" --listen "${SERVE_URL#http://}" > /dev/null 2> "$dir/err" || code=$?
[ "$code" = 2 ] && grep -q 'cannot listen on' "$dir/err" || fail "a taken port: exit $code $(cat "$dir/err")"
stop_serve
grep -q 'stance serve: stopped' "$dir/serve.out" || fail "no clean stop"

# A token: nothing without it; a header, a query or the cookie the query sets.
token=0123456789abcdef0123456789abcdef
start_serve "$dir" --token "$token"
[ "$(get "$SERVE_URL/")" = 401 ] || fail "no token but answered"
[ "$(get -H "Authorization: Bearer wrong-token-wrong-token" "$SERVE_URL/")" = 401 ] || fail "wrong token answered"
[ "$(get -H "Authorization: Bearer $token" "$SERVE_URL/api/overview")" = 200 ] || fail "bearer token refused"
[ "$(get "$SERVE_URL/?token=$token")" = 200 ] || fail "query token refused"
grep -qi "^set-cookie: stance_token=$token; Path=/; HttpOnly; SameSite=Strict" "$dir/headers" || fail "no cookie"
[ "$(get -H "Cookie: stance_token=$token" "$SERVE_URL/findings")" = 200 ] || fail "cookie refused"
stop_serve

# Another address than localhost needs a token; a missing history is an error.
code=0
"$STANCE" serve --db "$dir/history.db" --listen 0.0.0.0:0 2> "$dir/err" || code=$?
[ "$code" = 2 ] && grep -q -- '--token' "$dir/err" || fail "0.0.0.0 without a token: exit $code $(cat "$dir/err")"
code=0
"$STANCE" serve --db "$dir/none.db" --listen 127.0.0.1:0 2> "$dir/err" || code=$?
[ "$code" = 2 ] && grep -q 'no such file' "$dir/err" || fail "missing history: exit $code $(cat "$dir/err")"

# The report: one file, no script, the failing trail in it.
"$STANCE" report --db "$dir/history.db" --format html -o "$dir/report.html"
grep -q 'AuditTrail' "$dir/report.html" || fail "the report does not name the failing trail"
grep -q '<svg class="trend"' "$dir/report.html" || fail "the report has no trend chart"
grep -q '<script' "$dir/report.html" && fail "the report has a script"
grep -q 'href=' "$dir/report.html" && fail "the report links somewhere"
echo "serve end to end: ok"
