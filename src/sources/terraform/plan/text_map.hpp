// Turning a plan file's bytes into UTF-8 text and byte offsets into the line:column people see.
//
// `terraform show -json plan.out > plan.json` in Windows PowerShell writes UTF-16 with a byte order mark,
// so a plan may arrive in UTF-16; it is converted once and every position then refers to the converted
// text, whose lines are the file's lines. Columns count characters, as the document tree does.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"

namespace stance::sources::terraform::plan {

enum class Encoding { Utf8, Utf8WithBom, Utf16Le, Utf16Be };

Encoding detect_encoding(std::string_view bytes);

// UTF-16 (LE or BE, byte order mark included in `bytes`) -> UTF-8. An unpaired surrogate or an odd number
// of bytes is an error; `error_at` is then the 1-based line:column in the text converted so far.
struct Utf16Result {
  std::optional<std::string> text;
  std::string error;
  doc::Mark error_at;
};
Utf16Result utf16_to_utf8(std::string_view bytes, Encoding encoding);

// Line starts of a text, for byte offset -> line:column without rescanning from the beginning.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  doc::Mark at(std::size_t offset) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;  // offset of the first byte of each line
};

// A fragment of the plan parsed on its own reports positions relative to its first byte; `origin` is where
// that byte is in the whole file. Rewrites every mark below `node` (keys included).
void shift_marks(doc::Node& node, doc::Mark origin);

}  // namespace stance::sources::terraform::plan
