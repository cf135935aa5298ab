// Byte offsets in a Terraform file for the positions the HCL tree records (1-based line, column in code
// points, end just after the last character), and a walk over every expression of a body.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"

namespace stance::fix {

class PosIndex {
 public:
  explicit PosIndex(std::string_view text);

  std::string_view text() const { return text_; }
  std::size_t offset(hcl::Pos pos) const;
  std::size_t line_start(std::size_t offset) const;
  std::size_t line_end(std::size_t offset) const;  // the '\n' ending the line, or the text's size
  std::string_view line_of(std::size_t offset) const;
  std::size_t indentation(std::size_t offset) const;  // spaces at the start of the offset's line
  bool first_on_line(std::size_t offset) const;       // only spaces before it on its line
  std::string_view slice(hcl::Range range) const;

 private:
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

// Calls `visit` for every expression in `body` (attribute values, nested blocks, sub-expressions,
// template parts), parents before children.
void walk_body(const hcl::Body& body, const std::function<void(const hcl::Expression&)>& visit);
void walk_expression(const hcl::Expression& e, const std::function<void(const hcl::Expression&)>& visit);

}  // namespace stance::fix
