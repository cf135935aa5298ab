#include "sources/terraform/eval/functions_regex.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <memory>

#include "sources/terraform/eval/limits.hpp"

namespace stance::terraform::functions {

namespace {

// Go's wording for RE2's parse errors ("error parsing regexp: <code>"), without the offending fragment: the
// pattern may hold a file's content.
std::string go_error(RE2::ErrorCode code) {
  switch (code) {
    case RE2::ErrorBadEscape: return "invalid escape sequence";
    case RE2::ErrorBadCharClass: return "invalid character class";
    case RE2::ErrorBadCharRange: return "invalid character class range";
    case RE2::ErrorMissingBracket: return "missing closing ]";
    case RE2::ErrorMissingParen: return "missing closing )";
    case RE2::ErrorUnexpectedParen: return "unexpected )";
    case RE2::ErrorTrailingBackslash: return "trailing backslash at end of expression";
    case RE2::ErrorRepeatArgument: return "missing argument to repetition operator";
    case RE2::ErrorRepeatSize: return "invalid repeat count";
    case RE2::ErrorRepeatOp: return "invalid nested repetition operator";
    case RE2::ErrorBadPerlOp: return "invalid or unsupported Perl syntax";
    case RE2::ErrorBadUTF8: return "invalid UTF-8";
    case RE2::ErrorBadNamedCapture: return "invalid named capture";
    case RE2::ErrorPatternTooLarge:
      return "expression too large (stance's limit for a compiled regular expression is " +
             std::to_string(limits::kMaxRegexMemory >> 20) + " MiB)";
    default: return "invalid pattern";
  }
}

// Go spells a named group (?P<name>...) or, since Go 1.22, (?<name>...); RE2 versions differ on the second.
// Go rejects \C (any byte), which RE2 accepts. Outside character classes only.
struct Prepared {
  std::string pattern;
  bool bad_escape = false;
};

Prepared prepare(const std::string& p) {
  Prepared out;
  bool in_class = false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      if (!in_class && p[i + 1] == 'C') out.bad_escape = true;
      out.pattern += c;
      out.pattern += p[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      out.pattern += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      out.pattern += c;
      // A ']' first in a class (after an optional '^') is a literal.
      if (i + 1 < p.size() && p[i + 1] == '^') out.pattern += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out.pattern += p[++i];
      continue;
    }
    if (c == '(' && p.compare(i, 3, "(?<") == 0 && p.compare(i, 4, "(?<=") != 0 && p.compare(i, 4, "(?<!") != 0) {
      out.pattern += "(?P<";
      i += 2;
      continue;
    }
    out.pattern += c;
  }
  return out;
}

struct Compiled {
  std::unique_ptr<RE2> re;
  std::vector<std::string> names;  // one per capture group, "" for unnamed
};

Compiled compile(const std::string& pattern) {
  Prepared prepared = prepare(pattern);
  if (prepared.bad_escape) invalid("pattern", "invalid regexp pattern: error parsing regexp: invalid escape sequence");
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(static_cast<int64_t>(limits::kMaxRegexMemory));
  Compiled c{std::make_unique<RE2>(prepared.pattern, options), {}};
  if (!c.re->ok()) invalid("pattern", "invalid regexp pattern: error parsing regexp: " + go_error(c.re->error_code()));
  c.names.assign(static_cast<std::size_t>(c.re->NumberOfCapturingGroups()), "");
  for (const auto& [index, name] : c.re->CapturingGroupNames()) c.names[static_cast<std::size_t>(index - 1)] = name;
  return c;
}

using Groups = std::vector<re2::StringPiece>;  // [0] the match, [g] group g (data() null: did not take part)

// The leftmost-first match starting at or after `pos` (the whole text is the context for ^ and \b).
bool match_at(const Compiled& c, const std::string& text, std::size_t pos, Groups& groups) {
  groups.assign(c.names.size() + 1, re2::StringPiece());
  return c.re->Match(text, pos, text.size(), RE2::UNANCHORED, groups.data(), static_cast<int>(groups.size()));
}

std::size_t offset(const std::string& text, const re2::StringPiece& piece) {
  return static_cast<std::size_t>(piece.data() - text.data());
}

// The width of the UTF-8 character at `pos` (1 for a stray byte, as Go advances past it).
std::size_t rune_width(const std::string& text, std::size_t pos) {
  const auto b = static_cast<unsigned char>(text[pos]);
  std::size_t w = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  return std::min(w, text.size() - pos);
}

// Go's allMatches: successive non-overlapping matches; an empty match right after the previous match is
// skipped, and after an empty match the search moves on by one character.
template <typename Visit>
void all_matches(const Compiled& c, const std::string& text, bool first_only, Visit visit) {
  Groups groups;
  std::ptrdiff_t previous_end = -1;
  std::size_t pos = 0;
  while (pos <= text.size() && match_at(c, text, pos, groups)) {
    const std::size_t begin = offset(text, groups[0]);
    const std::size_t end = begin + groups[0].size();
    bool accept = true;
    if (end == pos) {
      if (static_cast<std::ptrdiff_t>(begin) == previous_end) accept = false;
      pos += pos < text.size() ? rune_width(text, pos) : 1;
    } else {
      pos = end;
    }
    previous_end = static_cast<std::ptrdiff_t>(end);
    if (accept) {
      visit(groups);
      if (first_only) return;
    }
  }
}

Value group_value(const re2::StringPiece& g) {
  return g.data() ? Value::of_string(std::string(g.data(), g.size())) : Value::null_value();
}

Value match_value(const Groups& groups, const std::vector<std::string>& names) {
  if (names.empty()) return group_value(groups[0]);
  if (names.front().empty()) {
    std::vector<Value> items;
    for (std::size_t g = 1; g <= names.size(); ++g) items.push_back(group_value(groups[g]));
    return Value::list(std::move(items));
  }
  std::vector<std::pair<std::string, Value>> entries;
  for (std::size_t g = 1; g <= names.size(); ++g) entries.emplace_back(names[g - 1], group_value(groups[g]));
  return Value::map(std::move(entries));
}

// Go's Regexp.Expand of a template: $1, ${1}, $name, ${name}, $$; an unknown name expands to nothing.
void expand(const std::string& replacement, const Groups& groups, const std::vector<std::string>& names,
            std::string& out) {
  for (std::size_t i = 0; i < replacement.size(); ++i) {
    if (replacement[i] != '$' || i + 1 >= replacement.size()) {
      out += replacement[i];
      continue;
    }
    if (replacement[i + 1] == '$') {
      out += '$';
      ++i;
      continue;
    }
    std::string name;
    std::size_t next = i + 1;
    if (replacement[next] == '{') {
      const std::size_t close = replacement.find('}', next);
      if (close == std::string::npos) {
        out += '$';
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
      out += '$';
      continue;
    }
    const bool numeric = std::all_of(name.begin(), name.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    std::size_t g = names.size() + 1;
    if (numeric) {
      if (name.size() < 4) g = std::stoul(name);
    } else {
      for (std::size_t k = 1; k <= names.size(); ++k) {
        if (names[k - 1] == name) {
          g = k;
          break;
        }
      }
    }
    if (g < groups.size() && groups[g].data()) out.append(groups[g].data(), groups[g].size());
    i = next - 1;
  }
}

void check_size(std::size_t bytes) {
  if (bytes > limits::kMaxStringBytes) failed("replace", limits::string_too_long());
}

}  // namespace

FunctionResult regex_match(const std::string& pattern, const std::string& text, bool all) {
  const Compiled compiled = compile(pattern);
  bool named = false, unnamed = false;
  for (const auto& n : compiled.names) (n.empty() ? unnamed : named) = true;
  if (named && unnamed) invalid("pattern", "invalid regexp pattern: cannot mix both named and unnamed capture groups");
  std::vector<Value> items;
  all_matches(compiled, text, !all, [&](const Groups& groups) {
    if (items.size() >= limits::kMaxCollectionElements) failed("regexall", limits::collection_too_large());
    items.push_back(match_value(groups, compiled.names));
  });
  if (!all) {
    if (items.empty()) failed("regex", "pattern did not match any part of the given string");
    return ok(std::move(items.front()));
  }
  return ok(Value::list(std::move(items)));
}

// Go's ReplaceAllString: each match replaced, but not an empty match right after another match.
FunctionResult regex_replace_all(const std::string& text, const std::string& pattern,
                                 const std::string& replacement) {
  const Compiled compiled = compile(pattern);
  std::string result;
  std::size_t last_end = 0;
  std::size_t pos = 0;
  Groups groups;
  while (pos <= text.size() && match_at(compiled, text, pos, groups)) {
    const std::size_t begin = offset(text, groups[0]);
    const std::size_t end = begin + groups[0].size();
    result.append(text, last_end, begin - last_end);
    if (end > last_end || begin == 0) expand(replacement, groups, compiled.names, result);
    check_size(result.size());
    last_end = end;
    const std::size_t width = pos < text.size() ? rune_width(text, pos) : 1;
    pos = pos + width > end ? pos + width : end;
  }
  result.append(text, last_end, std::string::npos);
  check_size(result.size());
  return ok(Value::of_string(std::move(result)));
}

}  // namespace stance::terraform::functions
