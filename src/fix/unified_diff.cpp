// `diff -u` for one file. The common prefix and suffix are trimmed first; the changed middle (small for
// the edits this folder makes) is aligned by a longest-common-subsequence table, or replaced wholesale
// when it is too large for one.
#include <algorithm>
#include <filesystem>
#include <string_view>

#include "fix/template_fix.hpp"

namespace stance::fix {

namespace {

constexpr std::size_t kContext = 3;
constexpr std::size_t kMaxTableCells = 4'000'000;

struct Line {
  std::string_view text;  // without the newline
  bool newline = true;    // false for a last line without '\n'
  bool operator==(const Line& other) const { return text == other.text && newline == other.newline; }
};

std::vector<Line> split_lines(std::string_view text) {
  std::vector<Line> lines;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) {
      lines.push_back({text.substr(at), false});
      break;
    }
    lines.push_back({text.substr(at, nl - at), true});
    at = nl + 1;
  }
  return lines;
}

enum class Op { Same, Remove, Add };
struct Step {
  Op op;
  std::size_t a;  // index in before (Same/Remove)
  std::size_t b;  // index in after (Same/Add)
};

// The edit script between a[a0, a1) and b[b0, b1).
void align(const std::vector<Line>& a, std::size_t a0, std::size_t a1, const std::vector<Line>& b,
           std::size_t b0, std::size_t b1, std::vector<Step>& out) {
  const std::size_t n = a1 - a0, m = b1 - b0;
  if (n == 0 || m == 0 || (n + 1) * (m + 1) > kMaxTableCells) {
    for (std::size_t i = a0; i < a1; ++i) out.push_back({Op::Remove, i, b0});
    for (std::size_t j = b0; j < b1; ++j) out.push_back({Op::Add, a1, j});
    return;
  }
  // lcs[i][j]: length of the LCS of a[a0+i, a1) and b[b0+j, b1).
  std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
  auto cell = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      cell(i, j) = a[a0 + i] == b[b0 + j] ? cell(i + 1, j + 1) + 1 : std::max(cell(i + 1, j), cell(i, j + 1));
    }
  }
  std::size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[a0 + i] == b[b0 + j]) {
      out.push_back({Op::Same, a0 + i, b0 + j});
      ++i, ++j;
    } else if (j < m && (i == n || cell(i, j + 1) >= cell(i + 1, j))) {
      // Removals before additions within a change, as diff prints them.
      if (i < n && cell(i + 1, j) == cell(i, j + 1)) {
        out.push_back({Op::Remove, a0 + i, b0 + j});
        ++i;
      } else {
        out.push_back({Op::Add, a0 + i, b0 + j});
        ++j;
      }
    } else {
      out.push_back({Op::Remove, a0 + i, b0 + j});
      ++i;
    }
  }
}

void append_line(std::string& out, char prefix, const Line& line) {
  out += prefix;
  out.append(line.text);
  out += '\n';
  if (!line.newline) out += "\\ No newline at end of file\n";
}

// "l,s" as diff prints a hunk range: the start is the line before an empty range.
std::string range(std::size_t first, std::size_t count) {
  if (count == 0) return std::to_string(first) + ",0";
  if (count == 1) return std::to_string(first + 1);
  return std::to_string(first + 1) + "," + std::to_string(count);
}

}  // namespace

std::string diff_path(const std::string& path) {
  std::error_code ec;
  const std::filesystem::path absolute = std::filesystem::absolute(path, ec);
  if (ec) return path;
  const std::filesystem::path cwd = std::filesystem::current_path(ec);
  if (ec) return path;
  const std::string relative = absolute.lexically_normal().lexically_relative(cwd).generic_string();
  return relative.empty() ? path : relative;
}

std::string unified_diff(const std::string& path, const std::string& before, const std::string& after) {
  if (before == after) return {};
  const std::vector<Line> a = split_lines(before), b = split_lines(after);
  std::size_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  std::size_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix &&
         a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix]) {
    ++suffix;
  }
  std::vector<Step> steps;
  for (std::size_t i = 0; i < prefix; ++i) steps.push_back({Op::Same, i, i});
  align(a, prefix, a.size() - suffix, b, prefix, b.size() - suffix, steps);
  for (std::size_t k = suffix; k-- > 0;) steps.push_back({Op::Same, a.size() - 1 - k, b.size() - 1 - k});

  std::string out = "--- a/" + path + "\n+++ b/" + path + "\n";
  std::size_t k = 0;
  while (k < steps.size()) {
    while (k < steps.size() && steps[k].op == Op::Same) ++k;
    if (k == steps.size()) break;
    // A hunk: from kContext lines before this change to kContext lines after the last change that is
    // at most 2*kContext unchanged lines from the next.
    const std::size_t start = k >= kContext ? k - kContext : 0;
    std::size_t end = k;
    while (end < steps.size()) {
      std::size_t same = 0;
      std::size_t probe = end;
      while (probe < steps.size() && steps[probe].op != Op::Same) ++probe;
      end = probe;
      while (probe < steps.size() && steps[probe].op == Op::Same) ++probe, ++same;
      if (probe == steps.size() || same > 2 * kContext) {
        end = std::min(end + kContext, steps.size());
        break;
      }
      end = probe;
    }
    std::size_t a_count = 0, b_count = 0;
    for (std::size_t s = start; s < end; ++s) {
      if (steps[s].op != Op::Add) ++a_count;
      if (steps[s].op != Op::Remove) ++b_count;
    }
    out += "@@ -" + range(steps[start].a, a_count) + " +" + range(steps[start].b, b_count) + " @@\n";
    for (std::size_t s = start; s < end; ++s) {
      switch (steps[s].op) {
        case Op::Same:
          append_line(out, ' ', a[steps[s].a]);
          break;
        case Op::Remove:
          append_line(out, '-', a[steps[s].a]);
          break;
        case Op::Add:
          append_line(out, '+', b[steps[s].b]);
          break;
      }
    }
    k = end;
  }
  return out;
}

}  // namespace stance::fix
