// A small streaming JSON writer: stance's JSON, SARIF and KB outputs all go through it, so escaping and
// layout are decided once. Output is deterministic (keys in the order written), pretty-printed with two
// spaces, UTF-8 passed through, control characters escaped.
//
// The text is built in a string, never a character at a time through a stream (a stream call costs more
// than the characters it writes: it was half of a large report's time). Written to a stream, each call's
// text reaches the stream before the call returns, so the stream may be read at any time; written to a
// string, the caller decides when to hand it on (a long report in chunks).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace stance::json {

void write_escaped(std::ostream& out, std::string_view text);   // with the surrounding quotes
void append_escaped(std::string& out, std::string_view text);  // the same, appended to a string

class Writer {
 public:
  explicit Writer(std::ostream& out, bool pretty = true) : stream_(&out), text_(own_), pretty_(pretty) {}
  // Appends to `out`, which the caller may empty between calls (after handing its text on).
  explicit Writer(std::string& out, bool pretty = true) : text_(out), pretty_(pretty) {}
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  Writer& begin_object();
  Writer& end_object();
  Writer& begin_array();
  Writer& end_array();
  Writer& key(std::string_view name);
  Writer& value(std::string_view text);
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

  // Ends the document with a newline.
  void finish();

 private:
  void before_value();
  void newline();
  Writer& done();  // hands the text to the stream, if writing to one

  struct Level {
    bool is_object;
    bool empty = true;
  };
  std::ostream* stream_ = nullptr;
  std::string own_;     // the pending text when writing to a stream
  std::string& text_;   // own_, or the caller's string
  bool pretty_;
  bool after_key_ = false;
  std::vector<Level> stack_;
};

}  // namespace stance::json
