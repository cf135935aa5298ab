// Applying byte-offset edits to a file's text.
#include <algorithm>
#include <stdexcept>

#include "fix/template_fix.hpp"

namespace stance::fix {

std::string apply_edits(const std::string& text, const std::vector<TextEdit>& edits) {
  std::vector<const TextEdit*> sorted;
  sorted.reserve(edits.size());
  for (const auto& e : edits) sorted.push_back(&e);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const TextEdit* a, const TextEdit* b) { return a->offset < b->offset; });
  std::string out;
  out.reserve(text.size() + 256);
  std::size_t at = 0;
  for (const TextEdit* e : sorted) {
    if (e->offset < at || e->offset > text.size() || e->length > text.size() - e->offset) {
      throw std::invalid_argument("apply_edits: overlapping or out-of-range edit at offset " +
                                  std::to_string(e->offset));
    }
    out.append(text, at, e->offset - at);
    out += e->replacement;
    at = e->offset + e->length;
  }
  out.append(text, at, std::string::npos);
  return out;
}

}  // namespace stance::fix
