// The part of Terraform's canonical layout (what `terraform fmt` writes) that a fix could disturb:
//   - every line outside multi-line values is indented two spaces per enclosing block (a block's closing
//     brace at the block's own depth), with spaces only;
//   - in a group of attributes on consecutive lines, the `=` signs line up one space after the longest name,
//     and one space follows each `=`. A multi-line value ends its group (its first line still belongs to it).
// Comments, blank lines and the values themselves are not judged. A file that does not parse is not
// canonical. A fix must not turn a canonical file into one that is not.
#pragma once

#include <string>
#include <string_view>

namespace stance::fix {

// Empty when `text` (a .tf file) is in canonical layout; otherwise the first line that is not, and why.
std::string canonical_layout_problem(std::string_view text);

inline bool is_canonical_layout(std::string_view text) { return canonical_layout_problem(text).empty(); }

}  // namespace stance::fix
