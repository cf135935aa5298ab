// Schema field edits written into a Terraform resource block: a string as the contents of a quoted HCL or
// .tf.json string that no input can break out of (quotes, backslashes, line breaks and template sequences
// escaped), and new attributes inserted into the block in its layout (HCL: after its last attribute, `=`
// aligned with that attribute's group as terraform fmt aligns it; .tf.json: a member of the block's object
// like its neighbours). Which attribute a field is comes from model/trail_fields; nothing here knows a rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fix/tf_sites.hpp"
#include "fix/tf_text.hpp"
#include "sources/terraform/hcl/ast.hpp"

namespace stance::fix {

// The text between the quotes of a string literal that reads back as `value`, in HCL and in .tf.json alike:
// '"' and '\' escaped, control characters as \n, \r, \t or \uXXXX, and "${" / "%{" doubled so that
// Terraform does not read a template sequence.
std::string terraform_string_content(std::string_view value);

// The edits inserting `entries` (attribute name, value as written) into the resource `block` of `file`.
// nullopt, with `why`, when the layout cannot be told.
std::optional<std::vector<FileEdit>> insert_attributes(const PosIndex& ix, const std::string& file,
                                                       const hcl::Block& block,
                                                       const std::vector<std::pair<std::string, std::string>>& entries,
                                                       bool json, std::string* why);

}  // namespace stance::fix
