#!/usr/bin/env bash
# Fetches the peer tools the benchmark compares stance against, into bench/.peers/ (git-ignored).
#
# cfn-guard 3.1.1 is taken from the npm package @cdklabs/cdk-validator-cfnguard@0.0.62, which ships the
# official static Linux binary at bin/ubuntu/x86_64/cfn-guard. Going through npm keeps us off PyPI and off
# GitHub release downloads; only the npm registry is needed.
#
# Idempotent: when the binary is already there and reports 3.1.1, nothing is downloaded.
# Prints the path of the cfn-guard binary on its last line of stdout (run.sh reads it).
set -euo pipefail

readonly PACKAGE="@cdklabs/cdk-validator-cfnguard"
readonly PACKAGE_VERSION="0.0.62"
readonly GUARD_VERSION="3.1.1"
# npm's integrity hash of the tarball (from `npm view ... dist.integrity`); checked before extracting.
readonly PACKAGE_SHA512="Sg2k8067B0AIJ82QFSLhHTUIqxOYTKABvVrTHiyc6j0rE2NHli2diIYqf+w+DkuDKCYYgMIOga3OrYMOHUw0mQ=="

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
peers_dir="$bench_dir/.peers"
unpack_dir="$peers_dir/cdk-validator-cfnguard-$PACKAGE_VERSION"
guard_bin="$unpack_dir/package/bin/ubuntu/x86_64/cfn-guard"

die() { echo "fetch-peers: $*" >&2; exit 1; }

guard_version_ok() {
  [[ -x "$guard_bin" ]] || return 1
  local out
  out="$("$guard_bin" --version 2>/dev/null)" || return 1
  [[ "$out" == *"$GUARD_VERSION"* ]]
}

if guard_version_ok; then
  echo "fetch-peers: cfn-guard $GUARD_VERSION already present" >&2
  echo "$guard_bin"
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "npm is not installed; install it (apt-get install npm) or put cfn-guard \
$GUARD_VERSION at $guard_bin yourself"
command -v tar >/dev/null 2>&1 || die "tar is not installed"

mkdir -p "$peers_dir"
tarball="$peers_dir/cdklabs-cdk-validator-cfnguard-$PACKAGE_VERSION.tgz"
if [[ ! -s "$tarball" ]]; then
  echo "fetch-peers: npm pack $PACKAGE@$PACKAGE_VERSION ..." >&2
  # --ignore-scripts: we only want the tarball, never run package code.
  if ! (cd "$peers_dir" && npm pack --silent --ignore-scripts "$PACKAGE@$PACKAGE_VERSION" >/dev/null); then
    rm -f "$tarball"
    die "npm pack failed: the npm registry ($(npm config get registry 2>/dev/null || echo '?')) is not \
reachable or does not have $PACKAGE@$PACKAGE_VERSION. The benchmark needs cfn-guard; retry when online."
  fi
  [[ -s "$tarball" ]] || die "npm pack did not produce $tarball"
fi

# Verify the tarball against the registry's published integrity before trusting its binary.
actual_sha512="$(openssl dgst -sha512 -binary "$tarball" 2>/dev/null | base64 -w0 || true)"
if [[ -z "$actual_sha512" ]]; then
  actual_sha512="$(python3 -c 'import base64,hashlib,sys; print(base64.b64encode(hashlib.sha512(open(sys.argv[1],"rb").read()).digest()).decode())' "$tarball")"
fi
if [[ "$actual_sha512" != "$PACKAGE_SHA512" ]]; then
  rm -f "$tarball"
  die "integrity mismatch for $tarball (got sha512-$actual_sha512); deleted it, rerun to download again"
fi

rm -rf "$unpack_dir"
mkdir -p "$unpack_dir"
tar -xzf "$tarball" -C "$unpack_dir"
[[ -f "$guard_bin" ]] || die "the package has no bin/ubuntu/x86_64/cfn-guard (layout changed?)"
chmod +x "$guard_bin"

guard_version_ok || die "$guard_bin --version does not report $GUARD_VERSION: $("$guard_bin" --version 2>&1 || true)"
echo "fetch-peers: cfn-guard $GUARD_VERSION ready" >&2
echo "$guard_bin"
