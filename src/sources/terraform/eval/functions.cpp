#include "sources/terraform/eval/functions.hpp"

#include <cmath>
#include <cstdio>

#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform {

namespace functions {

void invalid(std::string_view param, std::string_view why) {
  std::string message = "Invalid function argument: Invalid value for \"";
  message.append(param).append("\" parameter: ").append(why);
  if (message.back() != '.') message += '.';
  throw ArgumentError(message);
}

void failed(std::string_view function, std::string_view why) {
  std::string message = "Error in function call: Call to function \"";
  message.append(function).append("\" failed: ").append(why);
  if (message.back() != '.') message += '.';
  throw ArgumentError(message);
}

const Value* first_unknown(const Value& v) {
  if (v.is_unknown()) return &v;
  for (const auto& item : v.items) {
    if (const Value* u = first_unknown(item)) return u;
  }
  for (const auto& entry : v.entries) {
    if (const Value* u = first_unknown(entry.second)) return u;
  }
  return nullptr;
}

// The result keeps the first unknown's reason, and its `invalid` mark: a call on a value whose evaluation
// failed is no more known than that value.
Value unknown_from(const Value& v, std::string_view fallback) {
  const Value* u = first_unknown(v);
  Value result = Value::unknown(u && !u->unknown_reason.empty() ? u->unknown_reason : std::string(fallback));
  result.invalid = u && u->invalid;
  return result;
}

Value unknown_from(const Args& args, std::string_view fallback) {
  for (const auto& a : args) {
    if (first_unknown(a)) return unknown_from(a, fallback);
  }
  return Value::unknown(std::string(fallback));
}

std::string string_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  auto s = to_string_value(v);
  if (!s || s->type != Type::String) invalid(param, "string required");
  return s->string;
}

double number_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  auto n = to_number_value(v);
  if (!n || n->type != Type::Number) invalid(param, "a number is required");
  return n->number;
}

bool bool_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  auto b = to_bool_value(v);
  if (!b || b->type != Type::Bool) invalid(param, "bool required");
  return b->boolean;
}

long long integer_arg(const Value& v, std::string_view param) {
  double n = number_arg(v, param);
  if (n != std::floor(n) || !std::isfinite(n)) invalid(param, "value must be a whole number");
  return static_cast<long long>(n);
}

const std::vector<Value>& list_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  if (v.type != Type::List) invalid(param, "list of any single type required");
  return v.items;
}

const Value& map_arg(const Value& v, std::string_view param) {
  if (v.is_null()) invalid(param, "argument must not be null");
  if (v.type != Type::Map) invalid(param, "map of any single type required");
  return v;
}

std::string quote(std::string_view s) {
  // Go's encoding/json, as cty uses it: <, > and & are escaped for HTML safety, as are U+2028 and U+2029.
  std::string out = "\"";
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    switch (c) {
      case '"':
        out += "\\\"";
        continue;
      case '\\':
        out += "\\\\";
        continue;
      case '\n':
        out += "\\n";
        continue;
      case '\r':
        out += "\\r";
        continue;
      case '\t':
        out += "\\t";
        continue;
      case '\b':
        out += "\\b";
        continue;
      case '\f':
        out += "\\f";
        continue;
      default:
        break;
    }
    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
      i += 2;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

namespace {

// Decodes the code point at s[i] (advancing i); invalid bytes count as one code point each.
char32_t next_code_point(std::string_view s, std::size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
  if (extra <= 0 || i + static_cast<std::size_t>(extra) >= s.size()) {
    ++i;
    return c;
  }
  char32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d >> 6) != 2) {
      ++i;
      return c;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  i += static_cast<std::size_t>(extra) + 1;
  return cp;
}

bool extends_cluster(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
         (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
         (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0020 && cp <= 0xE007F) ||
         (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x200D;
}

}  // namespace

std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  bool after_joiner = false;
  while (i < s.size()) {
    std::size_t start = i;
    char32_t cp = next_code_point(s, i);
    bool extends =
        !out.empty() && (extends_cluster(cp) || after_joiner || (cp == '\n' && out.back() == "\r"));
    after_joiner = cp == 0x200D;
    if (extends) {
      out.back() =
          std::string_view(out.back().data(), i - static_cast<std::size_t>(out.back().data() - s.data()));
    } else {
      out.push_back(s.substr(start, i - start));
    }
  }
  return out;
}

bool is_ascii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

void unify_primitives(std::vector<Value>& items, std::string_view param) {
  bool has_string = false, has_number = false, has_bool = false, has_other = false;
  for (const auto& v : items) {
    switch (v.type) {
      case Type::String:
        has_string = true;
        break;
      case Type::Number:
        has_number = true;
        break;
      case Type::Bool:
        has_bool = true;
        break;
      case Type::Null:
      case Type::Unknown:
        break;
      default:
        has_other = true;
    }
  }
  int kinds = has_string + has_number + has_bool;
  if (kinds <= 1) return;
  if (has_other || !has_string) invalid(param, "all elements must have the same type");
  for (auto& v : items) {
    if (v.type == Type::Number || v.type == Type::Bool) v = *to_string_value(v);
  }
}

namespace {

const Table& table() {
  static const Table built = [] {
    Table t;
    add_string_functions(t);
    add_format_functions(t);
    add_collection_functions(t);
    add_numeric_functions(t);
    add_conversion_functions(t);
    add_encoding_functions(t);
    add_network_functions(t);
    add_hash_functions(t);
    add_apply_time_functions(t);
    return t;
  }();
  return built;
}

// The value of a call Terraform rejects: unknown, and marked invalid so nothing counts it as decided.
Value failed_call() {
  Value v = Value::unknown("the function call is invalid");
  v.invalid = true;
  return v;
}

std::string count_message(std::string_view name, const Spec& spec, std::size_t given) {
  std::string expects = std::to_string(spec.params.size());
  if (given < spec.params.size()) {
    return "Not enough function arguments: Function \"" + std::string(name) + "\" expects " +
           (spec.variadic ? "at least " : "") + expects + " argument(s). Missing value for \"" +
           spec.params[given] + "\".";
  }
  return "Too many function arguments: Function \"" + std::string(name) + "\" expects only " + expects +
         " argument(s).";
}

}  // namespace

}  // namespace functions

std::optional<FunctionResult> call_function(std::string_view name, std::vector<Value> args) {
  using namespace functions;
  const auto& t = table();
  auto it = t.find(name);
  if (it == t.end()) return std::nullopt;
  const Spec& spec = it->second;
  if (args.size() < spec.params.size() || (!spec.variadic && args.size() > spec.params.size())) {
    return FunctionResult{failed_call(), count_message(name, spec, args.size())};
  }
  if (!spec.allow_null) {
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (args[i].is_null()) {
        const char* param = i < spec.params.size() ? spec.params[i] : spec.variadic;
        return FunctionResult{failed_call(), "Invalid function argument: Invalid value for \"" +
                                                 std::string(param) +
                                                 "\" parameter: argument must not be null."};
      }
    }
  }
  if (!spec.allow_unknown) {
    for (const auto& a : args) {
      if (!a.wholly_known()) return FunctionResult{unknown_from(args), {}};
    }
  }
  try {
    FunctionResult result = spec.impl(args);
    // The functions that multiply their input (replace, join, format, setproduct, ...) check as they build;
    // this catches every other way a result passes the value limits (limits.hpp).
    if (result.error.empty()) {
      if (std::string passed = size_limit_passed(result.value); !passed.empty()) failed(name, passed);
    }
    return result;
  } catch (const ArgumentError& e) {
    return FunctionResult{failed_call(), e.what()};
  }
}

}  // namespace stance::terraform
