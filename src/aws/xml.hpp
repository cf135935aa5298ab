// A small element tree for the query protocol's XML responses (STS, EC2), parsed with expat. Names are
// local names (namespace prefixes dropped); text is the concatenated character data of the element.
#pragma once
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stance::aws {

struct XmlElement {
  std::string name;
  std::string text;
  std::vector<XmlElement> children;

  const XmlElement* child(std::string_view child_name) const;
  // Follows child names in order: path({"AssumeRoleResult", "Credentials", "AccessKeyId"}).
  const XmlElement* path(std::initializer_list<std::string_view> names) const;
  // The first element with this name anywhere below (depth first), or nullptr.
  const XmlElement* find(std::string_view element_name) const;
  // Text of path(...) or "" when absent.
  std::string text_at(std::initializer_list<std::string_view> names) const;
};

struct XmlParseResult {
  std::optional<XmlElement> root;
  std::string error;  // "line 3, column 7: mismatched tag" when !root
};

XmlParseResult parse_xml(std::string_view text);

}  // namespace stance::aws
