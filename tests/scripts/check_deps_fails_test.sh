#!/usr/bin/env bash
# scripts/check-deps must fail, naming the package, when scripts/install-deps loses a package the build uses.
# Each removed package below is one the build cannot do without (a header it includes, a library it links).
set -euo pipefail
repo=$1 build=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for package in libsimdjson-dev libfyaml-dev libcli11-dev; do
  # The same script with one package name taken out of its list.
  sed -E "s/(^|[[:space:]])$package([[:space:]]|\$)/\1\2/" "$repo/scripts/install-deps" > "$work/install-deps"
  chmod +x "$work/install-deps"
  if "$work/install-deps" --list | grep -qx "$package"; then
    echo "FAIL: could not remove $package from the list"; exit 1
  fi
  set +e
  out=$("$repo/scripts/check-deps" "$build" --install-deps "$work/install-deps")
  code=$?
  set -e
  if [ $code -ne 1 ] || ! grep -q "^check-deps: $package is used but not installed" <<< "$out"; then
    echo "FAIL: without $package, check-deps exited $code and said:"; echo "$out"; exit 1
  fi
  echo "ok: without $package: $(grep -m1 "$package" <<< "$out")"
done
