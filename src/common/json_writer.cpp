#include "common/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>

#include "common/utf8.hpp"

namespace stance::json {

namespace {

bool plain(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

constexpr std::uint64_t kOnes = 0x0101010101010101u;
constexpr std::uint64_t kHighs = 0x8080808080808080u;

// A high bit set in each byte of `x` that is zero (exact as to whether there is one).
constexpr std::uint64_t zero_bytes(std::uint64_t x) { return (x - kOnes) & ~x & kHighs; }

// Eight bytes at once: all plain (printable ASCII, neither `"` nor `\`)?
constexpr bool plain_block(std::uint64_t x) {
  if (x & kHighs) return false;  // a byte >= 0x80
  return !((x - 0x20 * kOnes) & ~x & kHighs)  // no byte < 0x20 (exact: no byte has its high bit here)
         && !zero_bytes(x ^ (0x7f * kOnes)) && !zero_bytes(x ^ ('"' * kOnes)) && !zero_bytes(x ^ ('\\' * kOnes));
}

// Where the run of plain bytes starting at `i` ends: a report is mostly such runs, so they are found eight
// bytes at a time and copied whole.
std::size_t plain_run_end(std::string_view text, std::size_t i) {
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t block;
    std::memcpy(&block, text.data() + i, 8);
    if (!plain_block(block)) break;
  }
  while (i < text.size() && plain(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

}  // namespace

void append_escaped(std::string& out, std::string_view text) {
  out.push_back('"');
  std::size_t i = 0;
  while (true) {
    const std::size_t end = plain_run_end(text, i);
    out.append(text.data() + i, end - i);
    if (end == text.size()) break;
    i = end;
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (c < 0x20 || c == 0x7f) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else if (std::size_t next = i; utf8::next_code_point(text, next) != utf8::kInvalidCodePoint) {
          out.append(text.data() + i, next - i);
          i = next - 1;
        } else {
          out += "\\ufffd";  // JSON must be valid UTF-8: a stray byte (e.g. a Latin-1 file name) becomes U+FFFD
        }
    }
    ++i;
  }
  out.push_back('"');
}

void write_escaped(std::ostream& out, std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size() + 2);
  append_escaped(escaped, text);
  out.write(escaped.data(), static_cast<std::streamsize>(escaped.size()));
}

Writer& Writer::done() {
  if (stream_ && !text_.empty()) {
    stream_->write(text_.data(), static_cast<std::streamsize>(text_.size()));
    text_.clear();
  }
  return *this;
}

void Writer::newline() {
  if (!pretty_) return;
  text_.push_back('\n');
  text_.append(2 * stack_.size(), ' ');
}

void Writer::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (stack_.empty()) return;
  Level& level = stack_.back();
  if (!level.empty) text_.push_back(',');
  level.empty = false;
  newline();
}

Writer& Writer::begin_object() {
  before_value();
  text_.push_back('{');
  stack_.push_back({true});
  return done();
}

Writer& Writer::end_object() {
  bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) newline();
  text_.push_back('}');
  return done();
}

Writer& Writer::begin_array() {
  before_value();
  text_.push_back('[');
  stack_.push_back({false});
  return done();
}

Writer& Writer::end_array() {
  bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) newline();
  text_.push_back(']');
  return done();
}

Writer& Writer::key(std::string_view name) {
  before_value();
  append_escaped(text_, name);
  text_ += pretty_ ? ": " : ":";
  after_key_ = true;
  return done();
}

Writer& Writer::value(std::string_view text) {
  before_value();
  append_escaped(text_, text);
  return done();
}

Writer& Writer::value(bool flag) {
  before_value();
  text_ += flag ? "true" : "false";
  return done();
}

Writer& Writer::value(std::int64_t number) {
  before_value();
  char buf[24];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, number);
  text_.append(buf, static_cast<std::size_t>(end - buf));
  return done();
}

Writer& Writer::null() {
  before_value();
  text_ += "null";
  return done();
}

Writer& Writer::raw(std::string_view json) {
  before_value();
  text_ += json;
  return done();
}

void Writer::finish() {
  text_.push_back('\n');
  done();
}

}  // namespace stance::json
