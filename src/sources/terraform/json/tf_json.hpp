#pragma once
// Terraform's JSON configuration syntax (.tf.json) read into the same positioned tree (hcl::Body) that the
// native parser produces, so evaluation has one path for both syntaxes:
//   - the root object's properties are top-level blocks; one nested object per label
//     ("resource": {"aws_cloudtrail": {"this": {...}}}); an array of objects at any level gives several
//     blocks in order;
//   - inside a body, a property is a nested block or an argument by the rule in block_schema.hpp;
//   - "//" properties of block bodies (and of the root) are comments and ignored;
//   - argument values: strings are templates parsed by the native template parser ("${var.x}" becomes an
//     interpolation), positioned character by character in the file, escapes included; numbers, bools,
//     null, arrays and objects are the native literal, tuple and object expressions (a negative number is
//     unary minus on a number, as in the native syntax; an object key that is an identifier is written
//     as `key = value` would be); Terraform's exceptions (variable type and default, depends_on, provider,
//     module source, the terraform block, ...) are applied, see StringMeaning.
// Errors (JSON syntax, wrong value kinds, template syntax) are positioned file:line:col diagnostics; the
// first one stops reading.
#include <string_view>

#include "sources/terraform/hcl/parser.hpp"

namespace stance::tfjson {

hcl::ParseResult parse(std::string_view text, std::string_view filename);

}  // namespace stance::tfjson
