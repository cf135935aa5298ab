#include "fix/tf_field_edits.hpp"

#include <algorithm>

#include "fix/selector_syntax.hpp"

namespace stance::fix {

// The one HCL escaper (fix/selector_syntax), without its quotes: valid inside an HCL string and, as Terraform
// reads .tf.json strings as templates too, inside a .tf.json one.
std::string terraform_string_content(std::string_view value) {
  const std::string quoted = syntax::hcl_string(std::string(value));
  return quoted.substr(1, quoted.size() - 2);
}

namespace {

bool before(hcl::Pos a, hcl::Pos b) { return a.line != b.line ? a.line < b.line : a.column < b.column; }

std::optional<std::vector<FileEdit>> insert_hcl(const PosIndex& ix, const std::string& file, const hcl::Block& block,
                                                const std::vector<std::pair<std::string, std::string>>& entries,
                                                std::string* why) {
  std::vector<const hcl::Attribute*> attributes;
  for (const auto& a : block.body.attributes) {
    if (a.value) attributes.push_back(&a);
  }
  std::sort(attributes.begin(), attributes.end(), [](const hcl::Attribute* a, const hcl::Attribute* b) {
    return before(a->name_range.start, b->name_range.start);
  });
  if (attributes.empty()) {
    *why = "the resource block has no attribute to align a new one with";
    return std::nullopt;
  }
  const hcl::Attribute& last = *attributes.back();
  const std::size_t last_start = ix.offset(last.name_range.start);
  if (!ix.first_on_line(last_start)) {
    *why = "the last attribute of the resource block is not at the start of its line";
    return std::nullopt;
  }
  const std::size_t last_end = ix.offset(last.range.end);
  if (ix.text().substr(last_end, ix.line_end(last_end) - last_end).find_first_not_of(" \t\r") !=
          std::string_view::npos &&
      ix.text().substr(last_end, ix.line_end(last_end) - last_end).find_first_of("#/") == std::string_view::npos) {
    *why = "something follows the last attribute of the resource block on its line";
    return std::nullopt;
  }
  const std::size_t indent = ix.indentation(last_start);
  std::size_t longest = 0;
  for (const auto& [name, value] : entries) longest = std::max(longest, name.size());
  std::vector<FileEdit> edits;
  // The group of one-line attributes on consecutive lines the new ones join (a multi-line value ends its group):
  // when its `=` are aligned, they stay aligned, one space after the longest name.
  std::vector<const hcl::Attribute*> group;
  if (last.range.start.line == last.range.end.line) {
    group.push_back(&last);
    for (std::size_t i = attributes.size() - 1; i-- > 0;) {
      const hcl::Attribute& a = *attributes[i];
      if (a.range.start.line != a.range.end.line || a.range.end.line + 1 != group.back()->range.start.line) break;
      if (!ix.first_on_line(ix.offset(a.name_range.start)) || ix.indentation(ix.offset(a.name_range.start)) != indent)
        break;
      group.push_back(&a);
    }
  }
  std::size_t equals_column = 0;  // of the group, when aligned
  bool aligned = !group.empty();
  for (const hcl::Attribute* a : group) {
    const std::size_t name_end = ix.offset(a->name_range.end);
    const std::size_t eq = ix.text().find('=', name_end);
    const std::size_t column = eq - ix.line_start(eq);
    if (eq == std::string_view::npos || column != (equals_column ? equals_column : column)) aligned = false;
    equals_column = column;
  }
  std::size_t target = indent + longest + 1;  // the new attributes' own `=`, alone
  if (aligned) {
    target = std::max(target, equals_column);
    if (target > equals_column) {
      for (const hcl::Attribute* a : group) {
        const std::size_t eq = ix.text().find('=', ix.offset(a->name_range.end));
        edits.push_back({file, {eq, 0, std::string(target - equals_column, ' ')}});
      }
    }
  }
  std::string text;
  for (const auto& [name, value] : entries) {
    text += "\n" + std::string(indent, ' ') + name + std::string(target - indent - name.size(), ' ') + "= " + value;
  }
  edits.push_back({file, {ix.line_end(last_end), 0, text}});
  return edits;
}

std::optional<std::vector<FileEdit>> insert_json(const PosIndex& ix, const std::string& file, const hcl::Block& block,
                                                 const std::vector<std::pair<std::string, std::string>>& entries,
                                                 std::string* why) {
  const std::string_view text = ix.text();
  const std::size_t open = ix.offset(block.body.range.start);
  if (open >= text.size() || text[open] != '{') {
    *why = "cannot tell where the resource's JSON object starts";
    return std::nullopt;
  }
  const std::size_t next = text.find_first_not_of(" \t\r\n", open + 1);
  if (next == std::string_view::npos) {
    *why = "the resource's JSON object does not end";
    return std::nullopt;
  }
  const bool empty = text[next] == '}';
  std::string members;
  if (text.substr(open + 1, next - open - 1).find('\n') != std::string_view::npos && !empty) {
    // One member per line: the new ones first, at the first member's indentation.
    const std::string pad(ix.indentation(next), ' ');
    for (const auto& [name, value] : entries) members += "\n" + pad + "\"" + name + "\": " + value + ",";
    return std::vector<FileEdit>{{file, {open + 1, 0, members}}};
  }
  for (const auto& [name, value] : entries) members += "\"" + name + "\": " + value + ", ";
  if (empty) members.resize(members.size() - 2);
  return std::vector<FileEdit>{{file, {next, 0, members}}};
}

}  // namespace

std::optional<std::vector<FileEdit>> insert_attributes(const PosIndex& ix, const std::string& file,
                                                       const hcl::Block& block,
                                                       const std::vector<std::pair<std::string, std::string>>& entries,
                                                       bool json, std::string* why) {
  return json ? insert_json(ix, file, block, entries, why) : insert_hcl(ix, file, block, entries, why);
}

}  // namespace stance::fix
