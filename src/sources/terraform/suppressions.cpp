#include "sources/terraform/suppressions.hpp"

#include <algorithm>
#include <string_view>

namespace stance::terraform {

namespace {

constexpr std::string_view kMarker = "stance:suppress";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

int column_of(std::string_view line, std::size_t byte) {
  int column = 1;
  for (std::size_t i = 0; i < byte && i < line.size(); ++i) {
    if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

// The comment text of a whole-line comment ("# x", "// x", "/* x */"), and where the comment starts.
bool comment_of(std::string_view line, std::string_view& text, std::size_t& at) {
  const std::string_view t = trim(line);
  if (t.empty()) return false;
  at = line.find(t.front());
  if (t.starts_with("#")) {
    text = t.substr(1);
  } else if (t.starts_with("//")) {
    text = t.substr(2);
  } else if (t.starts_with("/*")) {
    text = t.substr(2);
    if (text.ends_with("*/")) text.remove_suffix(2);
  } else {
    return false;
  }
  text = trim(text);
  return true;
}

void parse_suppression(std::string_view text, const std::string& file, int line, int column,
                       std::vector<model::InSourceSuppression>& out, Diagnostics& diag) {
  std::string_view rest = trim(text.substr(kMarker.size()));
  const hcl::Pos pos{static_cast<std::uint32_t>(line), static_cast<std::uint32_t>(column)};
  const std::size_t reason_at = rest.find("reason:");
  std::string_view rules = trim(reason_at == std::string_view::npos ? rest : rest.substr(0, reason_at));
  std::string_view reason =
      reason_at == std::string_view::npos ? std::string_view() : trim(rest.substr(reason_at + 7));
  if (rules.empty()) {
    diag.error("suppression without a rule ID (write `# stance:suppress CT-010 reason: why`); it suppresses nothing",
               file, pos);
    return;
  }
  if (reason.empty()) {
    diag.error("suppression of " + std::string(rules) +
                   " without a reason (write `# stance:suppress " + std::string(rules) +
                   " reason: why`); it suppresses nothing",
               file, pos);
    return;
  }
  const model::Location where = model::Location::in_file(file, line, column);
  while (!rules.empty()) {
    const std::size_t comma = rules.find(',');
    std::string_view rule = trim(rules.substr(0, comma));
    if (!rule.empty()) out.push_back(model::InSourceSuppression{std::string(rule), std::string(reason), where});
    if (comma == std::string_view::npos) break;
    rules.remove_prefix(comma + 1);
  }
}

}  // namespace

std::vector<model::InSourceSuppression> read_suppressions(const SourceFile& file, const hcl::Block& block,
                                                          Diagnostics& diag) {
  std::vector<model::InSourceSuppression> out;
  const int first = static_cast<int>(block.range.start.line);
  const int last = std::min(static_cast<int>(block.range.end.line), static_cast<int>(file.line_count()));
  // Lines directly above, nearest first; then the block's own lines.
  int top = first;
  for (int n = first - 1; n >= 1; --n) {
    std::string_view text;
    std::size_t at = 0;
    if (!comment_of(file.line(static_cast<std::size_t>(n)), text, at)) break;
    top = n;
  }
  // Walked line after line: SourceFile::line() finds each one from the nearest mark of its index, which for
  // every line of every trail was most of a trail-dense scan's time here.
  const std::string_view all(file.text);
  std::string_view line;
  for (int n = top; n <= last; ++n) {
    if (n == top) {
      line = file.line(static_cast<std::size_t>(n));
    } else {
      const std::size_t start = static_cast<std::size_t>(line.data() - all.data()) + line.size() + 1;
      const std::size_t end = all.find('\n', start);
      line = all.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    }
    if (n == first) continue;
    std::string_view text;
    std::size_t at = 0;
    if (!comment_of(line, text, at) || !text.starts_with(kMarker)) continue;
    parse_suppression(text, file.path, n, column_of(line, at), out, diag);
  }
  return out;
}

}  // namespace stance::terraform
