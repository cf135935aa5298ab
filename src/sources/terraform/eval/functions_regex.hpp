// Terraform's regular expressions are Go's RE2 syntax; stance runs them with std::regex (ECMAScript) after
// translating the RE2 spellings configurations use ((?P<name>...), (?i), \A, \z). What does not translate
// faithfully (Unicode classes, \Q...\E, non-ASCII text, inline flags in the middle) gives an Unknown with a
// reason; what RE2 rejects (lookaround, backreferences) gives Terraform's error.
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
