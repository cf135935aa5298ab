// Terraform's regular expressions are Go's regexp package, which is RE2: stance runs them with RE2 itself, so
// the syntax, the leftmost-first semantics and the linear running time are Terraform's. RE2's memory is
// bounded (limits.hpp); a pattern that needs more is an error naming the limit. Messages name the failure,
// never the pattern's or the text's content (either may come from a file).
#pragma once
#include <string>

#include "sources/terraform/eval/functions_support.hpp"

namespace stance::terraform::functions {

// regex() (all = false) and regexall() (all = true).
FunctionResult regex_match(const std::string& pattern, const std::string& text, bool all);
// replace() with a /regex/ search: Go's ReplaceAllString, "$1" / "${name}" expanded.
FunctionResult regex_replace_all(const std::string& text, const std::string& pattern,
                                 const std::string& replacement);

}  // namespace stance::terraform::functions
