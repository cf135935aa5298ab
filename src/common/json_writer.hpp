// A small streaming JSON writer: stance's JSON, SARIF and KB outputs all go through it, so escaping and
// layout are decided once. Output is deterministic (keys in the order written), pretty-printed with two
// spaces, UTF-8 passed through, control characters escaped.
//
// The text is built in a buffer and handed to the stream in one call, never a character at a time (a stream
// call costs more than the characters it writes: it was half of a large report's time). By default each
// call's text reaches the stream before the call returns, so the stream may be read at any time; a long
// document (the scan report) hands it on in chunks instead, ending with finish().
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace stance::json {

void write_escaped(std::ostream& out, std::string_view text);  // with the surrounding quotes
std::string quoted(std::string_view text);                      // the same, as a string

// A key written in stance's own code, "rule_id"_key: checked when stance is compiled to need no escaping,
// so that writing it is a copy (a report writes a dozen keys per finding).
class Key {
 public:
  consteval explicit Key(std::string_view text) : text_(text) {
    for (char c : text) {
      // Not a constant expression, so a key that would need escaping does not compile.
      if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') throw "a JSON key literal must need no escaping";
    }
  }
  std::string_view text() const { return text_; }

 private:
  std::string_view text_;
};

namespace detail {
template <std::size_t N>
struct KeyText {
  consteval KeyText(const char (&literal)[N]) {  // NOLINT(google-explicit-constructor): the literal operator's
    for (std::size_t i = 0; i < N; ++i) text[i] = literal[i];
  }
  char text[N]{};
};
}  // namespace detail

inline namespace literals {
template <detail::KeyText literal>
consteval Key operator""_key() {
  return Key(std::string_view(literal.text, sizeof literal.text - 1));
}
}  // namespace literals

class Writer {
 public:
  enum class Handing {
    EachCall,  // the stream has each call's text when the call returns
    InChunks,  // the stream has the text in pieces of about 64 KiB, and all of it after finish()
  };
  explicit Writer(std::ostream& out, bool pretty = true, Handing handing = Handing::EachCall);
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  ~Writer() { hand_on(); }

  Writer& begin_object() { return open('{', true); }
  Writer& end_object() { return close('}'); }
  Writer& begin_array() { return open('[', false); }
  Writer& end_array() { return close(']'); }
  Writer& key(std::string_view name) {
    before_value();
    escaped(name);
    append(pretty_ ? std::string_view(": ") : std::string_view(":"));
    after_key_ = true;
    return done();
  }
  Writer& key(Key name) {
    before_value();
    const std::string_view text = name.text();
    char* to = room(text.size() + 4);
    *to = '"';
    std::memcpy(to + 1, text.data(), text.size());
    to[text.size() + 1] = '"';
    to[text.size() + 2] = ':';
    to[text.size() + 3] = ' ';
    used_ += text.size() + (pretty_ ? 4 : 3);
    after_key_ = true;
    return done();
  }
  Writer& value(std::string_view text) {
    before_value();
    escaped(text);
    return done();
  }
  Writer& value(const char* text) { return value(std::string_view(text)); }
  Writer& value(const std::string& text) { return value(std::string_view(text)); }
  Writer& value(bool flag);
  Writer& value(std::int64_t number);
  Writer& value(int number) { return value(static_cast<std::int64_t>(number)); }
  Writer& null();
  // Writes pre-serialised JSON verbatim (caller guarantees validity).
  Writer& raw(std::string_view json);

  // key + value in one call.
  template <class T>
  Writer& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }
  template <class T>
  Writer& field(Key name, const T& v) {
    key(name);
    return value(v);
  }

  // Ends the document with a newline.
  void finish();

 private:
  // The calls made for every key and value are defined here, so that they are inlined into the writers.
  void before_value() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (stack_.empty()) return;
    Level& level = stack_.back();
    if (!level.empty) append(std::string_view(","));
    level.empty = false;
    newline();
  }
  void newline();
  Writer& open(char bracket, bool is_object);
  Writer& close(char bracket);
  void escaped(std::string_view text);
  void append(std::string_view text) {
    std::memcpy(room(text.size()), text.data(), text.size());
    used_ += text.size();
  }
  // Where to write up to `bytes` more bytes; used_ is advanced by the caller.
  char* room(std::size_t bytes) {
    if (buffer_.size() - used_ < bytes) grow(bytes);
    return buffer_.data() + used_;
  }
  void grow(std::size_t bytes);
  // The end of a call: hands the text on, now or when a chunk is full.
  Writer& done() {
    if (handing_ == Handing::EachCall || used_ >= kChunk) hand_on();
    return *this;
  }
  void hand_on();

  static constexpr std::size_t kChunk = 64 * 1024;

  struct Level {
    bool is_object;
    bool empty = true;
  };
  std::ostream& out_;
  bool pretty_;
  Handing handing_;
  bool after_key_ = false;
  std::vector<Level> stack_;
  // The text not yet handed on: buffer_[0, used_). Its size is its capacity, so appends are plain stores.
  std::string buffer_;
  std::size_t used_ = 0;
};

}  // namespace stance::json
