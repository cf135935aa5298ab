// Applying byte-offset edits to a file's text.
#include <algorithm>
#include <stdexcept>

#include "fix/template_fix.hpp"

namespace stance::fix {

namespace {

// Every line break is "\r\n" (and there is at least one).
bool crlf_only(const std::string& text) {
  bool any = false;
  for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) {
    if (at == 0 || text[at - 1] != '\r') return false;
    any = true;
  }
  return any;
}

// Every "\n" without its "\r" gets one. Only for a text whose own line breaks are all CRLF, so the lone ones
// are those the edits brought (an insertion at a line's '\n' leaves the line's '\r' before the new text and
// the new text's last break bare: both end up CRLF).
std::string with_crlf(const std::string& text) {
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && (i == 0 || text[i - 1] != '\r')) out += '\r';
    out += text[i];
  }
  return out;
}

}  // namespace

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
  return crlf_only(text) ? with_crlf(out) : out;
}

}  // namespace stance::fix
