#include "sources/terraform/plan/text_map.hpp"

#include <algorithm>
#include <cstring>

#include "common/utf8.hpp"

namespace stance::sources::terraform::plan {

Encoding detect_encoding(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return Encoding::Utf8WithBom;
  if (bytes.starts_with("\xFF\xFE")) return Encoding::Utf16Le;
  if (bytes.starts_with("\xFE\xFF")) return Encoding::Utf16Be;
  return Encoding::Utf8;
}

Utf16Result utf16_to_utf8(std::string_view bytes, Encoding encoding) {
  Utf16Result out;
  const bool little = encoding == Encoding::Utf16Le;
  auto unit = [&](std::size_t i) -> char32_t {
    const auto lo = static_cast<unsigned char>(bytes[little ? i : i + 1]);
    const auto hi = static_cast<unsigned char>(bytes[little ? i + 1 : i]);
    return static_cast<char32_t>(hi << 8 | lo);
  };
  std::string text;
  text.reserve(bytes.size() / 2);
  doc::Mark mark{1, 1};
  auto fail = [&](std::string why) {
    out.error = std::move(why);
    out.error_at = mark;
    return out;
  };
  std::size_t i = 2;  // after the byte order mark
  for (; i + 1 < bytes.size(); i += 2) {
    char32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF) {
      if (i + 3 >= bytes.size()) return fail("not valid UTF-16: a high surrogate ends the file");
      const char32_t low = unit(i + 2);
      if (low < 0xDC00 || low > 0xDFFF) return fail("not valid UTF-16: a high surrogate without its low half");
      cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      i += 2;
    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
      return fail("not valid UTF-16: a low surrogate without its high half");
    }
    utf8::append_utf8(text, static_cast<std::uint32_t>(cp));
    if (cp == '\n') {
      ++mark.line;
      mark.column = 1;
    } else {
      ++mark.column;
    }
  }
  if (i < bytes.size()) return fail("not valid UTF-16: an odd number of bytes");
  out.text = std::move(text);
  return out;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  const char* base = text.data();
  const char* end = base + text.size();
  for (const char* p = base; p < end;) {
    const void* nl = std::memchr(p, '\n', static_cast<std::size_t>(end - p));
    if (!nl) break;
    p = static_cast<const char*>(nl) + 1;
    starts_.push_back(static_cast<std::size_t>(p - base));
  }
}

doc::Mark LineIndex::at(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  const std::size_t line = static_cast<std::size_t>(it - starts_.begin());  // 1-based: *(it-1) <= offset
  const std::size_t start = starts_[line - 1];
  int column = 1;
  for (std::size_t i = start; i < offset; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return doc::Mark{static_cast<int>(line), column};
}

namespace {

void shift(doc::Mark& mark, doc::Mark origin) {
  if (mark.line <= 0) return;
  if (mark.line == 1) mark.column += origin.column - 1;
  mark.line += origin.line - 1;
}

}  // namespace

void shift_marks(doc::Node& node, doc::Mark origin) {
  shift(node.mark, origin);
  for (auto& item : node.items) {
    if (item) shift_marks(*item, origin);
  }
  for (auto& pair : node.pairs) {
    if (pair.key) shift_marks(*pair.key, origin);
    if (pair.value) shift_marks(*pair.value, origin);
  }
}

}  // namespace stance::sources::terraform::plan
