// The glob patterns of Terraform's fileset() (the doublestar library's syntax), matched against a relative
// path with '/' separators:
//   *          any run of characters but '/'
//   **         any run of characters, '/' included; `**/` also matches no directory at all
//   ?          one character but '/'
//   [abc] [a-z] [^a-z] [!a-z]   one character (not '/') in, or not in, the class
//   {one,two}  either alternative (nested braces allowed)
//   \x         the character x itself
// Characters are bytes, which matches UTF-8 text byte for byte (a class of non-ASCII characters is the one
// thing that differs; configurations do not use them).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace stance::terraform {

// nullopt when the pattern cannot be matched, and `why` (when given) says why: it is malformed (an unclosed
// '[' or '{', a trailing '\'), Go's "syntax error in pattern", or so full of wildcards that matching it
// would take more than a million steps (backtracking is exponential in the number of '*').
std::optional<bool> glob_match(std::string_view pattern, std::string_view path, std::string* why = nullptr);

// Whether the text has any of the pattern characters above (a path component without any is literal).
bool has_glob_meta(std::string_view text);

}  // namespace stance::terraform
