#include "common/shell_quote.hpp"

#include <cstdio>

#include "common/printable.hpp"
#include "common/utf8.hpp"

namespace stance::shell {

namespace {

void append_single_quoted(std::string& out, std::string_view text) {
  out += '\'';
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  out += '\'';
}

// "$(printf '\033\133...')": every byte as an octal escape, so nothing in the format is special to printf
// (%, \) or to the shell inside the double quotes ($, `, !).
void append_printf(std::string& out, std::string_view bytes) {
  out += "\"$(printf '";
  for (unsigned char c : bytes) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "\\%03o", static_cast<unsigned>(c));
    out += buf;
  }
  out += "')\"";
}

}  // namespace

std::string quote(std::string_view text) {
  std::string out;
  std::size_t literal_start = 0;  // the pending run of text written in single quotes
  auto flush_literal = [&](std::size_t end) {
    if (end > literal_start) append_single_quoted(out, text.substr(literal_start, end - literal_start));
  };
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t start = pos;
    if (!text::is_unsafe_for_terminal(utf8::next_code_point(text, pos))) continue;
    // A run of unsafe characters [start, pos).
    for (std::size_t next = pos; next < text.size();) {
      if (!text::is_unsafe_for_terminal(utf8::next_code_point(text, next))) break;
      pos = next;
    }
    std::size_t end = pos;
    if (text[end - 1] == '\n') {
      if (end < text.size()) {
        utf8::next_code_point(text, end);  // the safe character after the run keeps its newlines
      } else {
        while (end > start && text[end - 1] == '\n') --end;  // trailing newlines stay raw in the quotes
        if (end == start) {
          pos = start;  // the whole run is trailing newlines: part of the literal
          break;
        }
      }
    }
    flush_literal(start);
    append_printf(out, text.substr(start, end - start));
    literal_start = pos = end;
  }
  flush_literal(text.size());
  if (out.empty()) out = "''";
  return out;
}

}  // namespace stance::shell
