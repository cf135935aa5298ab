#!/usr/bin/env bash
# Terraform benchmark (issue 4, item 7): stance's HCL parser alone (CPU MB/s), stance's whole scan
# (parse + evaluate + CT-010, `stance scan DIR -f json`) and HashiCorp's parser as @cdktf/hcl2json run as a
# whole node process, all on the same generated 1 MB file; plus a 10 MB file and a tree of modules.
#   bench/terraform/run.sh [BUILD_DIR] [RUNS]   (default build/ and 3; results also in bench/terraform/out/results.txt)
# Times are the best of RUNS runs (the machine is shared); memory is peak RSS, and the scan's is also given
# above the baseline of a scan of an empty directory (the process itself: knowledge base, libraries).
# A benchmark, not a test: nothing here fails on a slow figure.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build}"
runs="${2:-3}"
out="$here/out"
mkdir -p "$out"
exec > >(tee "$out/results.txt") 2>&1

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== build the parse-only driver (g++ -O2, the parser's sources only)"
src="$repo/src"
g++ -std=c++20 -O2 -DNDEBUG -I"$src" "$here/parse_bench.cpp" "$src"/sources/terraform/hcl/lexer.cpp \
  "$src"/sources/terraform/hcl/parser.cpp "$src"/sources/terraform/json/*.cpp "$src"/common/utf8.cpp \
  -o "$out/parse_bench"

echo "== generate inputs (bench/terraform/gen.py: valid Terraform, trails passing and failing)"
rm -rf "$out/tree" "$out/single-1mb" "$out/single-10mb" "$out/empty"
mkdir -p "$out/single-1mb" "$out/single-10mb" "$out/empty"
python3 "$here/gen.py" "$out/single-1mb/main.tf" --single-file-kb 1024
python3 "$here/gen.py" "$out/single-10mb/main.tf" --single-file-kb 10240
python3 "$here/gen.py" "$out/tree" --modules 40 --resources 25
tree_files=$(find "$out/tree" -name '*.tf' | sort)
bytes_1=$(wc -c < "$out/single-1mb/main.tf")
bytes_10=$(wc -c < "$out/single-10mb/main.tf")
bytes_tree=$(cat $tree_files | wc -c)
echo "1 MB file: $bytes_1 bytes; 10 MB file: $bytes_10 bytes; tree: $(echo "$tree_files" | wc -l) files, $bytes_tree bytes"

# best_of CMD...: runs CMD $runs times under /usr/bin/time; prints "wall cpu peak_kb" (best wall, best
# user+sys CPU, highest peak RSS). CMD's own exit code is ignored (a scan with failing trails exits 1).
best_of() {
  local best_wall="" best_cpu="" peak=0 line wall cpu kb
  for _ in $(seq "$runs"); do
    /usr/bin/time -f '%e %U %S %M' -o "$out/time.txt" "$@" > /dev/null 2> "$out/stderr.txt" || true
    line=$(tail -n 1 "$out/time.txt")
    wall=$(echo "$line" | awk '{print $1}')
    cpu=$(echo "$line" | awk '{printf "%.2f", $2 + $3}')
    kb=$(echo "$line" | awk '{print $4}')
    if [ -z "$best_wall" ] || awk "BEGIN{exit !($wall < $best_wall)}"; then best_wall=$wall; fi
    if [ -z "$best_cpu" ] || awk "BEGIN{exit !($cpu < $best_cpu)}"; then best_cpu=$cpu; fi
    if [ "$kb" -gt "$peak" ]; then peak=$kb; fi
  done
  echo "$best_wall $best_cpu $peak"
}
mbps() { awk -v b="$1" -v s="$2" 'BEGIN{ if (s <= 0) s = 0.005; printf "%.1f", b / 1e6 / s }'; }

echo "== stance parse only (CPU time inside the process; peak RSS of the whole driver, input text included)"
echo "   cold: the first parse in the process, which also pays the page faults of its tree's fresh memory;"
echo "   warm: the best of the next parses, which reuse that memory (as a scan of many files does)"
for size in 1mb 10mb; do
  printf 'parse %-5s ' "$size:"; "$out/parse_bench" --repeat 5 "$out/single-$size/main.tf"
done
printf 'parse tree, each file freed: '; "$out/parse_bench" $tree_files
printf 'parse tree, all trees kept:  '; "$out/parse_bench" --keep $tree_files

h2j="$repo/tests/sources/terraform/hcl2json"
h2j_wall=""
if command -v node > /dev/null && [ -d "$h2j/node_modules/@cdktf/hcl2json" ]; then
  echo "== @cdktf/hcl2json (HashiCorp's parser, WebAssembly) on the 1 MB file, as a whole node process"
  echo "$out/single-1mb/main.tf" > "$out/h2j-list.txt"
  read -r h2j_wall h2j_cpu h2j_kb < <(best_of node "$h2j/convert.js" "$out/h2j-list.txt")
  echo "hcl2json 1 MB: ${h2j_wall} s wall, ${h2j_cpu} s CPU, ${h2j_kb} KB peak RSS"
else
  echo "== @cdktf/hcl2json not installed (scripts/install-node-deps): comparison skipped"
fi

stance=""
for candidate in "$build/src/cli/stance" "$build/src/stance" "$build/stance"; do
  if [ -x "$candidate" ]; then stance="$candidate"; break; fi
done
if [ -z "$stance" ]; then
  echo "== no stance binary under $build (src/cli/stance): scan benchmark skipped"
  exit 0
fi

echo "== stance scan DIR -f json (parse + evaluate + CT-010 + report), $stance"
read -r base_wall base_cpu base_kb < <(best_of "$stance" scan "$out/empty" -f json)
echo "baseline, empty directory: ${base_wall} s wall, ${base_kb} KB peak RSS"
scan_row() {  # name dir bytes
  local wall cpu kb above
  read -r wall cpu kb < <(best_of "$stance" scan "$2" -f json)
  above=$((kb - base_kb))
  echo "scan $1: ${wall} s wall, ${cpu} s CPU ($(mbps "$3" "$cpu") MB/s of CPU, $(mbps "$3" "$wall") MB/s wall)," \
    "${kb} KB peak RSS, ${above} KB above the baseline = $(awk -v a="$above" -v b="$3" \
    'BEGIN{printf "%.1f", a * 1024 / b}')x the input"
  last_wall=$wall last_cpu=$cpu
}
scan_row "1 MB " "$out/single-1mb" "$bytes_1"
scan1_wall=$last_wall scan1_cpu=$last_cpu
"$stance" scan "$out/single-1mb" -f json > "$out/scan-1mb.json" || true
python3 - "$out/scan-1mb.json" <<'EOF'
import collections, json, sys
d = json.load(open(sys.argv[1]))
statuses = collections.Counter(f["status"] for f in d["findings"])
print("  1 MB findings:", dict(statuses), "errors:", len(d["errors"]), "warnings:", len(d["warnings"]))
EOF
scan_row "10 MB" "$out/single-10mb" "$bytes_10"
scan_row "tree " "$out/tree" "$bytes_tree"

if [ -n "$h2j_wall" ]; then
  echo "== ratio on the 1 MB file: hcl2json's parse alone / stance's whole scan"
  awk -v h="$h2j_wall" -v s="$scan1_wall" -v hc="$h2j_cpu" -v sc="$scan1_cpu" 'BEGIN{
    if (s <= 0) s = 0.005; if (sc <= 0) sc = 0.005;
    printf "wall: %.1fx faster; CPU: %.1fx less (target: at least 20x)\n", h / s, hc / sc }'
fi
