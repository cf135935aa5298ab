#include "common/json_writer.hpp"

#include <algorithm>
#include <cstdio>
#include <string_view>

#include "common/utf8.hpp"

namespace stance::json {

void write_escaped(std::ostream& out, std::string_view text) {
  out.put('"');
  // Printable ASCII other than `"` and `\` is written as it is, a run at a time: one stream call per run
  // instead of one per character (a report is mostly such runs; this was a tenth of a large scan's time).
  auto plain = [](unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (plain(c)) {
      std::size_t end = i + 1;
      while (end < text.size() && plain(static_cast<unsigned char>(text[end]))) ++end;
      out.write(text.data() + i, static_cast<std::streamsize>(end - i));
      i = end - 1;
      continue;
    }
    switch (c) {
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      case '\b': out << "\\b"; break;
      case '\f': out << "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out << buf;
        } else if (c < 0x80) {
          out.put(static_cast<char>(c));
        } else if (std::size_t next = i; utf8::next_code_point(text, next) != utf8::kInvalidCodePoint) {
          out.write(text.data() + i, static_cast<std::streamsize>(next - i));
          i = next - 1;
        } else {
          out << "\\ufffd";  // JSON must be valid UTF-8: a stray byte (e.g. a Latin-1 file name) becomes U+FFFD
        }
    }
  }
  out.put('"');
}

void Writer::newline() {
  if (!pretty_) return;
  // The newline and the indentation in one stream call (they were one call per level).
  static constexpr std::string_view kIndent =
      "\n                                                                                ";
  std::size_t width = 1 + 2 * stack_.size();
  out_.write(kIndent.data(), static_cast<std::streamsize>(std::min(width, kIndent.size())));
  for (width -= std::min(width, kIndent.size()); width > 0; width -= 2) out_ << "  ";
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  Level& level = stack_.back();
  if (!level.empty) out_.put(',');
  level.empty = false;
  newline();
}

Writer& Writer::begin_object() {
  before_value();
  out_.put('{');
  stack_.push_back({true});
  return *this;
}

Writer& Writer::end_object() {
  bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) newline();
  out_.put('}');
  return *this;
}

Writer& Writer::begin_array() {
  before_value();
  out_.put('[');
  stack_.push_back({false});
  return *this;
}

Writer& Writer::end_array() {
  bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) newline();
  out_.put(']');
  return *this;
}

Writer& Writer::key(std::string_view name) {
  before_value();
  write_escaped(out_, name);
  out_ << (pretty_ ? ": " : ":");
  after_key_ = true;
  return *this;
}

Writer& Writer::value(std::string_view text) {
  before_value();
  write_escaped(out_, text);
  return *this;
}

Writer& Writer::value(bool flag) {
  before_value();
  out_ << (flag ? "true" : "false");
  return *this;
}

Writer& Writer::value(std::int64_t number) {
  before_value();
  out_ << number;
  return *this;
}

Writer& Writer::null() {
  before_value();
  out_ << "null";
  return *this;
}

Writer& Writer::raw(std::string_view json) {
  before_value();
  out_ << json;
  return *this;
}

void Writer::finish() { out_.put('\n'); }

}  // namespace stance::json
