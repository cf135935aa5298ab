#include "common/printable.hpp"

#include <cstdio>

#include "common/utf8.hpp"

namespace stance::text {

bool is_unsafe_for_terminal(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || cp == 0x200E || cp == 0x200F ||
         (cp >= 0x2028 && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == utf8::kInvalidCodePoint;
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    const char32_t cp = utf8::next_code_point(text, pos);
    if (!is_unsafe_for_terminal(cp)) {
      out.append(text, start, pos - start);
      continue;
    }
    char buf[16];
    if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (cp == 0x1B) {
      out += "\\e";
    } else if (cp < 0x80 || cp == utf8::kInvalidCodePoint) {
      std::snprintf(buf, sizeof buf, "\\x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[start])));
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "\\u{%04X}", static_cast<unsigned>(cp));
      out += buf;
    }
  }
  return out;
}

}  // namespace stance::text
