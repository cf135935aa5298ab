// Schema field edits written into a CloudFormation template: a value as a YAML or JSON scalar that no input
// can break out of, and new properties inserted into a resource's Properties mapping laid out like its
// siblings (YAML block, YAML flow, JSON). Which property a field is comes from model/trail_fields; nothing
// here knows a rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/document.hpp"
#include "fix/source_text.hpp"
#include "fix/template_fix.hpp"

namespace stance::fix {

// `value` as a JSON string: quoted, with '"', '\' and control characters escaped. Also a valid YAML
// double-quoted scalar.
std::string json_quoted(std::string_view value);

// A string written as a YAML scalar in place of one written in `like`'s style: single-quoted stays
// single-quoted, a plain scalar stays plain when the value reads back as the same string (an ARN), and
// everything else is double-quoted with escapes. JSON: always a JSON string.
std::string cfn_string(std::string_view value, doc::ScalarStyle like, bool json);

// An edit inserting `entries` (property name, value already rendered) into the mapping `props`: YAML block
// before its first key at the same indentation, a flow mapping or JSON object after its last member (on a
// new line at the members' indentation when they are one per line). nullopt, with `why`, when the layout
// cannot be told.
std::optional<TextEdit> insert_properties(const SourceText& src, const doc::Node& props,
                                          const std::vector<std::pair<std::string, std::string>>& entries, bool json,
                                          std::string* why);

}  // namespace stance::fix
