#include "sources/terraform/json/json_reader.hpp"

#include <cstddef>
#include <utility>

#include "common/utf8.hpp"

namespace stance::tfjson {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

struct Failure {
  JsonError error;
};

class Reader {
 public:
  explicit Reader(std::string_view text) : s_(text) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;  // a UTF-8 byte order mark takes no column
  }

  JsonValue run() {
    skip_space();
    JsonValue root = value(0);
    skip_space();
    if (i_ < s_.size()) {
      fail(pos_, "Extraneous data after value", "Extra characters appear after the JSON value.");
    }
    return root;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  hcl::Pos pos_;

  [[noreturn]] void fail(hcl::Pos at, std::string summary, std::string detail) {
    throw Failure{{at, std::move(summary), std::move(detail)}};
  }

  char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  bool at_end() const { return i_ >= s_.size(); }
  void bump() {
    const auto c = static_cast<unsigned char>(s_[i_++]);
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos_.column;
    }
  }
  void skip_space() {
    while (!at_end()) {
      const char c = peek();
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
      bump();
    }
  }

  JsonValue value(int depth) {
    if (at_end()) fail(pos_, "Missing JSON value", "A JSON value must start here.");
    const char c = peek();
    if (c == '{' || c == '[') {
      if (depth >= kMaxJsonDepth) {
        fail(pos_, "Nesting too deep",
             "JSON objects and arrays are nested more than " + std::to_string(kMaxJsonDepth) +
                 " levels deep here, which stance does not accept.");
      }
      return c == '{' ? object(depth + 1) : array(depth + 1);
    }
    if (c == '"') return string();
    if (c == '-' || is_digit(c)) return number();
    if (c >= 'a' && c <= 'z') return keyword();
    fail(pos_, "Invalid JSON value", "A JSON value (object, array, string, number, true, false or null) "
                                     "must start here.");
  }

  JsonValue object(int depth) {
    JsonValue v;
    v.kind = JsonKind::Object;
    v.range.start = pos_;
    const hcl::Pos open = pos_;
    bump();
    skip_space();
    if (peek() == '}') {
      bump();
      v.range.end = pos_;
      return v;
    }
    while (true) {
      skip_space();
      if (at_end()) fail(open, "Unclosed object", "There is no closing brace for this JSON object.");
      if (peek() != '"') {
        fail(pos_, "Invalid object property name",
             peek() == '}' ? "A JSON object may not end with a comma."
                           : "A JSON object property name must be a string in double quotes.");
      }
      JsonMember member;
      member.key = string();
      skip_space();
      if (peek() != ':') {
        fail(pos_, "Missing property value colon",
             "A colon must appear between an object property's name and its value.");
      }
      bump();
      skip_space();
      member.value = value(depth);
      v.members.push_back(std::move(member));
      skip_space();
      if (peek() == ',') {
        bump();
        continue;
      }
      if (peek() == '}') {
        bump();
        break;
      }
      if (at_end()) fail(open, "Unclosed object", "There is no closing brace for this JSON object.");
      fail(pos_, "Missing attribute seperator comma",
           "A comma must appear between each property definition in an object.");
    }
    v.range.end = pos_;
    return v;
  }

  JsonValue array(int depth) {
    JsonValue v;
    v.kind = JsonKind::Array;
    v.range.start = pos_;
    const hcl::Pos open = pos_;
    bump();
    skip_space();
    if (peek() == ']') {
      bump();
      v.range.end = pos_;
      return v;
    }
    while (true) {
      skip_space();
      if (at_end()) fail(open, "Unclosed array", "There is no closing bracket for this JSON array.");
      if (peek() == ']') fail(pos_, "Trailing comma in array", "A JSON array may not end with a comma.");
      v.items.push_back(value(depth));
      skip_space();
      if (peek() == ',') {
        bump();
        continue;
      }
      if (peek() == ']') {
        bump();
        break;
      }
      if (at_end()) fail(open, "Unclosed array", "There is no closing bracket for this JSON array.");
      fail(pos_, "Missing array element separator comma",
           "A comma must appear between each element of an array.");
    }
    v.range.end = pos_;
    return v;
  }

  JsonValue string() {
    JsonValue v;
    v.kind = JsonKind::String;
    v.range.start = pos_;
    bump();
    const std::size_t from = i_;
    while (true) {
      if (at_end()) fail(v.range.start, "Unterminated string", "There is no closing quote for this string.");
      const char c = peek();
      if (c == '"') break;
      if (static_cast<unsigned char>(c) < 0x20) {
        fail(pos_, "Invalid character in string",
             "Control characters (including newlines) must be escaped in a JSON string.");
      }
      if (c == '\\') {
        v.escapes = true;
        const hcl::Pos at = pos_;
        bump();
        const char e = peek();
        if (e == 'u') {
          bump();
          for (int k = 0; k < 4; ++k) {
            if (hex_value(peek()) < 0) {
              fail(at, "Invalid escape sequence", "The \\u escape needs four hexadecimal digits.");
            }
            bump();
          }
          continue;
        }
        if (e != '"' && e != '\\' && e != '/' && e != 'b' && e != 'f' && e != 'n' && e != 'r' && e != 't') {
          fail(at, "Invalid escape sequence",
               "The symbol after the backslash is not a valid JSON escape sequence selector.");
        }
        bump();
        continue;
      }
      bump();
    }
    v.raw = s_.substr(from, i_ - from);
    bump();
    v.range.end = pos_;
    return v;
  }

  JsonValue number() {
    JsonValue v;
    v.kind = JsonKind::Number;
    v.range.start = pos_;
    const std::size_t from = i_;
    auto digits = [&] {
      if (!is_digit(peek())) fail(pos_, "Invalid number", "A digit is required here in this JSON number.");
      while (is_digit(peek())) bump();
    };
    if (peek() == '-') bump();
    if (peek() == '0') {
      bump();
      if (is_digit(peek())) fail(pos_, "Invalid number", "A JSON number may not have leading zeros.");
    } else {
      digits();
    }
    if (peek() == '.') {
      bump();
      digits();
    }
    if (peek() == 'e' || peek() == 'E') {
      bump();
      if (peek() == '+' || peek() == '-') bump();
      digits();
    }
    v.raw = s_.substr(from, i_ - from);
    v.range.end = pos_;
    return v;
  }

  JsonValue keyword() {
    JsonValue v;
    v.range.start = pos_;
    const std::size_t from = i_;
    while (peek() >= 'a' && peek() <= 'z') bump();
    const std::string_view word = s_.substr(from, i_ - from);
    if (word == "true") {
      v.kind = JsonKind::True;
    } else if (word == "false") {
      v.kind = JsonKind::False;
    } else if (word == "null") {
      v.kind = JsonKind::Null;
    } else {
      fail(v.range.start, "Invalid JSON keyword",
           "The keyword \"" + std::string(word) + "\" is not valid JSON; expected true, false or null.");
    }
    v.raw = word;
    v.range.end = pos_;
    return v;
  }
};

std::uint32_t hex4(std::string_view s, std::size_t at) {
  std::uint32_t cp = 0;
  for (std::size_t k = 0; k < 4; ++k) cp = cp * 16 + static_cast<std::uint32_t>(hex_value(s[at + k]));
  return cp;
}

// Decodes one escape at raw[i] == '\\'; returns the code point and sets length to the raw bytes consumed.
std::uint32_t decode_escape(std::string_view raw, std::size_t i, std::size_t& length) {
  const char e = raw[i + 1];
  length = 2;
  switch (e) {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'u':
      break;
    default:
      return static_cast<unsigned char>(e);  // " \ /
  }
  length = 6;
  const std::uint32_t cp = hex4(raw, i + 2);
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (i + 12 <= raw.size() && raw[i + 6] == '\\' && raw[i + 7] == 'u') {
      const std::uint32_t low = hex4(raw, i + 8);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        length = 12;
        return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      }
    }
    return 0xFFFD;
  }
  if (cp >= 0xDC00 && cp <= 0xDFFF) return 0xFFFD;
  return cp;
}

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

}  // namespace

JsonReadResult read_json(std::string_view text) {
  JsonReadResult result;
  try {
    result.root = Reader(text).run();
    result.ok = true;
  } catch (const Failure& failure) {
    result.error = failure.error;
  }
  return result;
}

std::string decode_string(const JsonValue& s) {
  if (!s.escapes) return std::string(s.raw);
  std::string out;
  out.reserve(s.raw.size());
  for (std::size_t i = 0; i < s.raw.size();) {
    if (s.raw[i] != '\\') {
      out += s.raw[i++];
      continue;
    }
    std::size_t length = 0;
    utf8::append_utf8(out, decode_escape(s.raw, i, length));
    i += length;
  }
  return out;
}

StringPositions::StringPositions(const JsonValue& s, std::string& text)
    : content_start_{s.range.start.line, s.range.start.column + 1}, identity_(!s.escapes) {
  if (identity_) {
    text.assign(s.raw);
    return;
  }
  text.clear();
  text.reserve(s.raw.size());
  columns_.emplace_back();
  std::uint32_t column = content_start_.column;
  for (std::size_t i = 0; i < s.raw.size();) {
    columns_.back().push_back(column);
    if (s.raw[i] != '\\') {
      const std::size_t n = std::min(sequence_length(static_cast<unsigned char>(s.raw[i])), s.raw.size() - i);
      text.append(s.raw.substr(i, n));
      i += n;
      ++column;
      continue;
    }
    std::size_t length = 0;
    const std::uint32_t cp = decode_escape(s.raw, i, length);
    utf8::append_utf8(text, cp);
    i += length;
    column += static_cast<std::uint32_t>(length);  // escapes are ASCII: one column per byte
    if (cp == '\n') columns_.emplace_back();
  }
  columns_.back().push_back(column);  // the closing quote
}

hcl::Pos StringPositions::to_source(hcl::Pos decoded) const {
  if (identity_) return {content_start_.line, content_start_.column + decoded.column - 1};
  const std::size_t line = std::min<std::size_t>(decoded.line == 0 ? 0 : decoded.line - 1, columns_.size() - 1);
  const auto& cols = columns_[line];
  const std::size_t col = std::min<std::size_t>(decoded.column == 0 ? 0 : decoded.column - 1, cols.size() - 1);
  return {content_start_.line, cols[col]};
}

}  // namespace stance::tfjson
