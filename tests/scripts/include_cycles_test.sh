#!/bin/bash
# scripts/check-include-cycles passes on src/ and fails, naming the folders and the include, when one
# include closes a cycle (model, the lowest layer, including the engine).
set -u
root=$1
"$root/scripts/check-include-cycles" "$root/src" || { echo "FAIL: src/ has an include cycle"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$root/src" "$tmp/src"
printf '#include "engine/finding.hpp"\n' >> "$tmp/src/model/location.hpp"
if out=$("$root/scripts/check-include-cycles" "$tmp/src"); then
  echo "FAIL: a cycle was not found"; exit 1
fi
grep -q "include each other: .*engine.*model" <<<"$out" || { echo "FAIL: cycle not named: $out"; exit 1; }
grep -q 'model -> engine: model/location.hpp:[0-9]*: #include "engine/finding.hpp"' <<<"$out" ||
  { echo "FAIL: include not shown: $out"; exit 1; }
echo "ok"
