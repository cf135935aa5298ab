#!/usr/bin/env bash
# `cmake --install` puts the binary, the man page and the completions in their conventional places, the man
# page documents every option `--help` lists, and the bash completion completes subcommands and options.
set -euo pipefail
build=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build" --prefix "$prefix" > /dev/null

fail() { echo "FAIL: $*"; exit 1; }
for f in bin/stance share/man/man1/stance.1 share/bash-completion/completions/stance \
         share/zsh/site-functions/_stance share/fish/vendor_completions.d/stance.fish; do
  [ -s "$prefix/$f" ] || fail "$f was not installed"
done
"$prefix/bin/stance" --version | grep -q '^stance [0-9]' || fail "the installed stance does not run"

man=$prefix/share/man/man1/stance.1
head -1 "$man" | grep -q '^\.TH STANCE 1' || fail "stance.1 has no .TH header"
# Every long option of every command's --help is in the man page (roff writes '-' as '\-').
for command in scan collect fix "kb show" "kb list"; do
  # shellcheck disable=SC2086
  for option in $("$prefix/bin/stance" $command --help | grep -oE '(^|[ ,])--[a-z][a-z0-9-]*' | sed 's/^[ ,]//' | sort -u); do
    grep -qF -- "${option//-/\\-}" "$man" || fail "the man page lacks $option of 'stance $command'"
  done
done

# The bash completion, driven as bash drives it.
complete_words() {  # words... -> the candidates for the last word
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stance; printf "%s\n" "${COMPREPLY[@]}"' \
    _ "$prefix/share/bash-completion/completions/stance" "$@"
}
complete_words stance sc | grep -qx scan || fail "bash: 'stance sc<TAB>' does not offer scan"
complete_words stance scan --fo | grep -qx -- --format || fail "bash: 'stance scan --fo<TAB>' does not offer --format"
complete_words stance kb sh | grep -qx show || fail "bash: 'stance kb sh<TAB>' does not offer show"
if complete_words stance scan --fo | grep -qx -- --apply; then fail "bash: scan offers fix's --apply"; fi

if command -v zsh > /dev/null; then zsh -n "$prefix/share/zsh/site-functions/_stance" || fail "zsh completion has a syntax error"; fi
if command -v fish > /dev/null; then fish -n "$prefix/share/fish/vendor_completions.d/stance.fish" || fail "fish completion has a syntax error"; fi
echo "ok: binary, man page and completions installed under $prefix"
