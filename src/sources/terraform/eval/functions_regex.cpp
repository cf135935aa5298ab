#include "sources/terraform/eval/functions_regex.hpp"

#include <cctype>
#include <regex>

namespace stance::terraform::functions {

namespace {

struct Translated {
  std::string ecmascript;
  std::vector<std::string> names;  // one per capture group, "" for unnamed
  bool icase = false;
  std::string error;        // RE2 rejects the pattern: Terraform's message
  std::string unsupported;  // RE2 accepts it but stance cannot run it faithfully
};

Translated translate(const std::string& p) {
  Translated t;
  std::size_t i = 0;
  if (p.compare(0, 4, "(?i)") == 0) {
    t.icase = true;
    i = 4;
  }
  while (i < p.size() && t.error.empty() && t.unsupported.empty()) {
    char c = p[i];
    if (c == '\\') {
      if (i + 1 >= p.size()) {
        t.error = "invalid regexp pattern: trailing backslash at end of expression in ";
        break;
      }
      char e = p[i + 1];
      if (e >= '1' && e <= '9') {
        t.error = std::string("invalid regexp pattern: invalid escape sequence in \\") + e;
      } else if (e == 'A') {
        t.ecmascript += '^';
      } else if (e == 'z') {
        t.ecmascript += '$';
      } else if (e == 'Q' || e == 'E' || e == 'p' || e == 'P' || e == 'C' || e == 'x' || e == 'Z') {
        t.unsupported = std::string("\\") + e;
      } else {
        t.ecmascript += c;
        t.ecmascript += e;
      }
      i += 2;
      continue;
    }
    if (c == '[') {  // copy the class through its closing bracket
      std::size_t j = i + 1;
      if (j < p.size() && p[j] == '^') ++j;
      if (j < p.size() && p[j] == ']') {  // a leading ']' is literal in RE2, an empty class in ECMAScript
        t.unsupported = "[]";
        break;
      }
      while (j < p.size() && p[j] != ']') {
        if (p[j] == '\\') {
          if (j + 1 < p.size() && std::string_view("QEpPCxZ").find(p[j + 1]) != std::string_view::npos) {
            t.unsupported = std::string("\\") + p[j + 1];
          }
          j += 2;
        } else if (p[j] == '[' && j + 1 < p.size() && p[j + 1] == ':') {
          std::size_t close = p.find(":]", j + 2);
          j = close == std::string::npos ? p.size() : close + 2;
        } else {
          ++j;
        }
      }
      if (j >= p.size()) {
        t.error = "invalid regexp pattern: missing closing ] in " + p.substr(i);
        break;
      }
      t.ecmascript.append(p, i, j + 1 - i);
      i = j + 1;
      continue;
    }
    if (c == '(' && i + 1 < p.size() && p[i + 1] == '?') {
      std::string_view rest = std::string_view(p).substr(i + 2);
      if (rest.substr(0, 1) == ":") {
        t.ecmascript += "(?:";
        i += 3;
      } else if (rest.substr(0, 2) == "P<" ||
                 (rest.substr(0, 1) == "<" && rest.substr(0, 2) != "<=" && rest.substr(0, 2) != "<!")) {
        std::size_t start = i + 2 + (rest[0] == 'P' ? 2 : 1);
        std::size_t close = p.find('>', start);
        if (close == std::string::npos) {
          t.error = "invalid regexp pattern: invalid named capture in " + p.substr(i);
          break;
        }
        t.names.push_back(p.substr(start, close - start));
        t.ecmascript += '(';
        i = close + 1;
      } else if (rest.substr(0, 1) == "=" || rest.substr(0, 1) == "!" || rest.substr(0, 2) == "<=" ||
                 rest.substr(0, 2) == "<!") {
        t.error = "invalid regexp pattern: invalid or unsupported Perl syntax in " +
                  p.substr(i, rest.substr(0, 1) == "<" ? 4 : 3);
      } else {
        t.unsupported = "inline flags (" + p.substr(i, 4) + "...)";
      }
      continue;
    }
    if (c == '(') t.names.emplace_back();
    t.ecmascript += c;
    ++i;
  }
  return t;
}

struct Compiled {
  std::regex re;
  Translated t;
};

// nullopt with `out` set: an error or an Unknown to return instead.
std::optional<Compiled> compile(const std::string& pattern, const std::string& text, FunctionResult& out) {
  if (!is_ascii(pattern) || !is_ascii(text)) {
    out = ok(Value::unknown("stance does not evaluate regular expressions on non-ASCII text"));
    return std::nullopt;
  }
  Translated t = translate(pattern);
  if (!t.error.empty()) invalid("pattern", t.error);
  if (!t.unsupported.empty()) {
    out = ok(Value::unknown("stance does not evaluate the regular expression feature " + t.unsupported));
    return std::nullopt;
  }
  try {
    auto flags = std::regex::ECMAScript | (t.icase ? std::regex::icase : std::regex::ECMAScript);
    return Compiled{std::regex(t.ecmascript, flags), std::move(t)};
  } catch (const std::regex_error&) {
    out = ok(Value::unknown("stance cannot evaluate the regular expression " + quote(pattern)));
    return std::nullopt;
  }
}

// Go's FindAll: successive non-overlapping matches; an empty match right after the previous match is skipped.
std::vector<std::smatch> all_matches(const std::regex& re, const std::string& text, bool first_only) {
  std::vector<std::smatch> out;
  std::ptrdiff_t previous_end = -1;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    if (m.length(0) == 0 && m.position(0) == previous_end) continue;
    out.push_back(m);
    previous_end = m.position(0) + m.length(0);
    if (first_only) break;
  }
  return out;
}

Value match_value(const std::smatch& m, const Translated& t) {
  if (t.names.empty()) return Value::of_string(m.str(0));
  auto group = [&](std::size_t g) {
    return m[g].matched ? Value::of_string(m.str(g))
                        : Value::null_value();  // inside a group that did not match
  };
  if (t.names.front().empty()) {
    std::vector<Value> items;
    for (std::size_t g = 1; g <= t.names.size(); ++g) items.push_back(group(g));
    return Value::list(std::move(items));
  }
  std::vector<std::pair<std::string, Value>> entries;
  for (std::size_t g = 1; g <= t.names.size(); ++g) entries.emplace_back(t.names[g - 1], group(g));
  return Value::map(std::move(entries));
}

}  // namespace

FunctionResult regex_match(const std::string& pattern, const std::string& text, bool all) {
  FunctionResult out;
  auto compiled = compile(pattern, text, out);
  if (!compiled) return out;
  const auto& names = compiled->t.names;
  bool named = false, unnamed = false;
  for (const auto& n : names) (n.empty() ? unnamed : named) = true;
  if (named && unnamed)
    invalid("pattern", "invalid regexp pattern: cannot mix both named and unnamed capture groups");
  auto matches = all_matches(compiled->re, text, !all);
  if (!all) {
    if (matches.empty()) failed("regex", "pattern did not match any part of the given string");
    return ok(match_value(matches.front(), compiled->t));
  }
  std::vector<Value> items;
  for (const auto& m : matches) items.push_back(match_value(m, compiled->t));
  return ok(Value::list(std::move(items)));
}

FunctionResult regex_replace_all(const std::string& text, const std::string& pattern,
                                 const std::string& replacement) {
  FunctionResult out;
  auto compiled = compile(pattern, text, out);
  if (!compiled) return out;
  const auto& names = compiled->t.names;
  auto expand = [&](const std::smatch& m) {
    std::string result;
    for (std::size_t i = 0; i < replacement.size(); ++i) {
      if (replacement[i] != '$' || i + 1 >= replacement.size()) {
        result += replacement[i];
        continue;
      }
      if (replacement[i + 1] == '$') {
        result += '$';
        ++i;
        continue;
      }
      std::string name;
      std::size_t next = i + 1;
      if (replacement[next] == '{') {
        std::size_t close = replacement.find('}', next);
        if (close == std::string::npos) {
          result += '$';
          continue;
        }
        name = replacement.substr(next + 1, close - next - 1);
        next = close + 1;
      } else {
        while (next < replacement.size() &&
               (std::isalnum(static_cast<unsigned char>(replacement[next])) || replacement[next] == '_')) {
          name += replacement[next++];
        }
      }
      if (name.empty()) {  // not a reference: Go keeps the '$'
        result += '$';
        continue;
      }
      bool numeric = std::all_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
      if (numeric) {
        std::size_t g = name.size() < 4 ? std::stoul(name) : names.size() + 1;
        if (g <= names.size() && m[g].matched) result += m.str(g);
      } else {
        for (std::size_t g = 1; g <= names.size(); ++g) {
          if (names[g - 1] == name && m[g].matched) {
            result += m.str(g);
            break;
          }
        }
      }
      i = next - 1;
    }
    return result;
  };
  std::string result;
  std::size_t last = 0;
  for (const auto& m : all_matches(compiled->re, text, false)) {
    auto position = static_cast<std::size_t>(m.position(0));
    result.append(text, last, position - last);
    result += expand(m);
    last = position + static_cast<std::size_t>(m.length(0));
  }
  result.append(text, last, std::string::npos);
  return ok(Value::of_string(std::move(result)));
}

}  // namespace stance::terraform::functions
