#!/usr/bin/env bash
# Terraform parsing benchmark: stance's HCL parser (CPU MB/s, peak memory vs input size) next to HashiCorp's
# parser as @cdktf/hcl2json run as a whole node process on the same 1 MB file, and, when the stance binary
# is built, a whole `stance scan` of a generated tree.
#   bench/terraform/run.sh [BUILD_DIR]     (default build/; results also in bench/terraform/out/results.txt)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
build="${1:-$repo/build}"
out="$here/out"
mkdir -p "$out"
exec > >(tee "$out/results.txt") 2>&1

echo "== build the parse-only driver"
src="$repo/src"
g++ -std=c++20 -O2 -DNDEBUG -I"$src" "$here/parse_bench.cpp" "$src"/sources/terraform/hcl/lexer.cpp \
  "$src"/sources/terraform/hcl/parser.cpp "$src"/sources/terraform/json/*.cpp "$src"/common/utf8.cpp \
  -o "$out/parse_bench"

echo "== generate inputs"
for kb in 1024 10240; do python3 "$here/gen.py" "$out/single-${kb}kb.tf" --single-file-kb "$kb"; done
python3 "$here/gen.py" "$out/tree" --modules 40 --resources 25
tree_files=$(find "$out/tree" -name '*.tf' | sort)
echo "tree: $(echo "$tree_files" | wc -l) files, $(cat $tree_files | wc -c) bytes"

echo "== stance parse (CPU time; peak RSS of the whole process, input read into memory included)"
for kb in 1024 10240; do
  printf 'single %6d KB: ' "$kb"; "$out/parse_bench" "$out/single-${kb}kb.tf"
done
printf 'tree, each file freed: '; "$out/parse_bench" $tree_files
printf 'tree, all trees kept:  '; "$out/parse_bench" --keep $tree_files

h2j="$repo/tests/sources/terraform/hcl2json"
if command -v node > /dev/null && [ -d "$h2j/node_modules/@cdktf/hcl2json" ]; then
  echo "== @cdktf/hcl2json on the 1 MB file, as a whole process (wall time, peak RSS)"
  echo "$out/single-1024kb.tf" > "$out/h2j-list.txt"
  /usr/bin/time -f 'hcl2json: %e s wall, %U s user, %M KB peak' node "$h2j/convert.js" "$out/h2j-list.txt" > /dev/null
  echo "== stance parse of the same file as a whole process"
  /usr/bin/time -f 'stance parse: %e s wall, %U s user, %M KB peak' "$out/parse_bench" "$out/single-1024kb.tf"
else
  echo "== @cdktf/hcl2json not installed (scripts/install-node-deps): comparison skipped"
fi

if [ -x "$build/src/stance" ] || [ -x "$build/stance" ]; then
  stance="$build/stance"; [ -x "$stance" ] || stance="$build/src/stance"
  echo "== stance scan (parse + evaluate + CT-010) of the tree and of the 1 MB file"
  /usr/bin/time -f 'scan tree: %e s wall, %U s user, %M KB peak' "$stance" scan "$out/tree" -f json > /dev/null || true
  mkdir -p "$out/single" && cp "$out/single-1024kb.tf" "$out/single/main.tf"
  /usr/bin/time -f 'scan 1 MB: %e s wall, %U s user, %M KB peak' "$stance" scan "$out/single" -f json > /dev/null || true
else
  echo "== no stance binary in $build: scan benchmark skipped"
fi
