#!/usr/bin/env bash
# `stance serve` in a real browser: Debian's chromium, headless, with its own --dump-dom (the DOM after the
# page's script ran) and console logging on stderr; no npm. Checks that the overview renders the failing
# trail, that a filter in the URL keeps only the matching findings, that the finding page shows the fix
# command, and that the console stays empty (a script error or a Content-Security-Policy violation would be
# logged there). Then measures the page load time over a history of 3000 trails, and asserts a generous bound.
#   serve_chromium.sh STANCE_BINARY          (SKIP, exit 77, without /usr/bin/chromium)
set -euo pipefail
STANCE=$1
here=$(cd "$(dirname "$0")" && pwd)
source "$here/serve_lib.sh"
CHROMIUM=/usr/bin/chromium
if [ ! -x "$CHROMIUM" ]; then
  echo "SKIP: $CHROMIUM is not installed (apt-get install --no-install-recommends chromium)"
  exit 77
fi

dir=$(mktemp -d)
trap '[ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2> /dev/null; rm -rf "$dir"' EXIT
[ -n "${KEEP_DIR:-}" ] && trap - EXIT

# dump URL NAME: the DOM into $dir/NAME.html, the browser's log into $dir/NAME.log.
dump() {
  local profile
  profile=$(mktemp -d "$dir/profile.XXXX")
  timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --user-data-dir="$profile" \
    --enable-logging=stderr --v=0 --virtual-time-budget=5000 --dump-dom "$1" > "$dir/$2.html" 2> "$dir/$2.log" ||
    fail "chromium could not load $1: $(tail -5 "$dir/$2.log")"
}

# The console lines chromium logged for pages of ORIGIN (every level: chromium logs them all as INFO).
console_lines() { grep -h 'CONSOLE' "$@" || true; }

# The console check must be able to fail: a page with an uncaught error is seen.
cat > "$dir/broken-page.html" <<'HTML'
<!DOCTYPE html><html><body><script>undefinedFunction();</script></body></html>
HTML
dump "file://$dir/broken-page.html" broken
console_lines "$dir/broken.log" | grep -q 'Uncaught ReferenceError' || fail "the console check does not see a script error"

make_history "$dir"
start_serve "$dir"

# The overview renders the failing trail, and its script ran.
dump "$SERVE_URL/" overview
grep -q 'data-script="ready"' "$dir/overview.html" || fail "the dashboard's script did not run"
python3 - "$dir/overview.html" <<'PY' || fail "the overview does not show the failing trail"
import re, sys
dom = open(sys.argv[1]).read()
failing = dom[dom.index('id="failing"'):]
failing = failing[:failing.index("</section>")]
rows = re.findall(r'<tr class="finding" data-rule="([^"]+)" data-status="([^"]+)">(.*?)</tr>', failing, re.S)
assert any(rule == "CT-010" and status == "fail" and "AuditTrail" in cells for rule, status, cells in rows), rows
PY

# A filter in the URL keeps only the matching findings (and the unfiltered list has others).
dump "$SERVE_URL/findings" all
dump "$SERVE_URL/findings?rule=CT-010&status=fail" filtered
python3 - "$dir/all.html" "$dir/filtered.html" <<'PY' || fail "the filter does not keep exactly the matching findings"
import re, sys
def rows(path):
    return re.findall(r'<tr class="finding" data-rule="([^"]+)" data-status="([^"]+)"', open(path).read())
everything, kept = rows(sys.argv[1]), rows(sys.argv[2])
assert kept and all(r == ("CT-010", "fail") for r in kept), kept
assert any(r != ("CT-010", "fail") for r in everything), everything
assert len(kept) == sum(1 for r in everything if r == ("CT-010", "fail")), (kept, everything)
assert '<option value="CT-010" selected="">' in open(sys.argv[2]).read()
PY

# The finding page (through the overview's link) shows the fix command.
link=$(python3 - "$dir/overview.html" <<'PY'
import html, re, sys
dom = open(sys.argv[1]).read()
failing = dom[dom.index('id="failing"'):]
print(html.unescape(re.search(r'href="(/finding\?[^"]+)"', failing).group(1)))
PY
)
dump "$SERVE_URL$link" finding
grep -q 'class="fix-command"><code>stance fix ' "$dir/finding.html" || fail "the finding page shows no fix command"
grep -q 'id="article"' "$dir/finding.html" || fail "the finding page shows no article"

# No console message at all from the dashboard's pages: no script error, no CSP violation.
lines=$(console_lines "$dir/overview.log" "$dir/all.log" "$dir/filtered.log" "$dir/finding.log")
[ -z "$lines" ] || fail "console messages: $lines"
stop_serve

# Page load time over a big history: 3000 trails (30 templates of 100), scanned twice.
mkdir -p "$dir/big/repo"
python3 - "$dir/big/repo" <<'PY'
import sys
for t in range(30):
    with open(f"{sys.argv[1]}/trails{t:02}.yaml", "w") as f:
        f.write("AWSTemplateFormatVersion: '2010-09-09'\nResources:\n")
        for i in range(100):
            rw = "ReadOnly" if (t * 100 + i) % 3 == 0 else "All"
            f.write(f"  Trail{t:02}x{i:03}:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                    f"      IsLogging: true\n      S3BucketName: logs-{t}\n      EventSelectors:\n"
                    f"        - ReadWriteType: {rw}\n")
PY
start=$(date +%s.%N)
"$STANCE" scan "$dir/big/repo" --all-rules --db "$dir/big/history.db" -q > /dev/null || true
"$STANCE" scan "$dir/big/repo" --all-rules --db "$dir/big/history.db" -q > /dev/null || true
scanned=$(date +%s.%N)
start_serve "$dir/big"
for page in "/" "/findings?status=fail"; do
  t0=$(date +%s.%N)
  dump "$SERVE_URL$page" big
  t1=$(date +%s.%N)
  load_ms=$(sed -n 's/.*data-load-ms="\([0-9]*\)".*/\1/p' "$dir/big.html" | head -1)
  [ -n "$load_ms" ] || fail "no load time for $page"
  echo "3000 trails: $page loads in ${load_ms} ms in headless chromium (whole chromium run $(python3 -c "print(round($t1-$t0,2))") s)"
  [ "$load_ms" -lt 10000 ] || fail "$page took ${load_ms} ms to load (bound: 10 s)"
done
stop_serve
echo "two scans of 3000 trails recorded in $(python3 -c "print(round($scanned-$start,2))") s;" \
     "history $(du -k "$dir/big/history.db" | cut -f1) KiB"
echo "serve in chromium: ok"
