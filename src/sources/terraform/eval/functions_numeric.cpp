// Numeric functions and the type conversion functions (tostring, tonumber, tobool).
// https://developer.hashicorp.com/terraform/language/functions, "Numeric Functions" and "Type Conversion".
#include <cctype>
#include <cmath>
#include <limits>

#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform::functions {

namespace {

FunctionResult extreme(Args& a, bool want_max) {
  if (a.empty()) failed(want_max ? "max" : "min", "must pass at least one number");
  double best = number_arg(a[0], "numbers");
  for (std::size_t i = 1; i < a.size(); ++i) {
    double n = number_arg(a[i], "numbers");
    if (want_max ? n > best : n < best) best = n;
  }
  return ok(Value::of_number(best));
}

FunctionResult min_(Args& a) { return extreme(a, false); }
FunctionResult max_(Args& a) { return extreme(a, true); }
FunctionResult abs_(Args& a) { return ok(Value::of_number(std::fabs(number_arg(a[0], "num")))); }
FunctionResult ceil_(Args& a) { return ok(Value::of_number(std::ceil(number_arg(a[0], "num")))); }
FunctionResult floor_(Args& a) { return ok(Value::of_number(std::floor(number_arg(a[0], "num")))); }

FunctionResult pow_(Args& a) {
  return ok(Value::of_number(std::pow(number_arg(a[0], "num"), number_arg(a[1], "power"))));
}

FunctionResult signum(Args& a) {
  double n = number_arg(a[0], "num");
  return ok(Value::of_number(n > 0 ? 1 : n < 0 ? -1 : 0));
}

FunctionResult log_(Args& a) {
  double n = number_arg(a[0], "num");
  double base = number_arg(a[1], "base");
  return ok(Value::of_number(std::log(n) / std::log(base)));
}

// Go's big.Int SetString: an optional sign, then digits; letters are case-insensitive up to base 36, and
// from base 37 on "a".."z" are 10..35 and "A".."Z" 36..61.
FunctionResult parseint(Args& a) {
  if (a[0].type != Type::String) invalid("number", "string required");
  const std::string& text = a[0].string;
  long long base = integer_arg(a[1], "base");
  if (base < 2 || base > 62) invalid("base", "base must be a whole number between 2 and 62 inclusive");
  auto fail = [&]() {
    invalid("number", "cannot parse the given string as a base " + std::to_string(base) + " integer");
  };
  std::size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  if (i >= text.size()) fail();
  double value = 0;
  for (; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    int digit;
    if (std::isdigit(c))
      digit = c - '0';
    else if (c >= 'a' && c <= 'z')
      digit = c - 'a' + 10;
    else if (c >= 'A' && c <= 'Z')
      digit = base <= 36 ? c - 'A' + 10 : c - 'A' + 36;
    else
      digit = 99;
    if (digit >= base) fail();
    value = value * static_cast<double>(base) + digit;
  }
  return ok(Value::of_number(negative ? -value : value));
}

FunctionResult tostring(Args& a) {
  const Value& v = a[0];
  if (v.is_null()) return ok(v);
  if (v.type == Type::List || v.type == Type::Map) {
    invalid("v", std::string("cannot convert ") + (v.type == Type::List ? "tuple" : "object") + " to string");
  }
  return ok(*to_string_value(v));
}

FunctionResult tonumber(Args& a) {
  const Value& v = a[0];
  if (v.is_null()) return ok(v);
  auto n = to_number_value(v);
  if (!n) {
    if (v.type == Type::String) {
      invalid("v", "cannot convert a string to number; given string must be a decimal representation of a number");
    }
    invalid("v", std::string("cannot convert ") + v.type_name() + " to number");
  }
  return ok(*n);
}

FunctionResult tobool(Args& a) {
  const Value& v = a[0];
  if (v.is_null()) return ok(v);
  auto b = to_bool_value(v);
  if (!b) {
    if (v.type == Type::String) {
      invalid("v", "cannot convert a string to bool; only the strings \"true\" or \"false\" are allowed");
    }
    invalid("v", std::string("cannot convert ") + v.type_name() + " to bool");
  }
  return ok(*b);
}

// sensitive() and nonsensitive() change only how Terraform displays a value.
FunctionResult identity(Args& a) { return ok(a[0]); }

}  // namespace

void add_numeric_functions(Table& t) {
  t["min"] = {{}, "numbers", min_};
  t["max"] = {{}, "numbers", max_};
  t["abs"] = {{"num"}, nullptr, abs_};
  t["ceil"] = {{"num"}, nullptr, ceil_};
  t["floor"] = {{"num"}, nullptr, floor_};
  t["pow"] = {{"num", "power"}, nullptr, pow_};
  t["signum"] = {{"num"}, nullptr, signum};
  t["log"] = {{"num", "base"}, nullptr, log_};
  t["parseint"] = {{"number", "base"}, nullptr, parseint};
}

void add_conversion_functions(Table& t) {
  t["tostring"] = {{"v"}, nullptr, tostring, true};
  t["tonumber"] = {{"v"}, nullptr, tonumber, true};
  t["tobool"] = {{"v"}, nullptr, tobool, true};
  t["sensitive"] = {{"value"}, nullptr, identity, true, true};
  t["nonsensitive"] = {{"value"}, nullptr, identity, true, true};
}

}  // namespace stance::terraform::functions
