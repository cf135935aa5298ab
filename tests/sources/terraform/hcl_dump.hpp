#pragma once
// A compact, readable rendering of HCL syntax trees so tests can state the expected tree in one string.
//   expressions: 1  true  null  name  (. src attr)  ([] src key)  (.N src 0)  ([*] src each)  (.* src each) @
//                (call f a b ...)  [a b]  {k=v (expr):v}  (? c a b)  (! x)  (+ a b)  (paren x)
//                (for k v in coll : key => value ... if cond)  (tpl "lit" ${x} (if c (...) else (...)) (for
//                ...))
// With positions, every node's head is followed by @line:col-line:col.
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"
#include "sources/terraform/hcl/lexer.hpp"

namespace stance::hcl::testing {

std::string dump(const Expression& e, bool positions = false);
std::string dump(const Body& body, bool positions = false);
std::string range_string(const Range& r);

// One token: kind, text, range and its line_start / flush marks.
std::string dump(const Token& t);
// Every token of `text`, lexed all at once (the reference the on-demand token stream is compared with).
std::vector<std::string> dump_tokens_all_at_once(std::string_view text);

}  // namespace stance::hcl::testing
