// String functions (https://developer.hashicorp.com/terraform/language/functions, "String Functions"), with
// cty's semantics: lengths and offsets count characters (grapheme clusters), not bytes.
// Case conversion of non-ASCII text and regular expressions over non-ASCII text give an Unknown with a reason
// rather than a value that might differ from Terraform's.
#include <algorithm>
#include <cctype>

#include "sources/terraform/eval/functions_regex.hpp"
#include "sources/terraform/eval/functions_support.hpp"
#include "sources/terraform/eval/limits.hpp"

namespace stance::terraform::functions {

namespace {

Value not_ascii(std::string_view function) {
  return Value::unknown("stance does not evaluate " + std::string(function) + "() on non-ASCII text");
}

FunctionResult lower(Args& a) {
  std::string s = string_arg(a[0], "str");
  if (!is_ascii(s)) return ok(not_ascii("lower"));
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return ok(Value::of_string(std::move(s)));
}

FunctionResult upper(Args& a) {
  std::string s = string_arg(a[0], "str");
  if (!is_ascii(s)) return ok(not_ascii("upper"));
  for (auto& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return ok(Value::of_string(std::move(s)));
}

// Go's strings.Title: a letter after a separator (anything but a letter, digit, underscore or apostrophe...
// in ASCII: anything but alphanumerics and '_') becomes upper case.
FunctionResult title(Args& a) {
  std::string s = string_arg(a[0], "str");
  if (!is_ascii(s)) return ok(not_ascii("title"));
  bool after_separator = true;
  for (auto& c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (after_separator) c = static_cast<char>(std::toupper(u));
    after_separator = !(std::isalnum(u) || u == '_');
  }
  return ok(Value::of_string(std::move(s)));
}

FunctionResult strrev(Args& a) {
  std::string s = string_arg(a[0], "str");
  auto chars = characters(s);
  std::string out;
  out.reserve(s.size());
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) out.append(*it);
  return ok(Value::of_string(std::move(out)));
}

// A result that would pass the string limit fails before it is built any further.
void check_length(std::string_view function, std::size_t bytes) {
  if (bytes > limits::kMaxStringBytes) failed(function, limits::string_too_long());
}

FunctionResult join(Args& a) {
  std::string separator = string_arg(a[0], "separator");
  if (a.size() < 2) failed("join", "at least one list is required");
  std::string out;
  bool first = true;
  for (std::size_t l = 1; l < a.size(); ++l) {
    const auto& items = list_arg(a[l], "lists");
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].is_null()) {
        invalid("lists", a.size() > 2
                             ? "element " + std::to_string(i) + " of list " + std::to_string(l) +
                                   " is null; cannot concatenate null values"
                             : "element " + std::to_string(i) + " is null; cannot concatenate null values");
      }
      if (!first) out += separator;
      out += string_arg(items[i], "lists");
      check_length("join", out.size());
      first = false;
    }
  }
  return ok(Value::of_string(std::move(out)));
}

FunctionResult split(Args& a) {
  std::string separator = string_arg(a[0], "separator");
  std::string s = string_arg(a[1], "str");
  std::vector<Value> parts;
  if (separator.empty()) {  // Go's strings.Split: one element per character (code point)
    for (auto c : characters(s)) parts.push_back(Value::of_string(std::string(c)));
  } else {
    std::size_t start = 0;
    for (;;) {
      std::size_t at = s.find(separator, start);
      if (at == std::string::npos) break;
      parts.push_back(Value::of_string(s.substr(start, at - start)));
      start = at + separator.size();
    }
    parts.push_back(Value::of_string(s.substr(start)));
  }
  return ok(Value::list(std::move(parts)));
}

// Go's unicode.IsSpace, which strings.TrimSpace uses.
bool is_space(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000;
}

// The code point that starts at s[i] and its length in bytes (an invalid byte is itself, length 1).
std::pair<char32_t, std::size_t> code_point_at(std::string_view s, std::size_t i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  std::size_t extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 0;
  if (extra == 0 || i + extra >= s.size()) return {c, 1};
  char32_t cp = c & (0x3F >> extra);
  for (std::size_t k = 1; k <= extra; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {cp, extra + 1};
}

FunctionResult trimspace(Args& a) {
  std::string s = string_arg(a[0], "str");
  std::size_t begin = 0, end = s.size();
  while (begin < end) {
    auto [cp, length] = code_point_at(s, begin);
    if (!is_space(cp)) break;
    begin += length;
  }
  while (end > begin) {
    std::size_t start = end - 1;
    while (start > begin && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) --start;
    auto [cp, length] = code_point_at(s, start);
    if (start + length != end || !is_space(cp)) break;
    end = start;
  }
  return ok(Value::of_string(s.substr(begin, end - begin)));
}

// strings.Trim: removes, from both ends, every character that appears in cutset.
FunctionResult trim(Args& a) {
  std::string s = string_arg(a[0], "str");
  std::string cutset = string_arg(a[1], "cutset");
  std::vector<std::string_view> cut;
  {
    std::size_t i = 0;
    while (i < cutset.size()) {  // code points, not clusters: Go's cutset is a set of runes
      std::size_t start = i;
      unsigned char c = static_cast<unsigned char>(cutset[i]);
      std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
      i = std::min(cutset.size(), i + len);
      cut.push_back(std::string_view(cutset).substr(start, i - start));
    }
  }
  std::string_view view = s;
  bool changed = true;
  while (changed && !view.empty()) {
    changed = false;
    for (auto c : cut) {
      if (view.substr(0, c.size()) == c) {
        view.remove_prefix(c.size());
        changed = true;
        break;
      }
    }
  }
  changed = true;
  while (changed && !view.empty()) {
    changed = false;
    for (auto c : cut) {
      if (view.size() >= c.size() && view.substr(view.size() - c.size()) == c) {
        view.remove_suffix(c.size());
        changed = true;
        break;
      }
    }
  }
  return ok(Value::of_string(std::string(view)));
}

FunctionResult trimprefix(Args& a) {
  std::string s = string_arg(a[0], "str");
  std::string prefix = string_arg(a[1], "prefix");
  if (s.compare(0, prefix.size(), prefix) == 0) s.erase(0, prefix.size());
  return ok(Value::of_string(std::move(s)));
}

FunctionResult trimsuffix(Args& a) {
  std::string s = string_arg(a[0], "str");
  std::string suffix = string_arg(a[1], "suffix");
  if (s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0) {
    s.erase(s.size() - suffix.size());
  }
  return ok(Value::of_string(std::move(s)));
}

FunctionResult chomp(Args& a) {
  std::string s = string_arg(a[0], "str");
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) {
    // (?:\r\n?|\n)*\z: a lone "\r" at the end is removed too, as is "\r\n" and "\n".
    s.pop_back();
  }
  return ok(Value::of_string(std::move(s)));
}

FunctionResult indent(Args& a) {
  long long spaces = integer_arg(a[0], "spaces");
  std::string s = string_arg(a[1], "str");
  check_length("indent", static_cast<std::size_t>(std::clamp(spaces, 0LL, 1LL << 40)));
  std::string pad(static_cast<std::size_t>(std::max(0LL, spaces)), ' ');
  std::string out;
  for (char c : s) {
    out += c;
    if (c == '\n') {
      out += pad;
      check_length("indent", out.size());
    }
  }
  return ok(Value::of_string(std::move(out)));
}

FunctionResult substr(Args& a) {
  std::string s = string_arg(a[0], "str");
  long long offset = integer_arg(a[1], "offset");
  long long length = integer_arg(a[2], "length");
  auto chars = characters(s);
  long long total = static_cast<long long>(chars.size());
  if (offset < 0) {
    offset += total;
    if (offset < 0) offset = 0;  // cty seeks from the start when the negative offset overshoots
  } else if (length == 0) {
    return ok(Value::of_string(""));
  }
  if (offset >= total) return ok(Value::of_string(""));
  long long end = length < 0 ? total : std::min(total, offset + length);
  std::string out;
  for (long long i = offset; i < end; ++i) out.append(chars[static_cast<std::size_t>(i)]);
  return ok(Value::of_string(std::move(out)));
}

FunctionResult startswith(Args& a) {
  std::string s = string_arg(a[0], "str");
  std::string prefix = string_arg(a[1], "prefix");
  return ok(Value::of_bool(s.compare(0, prefix.size(), prefix) == 0));
}

FunctionResult endswith(Args& a) {
  std::string s = string_arg(a[0], "str");
  std::string suffix = string_arg(a[1], "suffix");
  return ok(Value::of_bool(s.size() >= suffix.size() &&
                           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0));
}

FunctionResult strcontains(Args& a) {
  std::string s = string_arg(a[0], "str");
  std::string substring = string_arg(a[1], "substr");
  return ok(Value::of_bool(s.find(substring) != std::string::npos));
}

FunctionResult replace(Args& a) {
  std::string s = string_arg(a[0], "str");
  std::string search = string_arg(a[1], "substr");
  std::string replacement = string_arg(a[2], "replace");
  if (search.size() > 1 && search.front() == '/' && search.back() == '/') {
    return regex_replace_all(s, search.substr(1, search.size() - 2), replacement);
  }
  if (search.empty()) {  // Go's strings.Replace with an empty old string inserts between every character
    std::string out = replacement;
    for (auto c : characters(s)) {
      out.append(c).append(replacement);
      check_length("replace", out.size());
    }
    return ok(Value::of_string(std::move(out)));
  }
  std::string out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(search, start);
    if (at == std::string::npos) break;
    out.append(s, start, at - start).append(replacement);
    check_length("replace", out.size());
    start = at + search.size();
  }
  out.append(s, start, std::string::npos);
  return ok(Value::of_string(std::move(out)));
}

FunctionResult regex(Args& a) {
  return regex_match(string_arg(a[0], "pattern"), string_arg(a[1], "string"), false);
}

FunctionResult regexall(Args& a) {
  return regex_match(string_arg(a[0], "pattern"), string_arg(a[1], "string"), true);
}

}  // namespace

void add_string_functions(Table& t) {
  t["lower"] = {{"str"}, nullptr, lower};
  t["upper"] = {{"str"}, nullptr, upper};
  t["title"] = {{"str"}, nullptr, title};
  t["strrev"] = {{"str"}, nullptr, strrev};
  t["join"] = {{"separator"}, "lists", join};
  t["split"] = {{"separator", "str"}, nullptr, split};
  t["trim"] = {{"str", "cutset"}, nullptr, trim};
  t["trimspace"] = {{"str"}, nullptr, trimspace};
  t["trimprefix"] = {{"str", "prefix"}, nullptr, trimprefix};
  t["trimsuffix"] = {{"str", "suffix"}, nullptr, trimsuffix};
  t["chomp"] = {{"str"}, nullptr, chomp};
  t["indent"] = {{"spaces", "str"}, nullptr, indent};
  t["substr"] = {{"str", "offset", "length"}, nullptr, substr};
  t["startswith"] = {{"str", "prefix"}, nullptr, startswith};
  t["endswith"] = {{"str", "suffix"}, nullptr, endswith};
  t["strcontains"] = {{"str", "substr"}, nullptr, strcontains};
  t["replace"] = {{"str", "substr", "replace"}, nullptr, replace};
  t["regex"] = {{"pattern", "string"}, nullptr, regex};
  t["regexall"] = {{"pattern", "string"}, nullptr, regexall};
}

}  // namespace stance::terraform::functions
