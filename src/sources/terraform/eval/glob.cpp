#include "sources/terraform/eval/glob.hpp"

#include <string>
#include <vector>

namespace stance::terraform {

namespace {

struct Malformed {};
struct TooComplex {};

constexpr long kMaxSteps = 1000000;

// The class starting at p[0] == '[': whether c is in it; `length` gets the class's length in p.
bool class_matches(std::string_view p, char c, std::size_t& length) {
  std::size_t i = 1;
  const bool negated = i < p.size() && (p[i] == '^' || p[i] == '!');
  if (negated) ++i;
  bool in = false;
  bool first = true;
  while (true) {
    if (i >= p.size()) throw Malformed{};
    if (p[i] == ']' && !first) break;
    first = false;
    char low = p[i];
    if (low == '\\') {
      if (++i >= p.size()) throw Malformed{};
      low = p[i];
    }
    char high = low;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      i += 2;
      high = p[i];
      if (high == '\\') {
        if (++i >= p.size()) throw Malformed{};
        high = p[i];
      }
    }
    in = in || (low <= c && c <= high);
    ++i;
  }
  length = i + 1;
  return in != negated;
}

// The alternatives of the braces starting at p[0] == '{', and the length of the braces in p.
std::vector<std::string_view> alternatives(std::string_view p, std::size_t& length) {
  std::vector<std::string_view> out;
  int depth = 0;
  std::size_t start = 1;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '\\') {
      ++i;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}') {
      if (--depth == 0) {
        out.push_back(p.substr(start, i - start));
        length = i + 1;
        return out;
      }
    } else if (c == ',' && depth == 1) {
      out.push_back(p.substr(start, i - start));
      start = i + 1;
    }
  }
  throw Malformed{};
}

bool match(std::string_view p, std::string_view s, long& steps) {
  if (++steps > kMaxSteps) throw TooComplex{};
  while (!p.empty()) {
    const char c = p[0];
    if (c == '*') {
      if (p.starts_with("**")) {
        std::string_view rest = p.substr(2);
        while (rest.starts_with('*')) rest.remove_prefix(1);
        if (rest.starts_with('/') && match(rest.substr(1), s, steps)) return true;  // `**/`: no directory at all
        for (std::size_t k = 0; k <= s.size(); ++k) {
          if (match(rest, s.substr(k), steps)) return true;
        }
        return false;
      }
      const std::string_view rest = p.substr(1);
      for (std::size_t k = 0; k <= s.size(); ++k) {
        if (match(rest, s.substr(k), steps)) return true;
        if (k < s.size() && s[k] == '/') break;
      }
      return false;
    }
    if (c == '{') {
      std::size_t length = 0;
      const std::vector<std::string_view> alts = alternatives(p, length);
      const std::string_view rest = p.substr(length);
      for (const std::string_view alt : alts) {
        if (match(std::string(alt) + std::string(rest), s, steps)) return true;
      }
      return false;
    }
    if (s.empty()) return false;
    if (c == '?') {
      if (s[0] == '/') return false;
      p.remove_prefix(1);
    } else if (c == '[') {
      std::size_t length = 0;
      if (s[0] == '/' || !class_matches(p, s[0], length)) return false;
      p.remove_prefix(length);
    } else {
      char literal = c;
      if (c == '\\') {
        if (p.size() < 2) throw Malformed{};
        literal = p[1];
        p.remove_prefix(1);
      }
      if (s[0] != literal) return false;
      p.remove_prefix(1);
    }
    s.remove_prefix(1);
  }
  return s.empty();
}

// Throws Malformed unless every class and every brace is closed and no '\\' ends the pattern: checked
// before matching, so a malformed pattern is an error whatever the path.
void validate(std::string_view p) {
  for (std::size_t i = 0; i < p.size(); ++i) {
    std::size_t length = 1;
    if (p[i] == '\\') {
      if (i + 1 >= p.size()) throw Malformed{};
      length = 2;
    } else if (p[i] == '[') {
      class_matches(p.substr(i), 'a', length);
    } else if (p[i] == '{') {
      for (const std::string_view alt : alternatives(p.substr(i), length)) validate(alt);
    }
    i += length - 1;
  }
}

}  // namespace

std::optional<bool> glob_match(std::string_view pattern, std::string_view path, std::string* why) {
  try {
    validate(pattern);
    long steps = 0;
    return match(pattern, path, steps);
  } catch (const Malformed&) {
    if (why) *why = "syntax error in pattern";
  } catch (const TooComplex&) {
    if (why) *why = "the pattern has too many wildcards to match in reasonable time";
  }
  return std::nullopt;
}

bool has_glob_meta(std::string_view text) { return text.find_first_of("*?[{\\") != std::string_view::npos; }

}  // namespace stance::terraform
