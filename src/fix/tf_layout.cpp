#include "fix/tf_layout.hpp"

#include <algorithm>
#include <vector>

#include "fix/tf_text.hpp"
#include "sources/terraform/hcl/parser.hpp"

namespace stance::fix {

namespace {

struct Checker {
  const PosIndex& index;
  std::vector<int> depth;     // per line (1-based): enclosing blocks
  std::vector<bool> skipped;  // per line: inside a multi-line value
  std::string problem;

  void fail(std::uint32_t line, const std::string& why) {
    if (problem.empty()) problem = "line " + std::to_string(line) + ": " + why;
  }

  void mark(const hcl::Body& body, int level) {
    for (const auto& a : body.attributes) {
      for (std::uint32_t l = a.range.start.line + 1; l <= a.range.end.line && l < skipped.size(); ++l) {
        skipped[l] = true;
      }
    }
    for (const auto& b : body.blocks) {
      for (std::uint32_t l = b.range.start.line + 1; l < b.range.end.line && l < depth.size(); ++l) {
        depth[l] = std::max(depth[l], level + 1);
      }
      mark(b.body, level + 1);
    }
  }

  // The `=` alignment of the attribute groups in `body`, then of its blocks.
  void align(const hcl::Body& body) {
    std::vector<const hcl::Attribute*> attrs;
    for (const auto& a : body.attributes) attrs.push_back(&a);
    std::sort(attrs.begin(), attrs.end(),
              [](const auto* x, const auto* y) { return x->range.start.line < y->range.start.line; });
    std::size_t i = 0;
    while (i < attrs.size()) {
      std::size_t j = i + 1;
      while (j < attrs.size() && attrs[j - 1]->range.end.line == attrs[j - 1]->range.start.line &&
             attrs[j]->range.start.line == attrs[j - 1]->range.start.line + 1) {
        ++j;
      }
      std::size_t longest = 0;
      for (std::size_t k = i; k < j; ++k)
        longest = std::max(longest, index.slice(attrs[k]->name_range).size());
      for (std::size_t k = i; k < j; ++k) check_assignment(*attrs[k], longest);
      i = j;
    }
    for (const auto& b : body.blocks) align(b.body);
  }

  void check_assignment(const hcl::Attribute& a, std::size_t longest) {
    if (!a.value) return;
    const std::size_t name_end = index.offset(a.name_range.end);
    const std::string_view text = index.text();
    const std::size_t eq = text.find('=', name_end);
    const std::size_t value = index.offset(a.value->range.start);
    if (eq == std::string_view::npos || eq > value) return;  // `k: v` inside objects is not an attribute
    const std::size_t name_size = index.slice(a.name_range).size();
    if (eq - name_end != longest - name_size + 1) {
      fail(a.name_range.start.line,
           "`=` of " + a.name + " is not aligned one space after the longest name in its group");
    } else if (value != eq + 2) {
      fail(a.name_range.start.line, "not exactly one space after `=` of " + a.name);
    }
  }
};

}  // namespace

std::string canonical_layout_problem(std::string_view text) {
  const hcl::ParseResult parsed = hcl::parse(text, "layout");
  if (!parsed.ok()) return "does not parse: " + parsed.errors.front().to_string();
  const PosIndex index(text);
  std::size_t lines = 1;
  for (char c : text) lines += c == '\n';
  Checker c{index, std::vector<int>(lines + 2, 0), std::vector<bool>(lines + 2, false), {}};
  c.mark(*parsed.body, 0);
  std::size_t at = 0;
  for (std::uint32_t line = 1; at <= text.size(); ++line) {
    std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    const std::string_view content = text.substr(at, nl - at);
    const std::size_t first = content.find_first_not_of(' ');
    if (!c.skipped[line] && first != std::string_view::npos) {
      if (content[first] == '\t') {
        c.fail(line, "indented with a tab");
      } else if (first != static_cast<std::size_t>(2 * c.depth[line])) {
        c.fail(line, "indented " + std::to_string(first) + " spaces, " + std::to_string(2 * c.depth[line]) +
                         " expected at this depth");
      }
    }
    at = nl + 1;
  }
  c.align(*parsed.body);
  return c.problem;
}

}  // namespace stance::fix
