#include "store/postgres_text.hpp"

#include "common/utf8.hpp"

namespace stance::store::postgres {

namespace {

// U+E000, the first private-use code point: no text stance records starts with it in practice.
constexpr std::string_view kMarker = "\xEE\x80\x80";

bool stored_as_is(std::string_view value) {
  return value.find('\0') == std::string_view::npos && utf8::invalid_utf8_at(value) == std::string_view::npos &&
         value.rfind(kMarker, 0) != 0;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string to_db_text(std::string_view value) {
  if (stored_as_is(value)) return std::string(value);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kMarker);
  std::size_t pos = 0;
  while (pos < value.size()) {
    const std::size_t start = pos;
    const char32_t cp = utf8::next_code_point(value, pos);
    if (cp == utf8::kInvalidCodePoint || cp == 0) {
      const auto byte = static_cast<unsigned char>(value[start]);
      out += "\\x";
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
      pos = start + 1;
    } else if (cp == '\\') {
      out += "\\\\";
    } else {
      out.append(value.substr(start, pos - start));
    }
  }
  return out;
}

std::string from_db_text(std::string_view stored) {
  if (stored.rfind(kMarker, 0) != 0) return std::string(stored);
  std::string out;
  for (std::size_t i = kMarker.size(); i < stored.size(); ++i) {
    if (stored[i] == '\\' && i + 1 < stored.size() && stored[i + 1] == '\\') {
      out += '\\';
      ++i;
    } else if (stored[i] == '\\' && i + 3 < stored.size() && stored[i + 1] == 'x' && hex_value(stored[i + 2]) >= 0 &&
               hex_value(stored[i + 3]) >= 0) {
      out += static_cast<char>(hex_value(stored[i + 2]) * 16 + hex_value(stored[i + 3]));
      i += 3;
    } else {
      out += stored[i];
    }
  }
  return out;
}

}  // namespace stance::store::postgres
