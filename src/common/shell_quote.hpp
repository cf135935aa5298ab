// Every command stance prints (kb show --for, scan --explain, fix --aws, the rollback hint) is meant to be
// pasted into a shell, and the values in it (trail names, ARNs, regions, paths) may come from a repository
// an attacker wrote. One quoting rule for all of them, safe in bash, zsh and dash alike.
#pragma once

#include <string>
#include <string_view>

namespace stance::shell {

// One shell word that the shell turns back into exactly `text`:
//   - always single-quoted, a ' written as '\'' — nothing inside single quotes is special to any POSIX
//     shell (no $, `, \ or ! expansion, not even in an interactive bash or zsh);
//   - characters a terminal would act on (text::is_unsafe_for_terminal: ESC, CR, bidi overrides, ...) are
//     not printed raw but produced by "$(printf '\ooo')" with octal escapes, which all three shells run the
//     same way. Command substitution drops trailing newlines, so a run that ends with a newline takes the
//     next character into the same printf; newlines that end the text stay raw inside the quotes (the
//     only way POSIX has to write them), where they can only move the closing quote to the next line.
//   - "" is ''.
// A NUL byte cannot be in a command's argument at all; it is written as \000, which the shell drops.
std::string quote(std::string_view text);

}  // namespace stance::shell
