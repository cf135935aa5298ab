#include "common/json_writer.hpp"

#include <cstdio>

namespace stance::json {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0 when the bytes there are not valid UTF-8
// (overlong forms, surrogates and code points above U+10FFFF are invalid too).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  std::size_t length;
  unsigned min_second = 0x80, max_second = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    length = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    length = 3;
    if (c == 0xE0) min_second = 0xA0;
    if (c == 0xED) max_second = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    length = 4;
    if (c == 0xF0) min_second = 0x90;
    if (c == 0xF4) max_second = 0x8F;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  if (byte(i + 1) < min_second || byte(i + 1) > max_second) return 0;
  for (std::size_t k = 2; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
  }
  return length;
}

}  // namespace

void write_escaped(std::ostream& out, std::string_view text) {
  out.put('"');
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
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
        } else if (std::size_t n = utf8_sequence_length(text, i)) {
          out.write(text.data() + i, static_cast<std::streamsize>(n));
          i += n - 1;
        } else {
          out << "\\ufffd";  // JSON must be valid UTF-8: a stray byte (e.g. a Latin-1 file name) becomes U+FFFD
        }
    }
  }
  out.put('"');
}

void Writer::newline() {
  if (!pretty_) return;
  out_.put('\n');
  for (std::size_t i = 0; i < stack_.size(); ++i) out_ << "  ";
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
