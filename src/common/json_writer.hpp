// A small streaming JSON writer: stance's JSON, SARIF and KB outputs all go through it, so escaping and
// layout are decided once. Output is deterministic (keys in the order written), pretty-printed with two
// spaces, UTF-8 passed through, control characters escaped.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace stance::json {

void write_escaped(std::ostream& out, std::string_view text);  // with the surrounding quotes

class Writer {
 public:
  explicit Writer(std::ostream& out, bool pretty = true) : out_(out), pretty_(pretty) {}

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

  struct Level {
    bool is_object;
    bool empty = true;
  };
  std::ostream& out_;
  bool pretty_;
  bool after_key_ = false;
  std::vector<Level> stack_;
};

}  // namespace stance::json
