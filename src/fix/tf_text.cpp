#include "fix/tf_text.hpp"

#include <algorithm>

namespace stance::fix {

PosIndex::PosIndex(std::string_view text) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::size_t PosIndex::offset(hcl::Pos pos) const {
  if (pos.line == 0) return 0;
  if (pos.line > line_starts_.size()) return text_.size();
  std::size_t at = line_starts_[pos.line - 1];
  // Columns count code points: step over UTF-8 continuation bytes.
  for (std::uint32_t column = 1; column < pos.column && at < text_.size(); ++column) {
    ++at;
    while (at < text_.size() && (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

std::size_t PosIndex::line_start(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return *(it - 1);
}

std::size_t PosIndex::line_end(std::size_t offset) const {
  const std::size_t nl = text_.find('\n', offset);
  return nl == std::string_view::npos ? text_.size() : nl;
}

std::string_view PosIndex::line_of(std::size_t offset) const {
  const std::size_t begin = line_start(offset);
  return text_.substr(begin, line_end(offset) - begin);
}

std::size_t PosIndex::indentation(std::size_t offset) const {
  const std::string_view line = line_of(offset);
  const std::size_t first = line.find_first_not_of(' ');
  return first == std::string_view::npos ? line.size() : first;
}

bool PosIndex::first_on_line(std::size_t offset) const {
  const std::size_t begin = line_start(offset);
  return text_.substr(begin, offset - begin).find_first_not_of(" \t") == std::string_view::npos;
}

std::string_view PosIndex::slice(hcl::Range range) const {
  const std::size_t begin = offset(range.start), end = offset(range.end);
  return end > begin ? text_.substr(begin, end - begin) : std::string_view();
}

namespace {

void walk_parts(const std::vector<hcl::TemplatePart>& parts,
                const std::function<void(const hcl::Expression&)>& visit) {
  for (const auto& p : parts) {
    if (p.expr) walk_expression(*p.expr, visit);
    if (p.directive) {
      walk_parts(p.directive->body, visit);
      walk_parts(p.directive->else_body, visit);
    }
  }
}

}  // namespace

void walk_expression(const hcl::Expression& e, const std::function<void(const hcl::Expression&)>& visit) {
  visit(e);
  for (const hcl::Expression* child :
       {e.source.get(), e.key.get(), e.each.get(), e.condition.get(), e.lhs.get(), e.rhs.get()}) {
    if (child) walk_expression(*child, visit);
  }
  for (const auto& item : e.items) {
    if (item) walk_expression(*item, visit);
  }
  for (const auto& item : e.object_items) {
    if (item.key && !item.key_is_identifier) walk_expression(*item.key, visit);
    if (item.value) walk_expression(*item.value, visit);
  }
  walk_parts(e.parts, visit);
}

void walk_body(const hcl::Body& body, const std::function<void(const hcl::Expression&)>& visit) {
  for (const auto& a : body.attributes) {
    if (a.value) walk_expression(*a.value, visit);
  }
  for (const auto& b : body.blocks) walk_body(b.body, visit);
}

}  // namespace stance::fix
