// format() and formatlist(): cty's printf-like verbs
// (https://developer.hashicorp.com/terraform/language/functions/format). %v prints strings as they are,
// numbers like Go's %g with the shortest digits (so 1000000 is "1e+06"), everything else as JSON; %#v is
// always JSON. Widths and precisions count characters, not bytes.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "sources/terraform/eval/functions_support.hpp"
#include "sources/terraform/eval/limits.hpp"

namespace stance::terraform::functions {

namespace {

struct Verb {
  std::string raw;
  std::size_t offset = 0;
  std::size_t arg = 0;  // 1-based
  char mode = 0;
  bool zero = false, sharp = false, plus = false, minus = false, space = false;
  int width = -1;
  int precision = -1;
};

// A failure of one verb: cty's message, which the caller wraps.
struct FormatError {
  std::string message;
};

std::string pad(const Verb& v, std::string text) {
  int length = static_cast<int>(characters(text).size());
  if (v.width < 0 || length >= v.width) return text;
  std::string padding(static_cast<std::size_t>(v.width - length), v.zero ? '0' : ' ');
  return v.minus ? text + padding : padding + text;
}

std::string unsupported(const Verb& v, std::string_view why) {
  return "unsupported value for " + quote(v.raw) + " at " + std::to_string(v.offset) + ": " +
         std::string(why);
}

// Go's %e/%f/%g family for one number, with width and flags as Go's fmt applies them.
std::string sign_and_pad(const Verb& v, bool negative, std::string digits) {
  std::string sign = negative ? "-" : v.plus ? "+" : v.space ? " " : "";
  int length = static_cast<int>(sign.size() + digits.size());
  if (v.width > length) {
    std::size_t fill = static_cast<std::size_t>(v.width - length);
    if (v.minus) return sign + digits + std::string(fill, ' ');
    if (v.zero) return sign + std::string(fill, '0') + digits;
    return std::string(fill, ' ') + sign + digits;
  }
  return sign + digits;
}

// Go's %g: shortest digits when no precision (then the exponent form starts at 1e+06 or below 1e-4),
// otherwise `precision` significant digits, without trailing zeros.
std::string go_g(double magnitude, int precision, bool upper) {
  char buffer[64];
  int digits_wanted = precision < 0 ? 17 : std::max(precision, 1);
  if (precision < 0) {
    for (int p = 1; p <= 17; ++p) {
      std::snprintf(buffer, sizeof buffer, "%.*e", p - 1, magnitude);
      if (std::strtod(buffer, nullptr) == magnitude) {
        digits_wanted = p;
        break;
      }
    }
  }
  std::snprintf(buffer, sizeof buffer, "%.*e", digits_wanted - 1, magnitude);
  std::string e = buffer;  // d.ddddde±XX
  std::size_t e_at = e.find('e');
  int exponent = std::atoi(e.c_str() + e_at + 1);
  std::string mantissa;
  for (char c : e.substr(0, e_at)) {
    if (c != '.') mantissa += c;
  }
  while (mantissa.size() > 1 && mantissa.back() == '0') mantissa.pop_back();
  int nd = static_cast<int>(mantissa.size());
  int eprec = precision < 0 ? 6 : digits_wanted;
  if (precision >= 0 && eprec > nd && nd >= exponent + 1) eprec = nd;
  std::string out;
  if (exponent < -4 || exponent >= eprec) {
    out = mantissa.substr(0, 1);
    if (nd > 1) out += "." + mantissa.substr(1);
    char exp_text[16];
    std::snprintf(exp_text, sizeof exp_text, "%c%c%02d", upper ? 'E' : 'e', exponent < 0 ? '-' : '+',
                  std::abs(exponent));
    return out + exp_text;
  }
  if (exponent < 0) return "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + mantissa;
  if (nd <= exponent + 1) return mantissa + std::string(static_cast<std::size_t>(exponent + 1 - nd), '0');
  return mantissa.substr(0, static_cast<std::size_t>(exponent + 1)) + "." +
         mantissa.substr(static_cast<std::size_t>(exponent + 1));
}

std::string integer_digits(double magnitude, int base, bool upper) {
  if (base == 10) {
    char buffer[400];
    std::snprintf(buffer, sizeof buffer, "%.0f", magnitude);
    return buffer;
  }
  if (magnitude >= 9007199254740992.0)
    throw FormatError{"stance cannot format integers this large in base " + std::to_string(base)};
  auto n = static_cast<unsigned long long>(magnitude);
  if (n == 0) return "0";
  const char* alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string out;
  while (n) {
    out.insert(out.begin(), alphabet[n % static_cast<unsigned>(base)]);
    n /= static_cast<unsigned>(base);
  }
  return out;
}

double number_for(const Verb& v, const Value& arg) {
  if (arg.type == Type::String) {
    auto n = to_number_value(arg);
    if (!n) throw FormatError{unsupported(v, "a number is required")};
    return n->number;
  }
  if (arg.type != Type::Number) throw FormatError{unsupported(v, "number required")};
  return arg.number;
}

std::string format_one(const Verb& v, const Value& arg) {
  if (v.mode != 'v' && arg.is_null()) throw FormatError{unsupported(v, "null value cannot be formatted")};
  switch (v.mode) {
    case 'v':
      if (!v.sharp && arg.type == Type::String) return pad(v, arg.string);
      if (!v.sharp && arg.type == Type::Number) {
        return pad(v, (arg.number < 0 ? "-" : "") + go_g(std::fabs(arg.number), -1, false));
      }
      return pad(v, json_encode(arg));
    case 't': {
      auto b = to_bool_value(arg);
      if (!b || b->type != Type::Bool) throw FormatError{unsupported(v, "bool required")};
      return b->boolean ? "true" : "false";
    }
    case 'b':
    case 'd':
    case 'o':
    case 'x':
    case 'X': {
      double n = number_for(v, arg);
      if (n != std::floor(n) || !std::isfinite(n))
        throw FormatError{unsupported(v, "an integer is required")};
      int base = v.mode == 'b' ? 2 : v.mode == 'o' ? 8 : v.mode == 'd' ? 10 : 16;
      std::string digits = integer_digits(std::fabs(n), base, v.mode == 'X');
      if (v.precision >= 0 && static_cast<int>(digits.size()) < v.precision) {
        digits.insert(0, static_cast<std::size_t>(v.precision) - digits.size(), '0');
      }
      if (v.sharp)
        digits.insert(0, base == 16  ? (v.mode == 'X' ? "0X" : "0x")
                         : base == 8 ? "0"
                         : base == 2 ? "0b"
                                     : "");
      Verb without_zero = v;
      if (v.precision >= 0) without_zero.zero = false;  // Go ignores '0' when a precision is given
      return sign_and_pad(without_zero, n < 0, digits);
    }
    case 'e':
    case 'E':
    case 'f':
    case 'g':
    case 'G': {
      double n = number_for(v, arg);
      std::string digits;
      if (v.mode == 'g' || v.mode == 'G') {
        digits = go_g(std::fabs(n), v.precision, v.mode == 'G');
      } else {
        char buffer[400];
        char spec[8] = {'%', '.', '*', v.mode, 0};
        std::snprintf(buffer, sizeof buffer, spec, v.precision < 0 ? 6 : v.precision, std::fabs(n));
        digits = buffer;
      }
      return sign_and_pad(v, std::signbit(n) && n != 0, digits);
    }
    case 's':
    case 'q': {
      auto s = to_string_value(arg);
      if (!s || s->type != Type::String) throw FormatError{unsupported(v, "string required")};
      std::string text = s->string;
      if (v.precision > 0) {
        auto chars = characters(text);
        if (static_cast<std::size_t>(v.precision) < chars.size()) {
          text = text.substr(
              0, static_cast<std::size_t>(chars[static_cast<std::size_t>(v.precision)].data() - text.data()));
        }
      }
      return pad(v, v.mode == 'q' ? quote(text) : text);
    }
    default:
      throw FormatError{std::string("unsupported format verb '") + v.mode + "' in " + quote(v.raw) +
                        " at offset " + std::to_string(v.offset)};
  }
}

// One format call on known arguments.
std::string run_format(const std::string& format, const std::vector<Value>& args) {
  std::string out;
  std::size_t next_arg = 1;
  std::size_t highest_used = 0;
  std::size_t i = 0;
  auto digits = [&](int& target) {
    target = 0;
    // Saturated: a width of 10^12 must neither overflow nor allocate (the result is bounded below anyway).
    while (i < format.size() && format[i] >= '0' && format[i] <= '9')
      target = std::min(target * 10 + (format[i++] - '0'), static_cast<int>(limits::kMaxStringBytes) + 1);
  };
  while (i < format.size()) {
    char c = format[i];
    if (c != '%') {
      out += c;
      ++i;
      continue;
    }
    if (i + 1 < format.size() && format[i + 1] == '%') {
      out += '%';
      i += 2;
      continue;
    }
    Verb v;
    v.offset = i;
    v.arg = next_arg;
    ++i;
    for (; i < format.size(); ++i) {
      char f = format[i];
      if (f == '0')
        v.zero = true;
      else if (f == '#')
        v.sharp = true;
      else if (f == '-')
        v.minus = true;
      else if (f == '+')
        v.plus = true;
      else if (f == ' ')
        v.space = true;
      else
        break;
    }
    auto unrecognized = [&]() {
      if (i >= format.size()) {
        throw FormatError{"invalid format string starting at offset " + std::to_string(format.size())};
      }
      std::size_t end = i + 1;
      while (end < format.size() && (static_cast<unsigned char>(format[end]) & 0xC0) == 0x80) ++end;
      throw FormatError{"unrecognized format character '" + format.substr(i, end - i) + "' at offset " +
                        std::to_string(i)};
    };
    if (i < format.size() && format[i] == '[') {
      ++i;
      if (i >= format.size() || format[i] < '1' || format[i] > '9') unrecognized();
      int n = 0;
      digits(n);
      if (i >= format.size() || format[i] != ']') unrecognized();
      ++i;
      v.arg = static_cast<std::size_t>(n);
    }
    if (i < format.size() && format[i] >= '1' && format[i] <= '9') digits(v.width);
    if (i < format.size() && format[i] == '.') {
      ++i;
      digits(v.precision);
    }
    if (i >= format.size() || !std::isalpha(static_cast<unsigned char>(format[i]))) unrecognized();
    v.mode = format[i++];
    v.raw = format.substr(v.offset, i - v.offset);
    if (v.arg > args.size()) {
      throw FormatError{"not enough arguments for " + quote(v.raw) + " at " + std::to_string(v.offset) +
                        ": need index " + std::to_string(v.arg) + " but have " + std::to_string(args.size()) +
                        " total"};
    }
    out += format_one(v, args[v.arg - 1]);
    if (out.size() > limits::kMaxStringBytes) throw FormatError{limits::string_too_long()};
    highest_used = std::max(highest_used, v.arg);
    next_arg = v.arg + 1;
  }
  if (highest_used < args.size()) {
    throw FormatError{highest_used == 0 ? std::string("too many arguments; no verbs in format string")
                                        : "too many arguments; only " + std::to_string(highest_used) +
                                              " used by format string"};
  }
  return out;
}

FunctionResult format(Args& a) {
  if (a[0].is_null()) invalid("format", "argument must not be null");
  std::string spec = string_arg(a[0], "format");
  std::vector<Value> rest(a.begin() + 1, a.end());
  try {
    return ok(Value::of_string(run_format(spec, rest)));
  } catch (const FormatError& e) {
    failed("format", e.message);
  }
}

// formatlist: list arguments are iterated together (all the same length), the others repeat.
FunctionResult formatlist(Args& a) {
  if (a[0].is_null()) invalid("format", "argument must not be null");
  if (a[0].is_unknown()) return ok(unknown_from(a[0]));
  std::string spec = string_arg(a[0], "format");
  std::vector<Value> rest(a.begin() + 1, a.end());
  long long length = -1;
  std::size_t length_from = 0;
  bool unknown = false;
  for (std::size_t i = 0; i < rest.size(); ++i) {
    if (rest[i].is_unknown()) {
      unknown = true;
      continue;
    }
    if (rest[i].type != Type::List) continue;
    auto n = static_cast<long long>(rest[i].items.size());
    if (length == -1) {
      length = n;
      length_from = i;
    } else if (n != length) {
      invalid("args", "argument " + std::to_string(i + 1) + " has length " + std::to_string(n) +
                          ", which is inconsistent with argument " + std::to_string(length_from + 1) +
                          " of length " + std::to_string(length));
    }
  }
  if (unknown) return ok(unknown_from(rest));
  if (length == -1) length = 1;
  std::vector<Value> results;
  for (long long k = 0; k < length; ++k) {
    std::vector<Value> call;
    bool element_unknown = false;
    for (const auto& arg : rest) {
      call.push_back(arg.type == Type::List ? arg.items[static_cast<std::size_t>(k)] : arg);
      if (!call.back().wholly_known()) element_unknown = true;
    }
    if (element_unknown) {
      results.push_back(unknown_from(call));
      continue;
    }
    try {
      results.push_back(Value::of_string(run_format(spec, call)));
    } catch (const FormatError& e) {
      failed("formatlist", "error on format iteration " + std::to_string(k) + ": " + e.message);
    }
  }
  return ok(Value::list(std::move(results)));
}

}  // namespace

void add_format_functions(Table& t) {
  t["format"] = {{"format"}, "args", format, true, false};
  t["formatlist"] = {{"format"}, "args", formatlist, true, true};
}

}  // namespace stance::terraform::functions
