#include "common/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <sstream>

#include "common/utf8.hpp"

namespace stance::json {

namespace {

bool plain(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

constexpr std::uint64_t kOnes = 0x0101010101010101u;
constexpr std::uint64_t kHighs = 0x8080808080808080u;

// A high bit set in each byte of `x` that is zero (exact as to whether there is one).
constexpr std::uint64_t zero_bytes(std::uint64_t x) { return (x - kOnes) & ~x & kHighs; }

// Eight bytes at once: all plain (printable ASCII, neither `"` nor `\`)?
// A byte >= 0x80 has its high bit; one of 0x7f reaches it when 1 is added; one below 0x20 when 0x20 is
// subtracted (and the byte did not have it). A carry or borrow between bytes needs such a byte to start it,
// so the test may say "not plain" too often (then the bytes are looked at one by one), never too rarely.
constexpr bool plain_block(std::uint64_t x) {
  const std::uint64_t special = x | (x + kOnes) | ((x - 0x20 * kOnes) & ~x);
  return !(special & kHighs) && !zero_bytes(x ^ ('"' * kOnes)) && !zero_bytes(x ^ ('\\' * kOnes));
}

// The escape of a byte that is not plain and not part of valid UTF-8, at most 6 bytes, at `to`; its length.
std::size_t escape_byte(unsigned char c, char* to) {
  const char* two = nullptr;
  switch (c) {
    case '"': two = "\\\""; break;
    case '\\': two = "\\\\"; break;
    case '\n': two = "\\n"; break;
    case '\r': two = "\\r"; break;
    case '\t': two = "\\t"; break;
    case '\b': two = "\\b"; break;
    case '\f': two = "\\f"; break;
    default: break;
  }
  if (two) {
    std::memcpy(to, two, 2);
    return 2;
  }
  if (c < 0x20 || c == 0x7f) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\u%04x", c);
    std::memcpy(to, buf, 6);
    return 6;
  }
  std::memcpy(to, "\\ufffd", 6);  // JSON must be valid UTF-8: a stray byte (e.g. a Latin-1 file name) becomes U+FFFD
  return 6;
}

}  // namespace

std::string quoted(std::string_view text) {
  std::ostringstream out;
  write_escaped(out, text);
  return out.str();
}

void write_escaped(std::ostream& out, std::string_view text) {
  Writer w(out, /*pretty=*/false);
  w.value(text);
}

void Writer::grow(std::size_t bytes) {
  buffer_.resize(std::max({buffer_.size() * 2, used_ + bytes, std::size_t{256}}));
}

// Plain runs (most of a report) are checked and copied eight bytes at a time. The last few bytes are
// checked as the last eight of the text (or two overlapping fours, for a short text): bytes that overlap
// ones already copied are plain, so they were copied as they are, and are stored again unchanged.
void Writer::escaped(std::string_view text) {
  const char* from = text.data();
  const std::size_t n = text.size();
  char* to = room(n + 2);
  *to++ = '"';
  std::size_t i = 0;
  while (i < n) {
    std::uint64_t block;
    for (; i + 8 <= n; i += 8) {
      std::memcpy(&block, from + i, 8);
      if (!plain_block(block)) break;
      std::memcpy(to, &block, 8);
      to += 8;
    }
    if (i == n) break;
    if (const std::size_t rest = n - i; rest < 8) {
      if (n >= 8) {
        std::memcpy(&block, from + n - 8, 8);
        if (plain_block(block)) {
          std::memcpy(to + rest - 8, &block, 8);
          to += rest;
          break;
        }
      } else if (i == 0 && n >= 4) {
        std::uint32_t first, last;
        std::memcpy(&first, from, 4);
        std::memcpy(&last, from + n - 4, 4);
        if (plain_block(first | std::uint64_t{last} << 32)) {
          std::memcpy(to, &first, 4);
          std::memcpy(to + n - 4, &last, 4);
          to += n;
          break;
        }
      }
    }
    while (i < n && plain(static_cast<unsigned char>(from[i]))) *to++ = from[i++];
    if (i == n) break;
    // Room for the rest as it is, plus this byte's escape (at most 6 bytes for 1).
    used_ = static_cast<std::size_t>(to - buffer_.data());
    to = room(n - i + 6 + 1);
    std::size_t next = i;
    if (static_cast<unsigned char>(from[i]) >= 0x80 && utf8::next_code_point(text, next) != utf8::kInvalidCodePoint) {
      std::memcpy(to, from + i, next - i);
      to += next - i;
      i = next;
    } else {
      to += escape_byte(static_cast<unsigned char>(from[i]), to);
      ++i;
    }
  }
  *to++ = '"';
  used_ = static_cast<std::size_t>(to - buffer_.data());
}

void Writer::hand_on() {
  if (used_ == 0) return;
  out_.write(buffer_.data(), static_cast<std::streamsize>(used_));
  used_ = 0;
}

Writer::Writer(std::ostream& out, bool pretty, Handing handing) : out_(out), pretty_(pretty), handing_(handing) {
  if (handing_ == Handing::InChunks) buffer_.resize(kChunk + 4096);
}

void Writer::newline() {
  if (!pretty_) return;
  // A newline and up to 15 levels of indentation are one fixed-size copy (room has the bytes to spare).
  static constexpr char kNewline[32] = {'\n', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ',
                                        ' ',  ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
  const std::size_t indent = 2 * stack_.size();
  char* to = room(1 + indent + sizeof kNewline);
  if (1 + indent <= sizeof kNewline) {
    std::memcpy(to, kNewline, sizeof kNewline);
  } else {
    *to = '\n';
    std::memset(to + 1, ' ', indent);
  }
  used_ += 1 + indent;
}

Writer& Writer::open(char bracket, bool is_object) {
  before_value();
  *room(1) = bracket;
  ++used_;
  stack_.push_back({is_object});
  return done();
}

Writer& Writer::close(char bracket) {
  bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) newline();
  *room(1) = bracket;
  ++used_;
  return done();
}

Writer& Writer::value(bool flag) {
  before_value();
  append(flag ? "true" : "false");
  return done();
}

Writer& Writer::value(std::int64_t number) {
  before_value();
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, number);
  append(std::string_view(buf, static_cast<std::size_t>(result.ptr - buf)));
  return done();
}

Writer& Writer::null() {
  before_value();
  append("null");
  return done();
}

Writer& Writer::raw(std::string_view json) {
  before_value();
  append(json);
  return done();
}

void Writer::finish() {
  append("\n");
  hand_on();
}

}  // namespace stance::json
