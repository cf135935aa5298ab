#!/usr/bin/env bash
# Issue 12: stance's whole scan (`stance scan DIR -f json`) against @cdktf/hcl2json's parse alone (a whole
# node process), side by side in one run, on the trail-sparse and the trail-dense 1 MB files of gen.py.
#   bench/terraform/side-by-side.sh [BUILD_DIR] [REPS]     (default build/ and 5)
# Each repetition runs every command once, in turn, so load from other users hits all of them alike.
# Prints, per command, the MEDIAN of wall seconds, CPU seconds (user + sys) and peak RSS, and the ratios.
# Needs scripts/install-node-deps for hcl2json. A benchmark, not a test: nothing fails on a slow figure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build}"
reps="${2:-5}"
out="$here/out/side-by-side"
stance="$build/src/cli/stance"
h2j="$repo/tests/sources/terraform/hcl2json"
mkdir -p "$out/sparse" "$out/dense"
python3 "$here/gen.py" "$out/sparse/main.tf" --single-file-kb 1024
python3 "$here/gen.py" "$out/dense/main.tf" --single-file-kb 1024 --trail-dense
echo "$out/sparse/main.tf" > "$out/sparse.list"
echo "$out/dense/main.tf" > "$out/dense.list"
echo "== $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for shape in sparse dense; do
  echo "$shape: $(wc -c < "$out/$shape/main.tf") bytes, $(grep -c '^resource "aws_cloudtrail"' "$out/$shape/main.tf") aws_cloudtrail resources"
done
: > "$out/times.txt"
for rep in $(seq "$reps"); do
  for shape in sparse dense; do
    /usr/bin/time -f "stance-$shape %e %U %S %M" -a -o "$out/times.txt" \
      "$stance" scan "$out/$shape" -f json > "$out/$shape.json" || true
    /usr/bin/time -f "hcl2json-$shape %e %U %S %M" -a -o "$out/times.txt" \
      node "$h2j/convert.js" "$out/$shape.list" > /dev/null
  done
done
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" <<'PY'
import collections, json, statistics, sys
out = sys.argv[1]
rows = collections.defaultdict(list)
for line in open(out + "/times.txt"):
    f = line.split()
    if len(f) == 5 and not f[0].startswith("Command"):
        rows[f[0]].append((float(f[1]), float(f[2]) + float(f[3]), int(f[4])))
med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v),
           statistics.median(r[2] for r in v) / 1024, len(v)) for k, v in rows.items()}
print("%-16s %5s %9s %9s %10s" % ("command", "runs", "wall s", "CPU s", "peak MiB"))
for k in sorted(med):
    w, c, m, n = med[k]
    print("%-16s %5d %9.3f %9.3f %10.1f" % (k, n, w, c, m))
for shape in ("sparse", "dense"):
    s, h = med["stance-" + shape], med["hcl2json-" + shape]
    d = json.load(open("%s/%s.json" % (out, shape)))
    st = collections.Counter(x["status"] for x in d["findings"])
    print("%s: stance %.1fx faster (wall), %.1fx less CPU; findings %s, errors %d" %
          (shape, h[0] / max(s[0], 1e-3), h[1] / max(s[1], 1e-3), dict(st), len(d["errors"])))
PY
