// Encoding functions: jsonencode, jsondecode, base64encode, base64decode, urlencode
// (https://developer.hashicorp.com/terraform/language/functions, "Encoding Functions").
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "common/utf8.hpp"
#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform::functions {

// cty writes numbers in JSON as big.Float.Text('f', -1): never an exponent (1e21 is 1000000000000000000000).
std::string json_number(double n) {
  std::string shortest = format_number(n);
  std::size_t e = shortest.find_first_of("eE");
  if (e == std::string::npos) return shortest;
  bool negative = shortest[0] == '-';
  std::string mantissa = shortest.substr(negative ? 1 : 0, e - (negative ? 1 : 0));
  int exponent = std::atoi(shortest.c_str() + e + 1);
  std::string digits;
  int point = 1;  // digits before the decimal point in `mantissa`
  std::size_t dot = mantissa.find('.');
  if (dot != std::string::npos) {
    point = static_cast<int>(dot);
    digits = mantissa.substr(0, dot) + mantissa.substr(dot + 1);
  } else {
    digits = mantissa;
    point = static_cast<int>(mantissa.size());
  }
  point += exponent;
  std::string out;
  if (point <= 0) {
    out = "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
  } else if (static_cast<std::size_t>(point) >= digits.size()) {
    out = digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
  } else {
    out = digits.substr(0, static_cast<std::size_t>(point)) + "." +
          digits.substr(static_cast<std::size_t>(point));
  }
  return (negative ? "-" : "") + out;
}

std::string json_encode(const Value& v) {
  switch (v.type) {
    case Type::Null:
    case Type::Unknown:
      return "null";
    case Type::Bool:
      return v.boolean ? "true" : "false";
    case Type::Number:
      return json_number(v.number);
    case Type::String:
      return quote(v.string);
    case Type::List: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) out += (i ? "," : "") + json_encode(v.items[i]);
      return out + "]";
    }
    case Type::Map: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.entries.size(); ++i) {
        out += (i ? "," : "") + quote(v.entries[i].first) + ":" + json_encode(v.entries[i].second);
      }
      return out + "}";
    }
  }
  return "null";
}

constexpr const char* kBase64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64_encode(std::string_view in) {
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    unsigned n = (static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16) |
                 (static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8) |
                 static_cast<unsigned char>(in[i + 2]);
    for (int s = 18; s >= 0; s -= 6) out += kBase64[(n >> s) & 63];
  }
  std::size_t left = in.size() - i;
  if (left > 0) {
    unsigned n = static_cast<unsigned>(static_cast<unsigned char>(in[i])) << 16;
    if (left == 2) n |= static_cast<unsigned>(static_cast<unsigned char>(in[i + 1])) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += left == 2 ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

namespace {

// A small JSON reader for jsondecode: objects become maps, arrays lists, numbers doubles.
class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  Value document() {
    skip_space();
    if (pos_ >= text_.size()) fail("unexpected end of JSON input");
    Value v = value(0);
    skip_space();
    if (pos_ < text_.size()) fail(character_error("after top-level value"));
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& why) { failed("jsondecode", why); }

  std::string character_error(std::string_view context) {
    return "invalid character '" + std::string(1, text_[pos_]) + "' " + std::string(context);
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  void expect_literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) {
      if (pos_ + word.size() > text_.size()) fail("unexpected end of JSON input");
      fail("invalid character in literal " + std::string(word));
    }
    pos_ += word.size();
  }

  Value value(int depth) {
    if (depth > 512) fail("exceeded max depth");
    skip_space();
    if (pos_ >= text_.size()) fail("unexpected end of JSON input");
    char c = text_[pos_];
    if (c == '{') return object(depth);
    if (c == '[') return array(depth);
    if (c == '"') return Value::of_string(string());
    if (c == 't') return expect_literal("true"), Value::of_bool(true);
    if (c == 'f') return expect_literal("false"), Value::of_bool(false);
    if (c == 'n') return expect_literal("null"), Value::null_value();
    if (c == '-' || (c >= '0' && c <= '9')) return number();
    fail(character_error("looking for beginning of value"));
  }

  Value number() {
    std::size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    auto digits = [&]() {
      std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') ++pos_;
      return pos_ - from;
    };
    if (pos_ < text_.size() && text_[pos_] == '0') {
      ++pos_;
    } else if (digits() == 0) {
      if (pos_ >= text_.size()) fail("unexpected end of JSON input");
      fail(character_error("in numeric literal"));
    }
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      if (digits() == 0)
        fail(pos_ >= text_.size() ? "unexpected end of JSON input"
                                  : character_error("after decimal point in numeric literal"));
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      if (digits() == 0)
        fail(pos_ >= text_.size() ? "unexpected end of JSON input"
                                  : character_error("in exponent of numeric literal"));
    }
    std::string literal(text_.substr(start, pos_ - start));
    return Value::of_number(std::strtod(literal.c_str(), nullptr));
  }

  unsigned hex4() {
    if (pos_ + 4 > text_.size()) fail("unexpected end of JSON input");
    unsigned v = 0;
    for (int k = 0; k < 4; ++k) {
      char h = text_[pos_++];
      v <<= 4;
      if (h >= '0' && h <= '9')
        v |= static_cast<unsigned>(h - '0');
      else if (h >= 'a' && h <= 'f')
        v |= static_cast<unsigned>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        v |= static_cast<unsigned>(h - 'A' + 10);
      else
        fail("invalid character in \\u hexadecimal character escape");
    }
    return v;
  }

  std::string string() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unexpected end of JSON input");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("invalid character in string literal");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) fail("unexpected end of JSON input");
      char e = text_[pos_++];
      switch (e) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          unsigned cp = hex4();
          if (cp >= 0xD800 && cp < 0xDC00 && text_.substr(pos_, 2) == "\\u") {
            std::size_t save = pos_;
            pos_ += 2;
            unsigned low = hex4();
            if (low >= 0xDC00 && low < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              pos_ = save;
              cp = 0xFFFD;
            }
          } else if (cp >= 0xD800 && cp < 0xE000) {
            cp = 0xFFFD;
          }
          utf8::append_utf8(out, cp);
          break;
        }
        default:
          fail("invalid character '" + std::string(1, e) + "' in string escape code");
      }
    }
  }

  Value array(int depth) {
    ++pos_;
    std::vector<Value> items;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == ']') {
      ++pos_;
      return Value::list({});
    }
    for (;;) {
      items.push_back(value(depth + 1));
      skip_space();
      if (pos_ >= text_.size()) fail("unexpected end of JSON input");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == ']') {
        ++pos_;
        return Value::list(std::move(items));
      }
      fail(character_error("after array element"));
    }
  }

  Value object(int depth) {
    ++pos_;
    std::vector<std::pair<std::string, Value>> entries;
    skip_space();
    if (pos_ < text_.size() && text_[pos_] == '}') {
      ++pos_;
      return Value::map({});
    }
    for (;;) {
      skip_space();
      if (pos_ >= text_.size()) fail("unexpected end of JSON input");
      if (text_[pos_] != '"') fail(character_error("looking for beginning of object key string"));
      std::string key = string();
      skip_space();
      if (pos_ >= text_.size()) fail("unexpected end of JSON input");
      if (text_[pos_] != ':') fail(character_error("after object key"));
      ++pos_;
      entries.emplace_back(std::move(key), value(depth + 1));
      skip_space();
      if (pos_ >= text_.size()) fail("unexpected end of JSON input");
      if (text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      if (text_[pos_] == '}') {
        ++pos_;
        return Value::map(std::move(entries));
      }
      fail(character_error("after object key:value pair"));
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

FunctionResult jsonencode(Args& a) { return ok(Value::of_string(json_encode(a[0]))); }

FunctionResult jsondecode(Args& a) { return ok(JsonReader(string_arg(a[0], "str")).document()); }

FunctionResult base64encode(Args& a) { return ok(Value::of_string(base64_encode(string_arg(a[0], "str")))); }

bool valid_utf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 9;
    if (extra == 9 || i + extra >= s.size() + (extra ? 0 : 1)) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return false;
    }
    i += extra + 1;
  }
  return true;
}

// Go's base64.StdEncoding: padding required, no whitespace except that Go's decoder ignores \r and \n.
FunctionResult base64decode(Args& a) {
  std::string in = string_arg(a[0], "str");
  std::string clean;
  for (char c : in) {
    if (c != '\r' && c != '\n') clean += c;
  }
  auto fail = [&]() { failed("base64decode", "failed to decode base64 data"); };
  if (clean.size() % 4 != 0) fail();
  std::string out;
  for (std::size_t i = 0; i < clean.size(); i += 4) {
    unsigned n = 0;
    int padding = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      char c = clean[i + k];
      unsigned digit = 0;
      if (c == '=') {
        if (i + 4 != clean.size() || k < 2) fail();
        ++padding;
      } else {
        if (padding) fail();
        const char* at = std::strchr(kBase64, c);
        if (!at || c == 0) fail();
        digit = static_cast<unsigned>(at - kBase64);
      }
      n = (n << 6) | digit;
    }
    out += static_cast<char>((n >> 16) & 0xFF);
    if (padding < 2) out += static_cast<char>((n >> 8) & 0xFF);
    if (padding < 1) out += static_cast<char>(n & 0xFF);
  }
  if (!valid_utf8(out))
    failed("base64decode", "the result of decoding the provided string is not valid UTF-8");
  return ok(Value::of_string(std::move(out)));
}

// Go's url.QueryEscape: letters, digits and -_.~ stay, a space becomes "+", everything else %XX.
FunctionResult urlencode(Args& a) {
  std::string in = string_arg(a[0], "str");
  std::string out;
  for (char c : in) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += c;
    } else if (c == ' ') {
      out += '+';
    } else {
      char buffer[4];
      std::snprintf(buffer, sizeof buffer, "%%%02X", u);
      out += buffer;
    }
  }
  return ok(Value::of_string(std::move(out)));
}

}  // namespace

void add_encoding_functions(Table& t) {
  t["jsonencode"] = {{"val"}, nullptr, jsonencode, true};
  t["jsondecode"] = {{"str"}, nullptr, jsondecode};
  t["base64encode"] = {{"str"}, nullptr, base64encode};
  t["base64decode"] = {{"str"}, nullptr, base64decode};
  t["urlencode"] = {{"str"}, nullptr, urlencode};
}

}  // namespace stance::terraform::functions
