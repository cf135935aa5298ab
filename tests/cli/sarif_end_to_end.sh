#!/usr/bin/env bash
# The real binary's SARIF for every CT-010 example and the bundled examples must validate against the
# SARIF 2.1.0 schema and GitHub's ingestion rules, and so must a --framework scan's.
# Usage: sarif_end_to_end.sh STANCE SOURCE_DIR SCHEMA
set -u
stance=$1 source=$2 schema=$3
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$stance" scan --no-config -q -f sarif -o "$out/examples.sarif" "$source/src/rules/ct010/examples" "$source/examples"
code=$?
if [ "$code" -ne 1 ] && [ "$code" -ne 2 ]; then
  echo "stance exited $code; expected 1 (failing examples) or 2 (the invalid-boolean example)"
  exit 1
fi
# With --framework the run carries the per-control summary ("stance/compliance" in its property bag).
"$stance" scan --no-config -q -f sarif -o "$out/framework.sarif" --framework cis-aws-foundations-v3 \
  --framework aws-fsbp "$source/src/rules/ct002/examples/cases.yaml"
code=$?
if [ "$code" -ne 1 ]; then
  echo "stance --framework exited $code; expected 1 (failing examples)"
  exit 1
fi
grep -q '"stance/compliance"' "$out/framework.sarif" || { echo "no stance/compliance in the --framework SARIF"; exit 1; }
exec /usr/bin/python3 "$source/tests/report/validate_sarif.py" --github --schema "$schema" "$out/examples.sarif" \
  "$out/framework.sarif"
