#!/usr/bin/env bash
# `stance fix --diff` output applies with `git apply` and with `patch -p1`, from the current directory, and
# gives exactly what `stance fix --write` writes: CloudFormation (YAML, JSON) and Terraform, in subfolders.
set -euo pipefail
stance=$1 source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

make_tree() {  # DIR: the examples and a Terraform module, below a subfolder as in a repository
  mkdir -p "$1/infra/cfn" "$1/infra/tf"
  cp "$source_dir"/examples/*.yaml "$source_dir"/examples/*.json "$1/infra/cfn/"
  cat > "$1/infra/tf/main.tf" <<'TF'
resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "logs"
  event_selector {
    read_write_type = "WriteOnly"
  }
}
TF
}

for tool in git patch; do
  tree=$work/$tool expected=$work/$tool-expected
  make_tree "$tree"
  make_tree "$expected"
  (cd "$expected" && "$stance" fix infra --write --no-config > /dev/null 2>&1) || true
  set +e
  (cd "$tree" && "$stance" fix infra --diff --no-config > "$work/$tool.patch" 2> "$work/$tool.err")
  code=$?
  set -e
  [ "$code" -eq 0 ] || fail "stance fix --diff exited $code: $(cat "$work/$tool.err")"
  grep -q '^--- a/infra/cfn/' "$work/$tool.patch" || fail "no a/ header relative to the current directory"
  grep -q '^+++ b/infra/tf/main.tf$' "$work/$tool.patch" || fail "no b/ header for the Terraform file"
  if [ "$tool" = git ]; then
    (cd "$tree" && git init -q . && git apply --check "$work/$tool.patch" && git apply "$work/$tool.patch") ||
      fail "git apply refused the diff"
    rm -rf "$tree/.git"
  else
    (cd "$tree" && patch -p1 --quiet --batch < "$work/$tool.patch") || fail "patch -p1 refused the diff"
  fi
  diff -r "$expected" "$tree" > "$work/$tool.diff" || fail "$tool: the applied diff differs from --write: $(cat "$work/$tool.diff")"
  echo "ok: $tool applies the diff ($(grep -c '^+++ ' "$work/$tool.patch") files), same as --write"
done
