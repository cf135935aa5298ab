#pragma once
// HCL2 native-syntax parser: recursive descent over the lexer's tokens, with a nesting depth limit so no
// input can exhaust the stack. Syntax only. The first syntax error stops parsing; it is reported as
// Terraform reports it: `file:line:col: <summary>; <detail>`.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"

namespace stance::hcl {

struct Diagnostic {
  std::string file;
  Pos pos;
  std::string summary;            // e.g. "Missing newline after argument"
  std::string detail;             // what was expected
  std::string to_string() const;  // "file:line:col: summary; detail"
};

struct ParseResult {
  std::optional<Body> body;  // set exactly when errors is empty
  std::vector<Diagnostic> errors;
  bool ok() const { return errors.empty(); }
};

// Deepest nesting of blocks, expressions and templates accepted; deeper input is a syntax error.
inline constexpr int kMaxNestingDepth = 128;

// What of a top-level block is kept. A caller that reads only some blocks (a scan evaluates variables,
// locals, outputs, module calls and the resource types it checks) drops the rest as each is parsed, so a
// large file never holds its whole tree. Syntax is checked everywhere all the same.
enum class Kept : std::uint8_t {
  Block,    // the whole block
  Header,   // type, labels, ranges and byte span; the body keeps only its range (parse_block_again reads it)
  Nothing,  // the block is left out of the result (the caller has seen its header)
};
// Asked once per top-level block, with the whole block, as soon as it is parsed.
using KeepBody = std::function<Kept(const Block&)>;

// keep_body empty: every body is kept.
ParseResult parse(std::string_view text, std::string_view filename, const KeepBody& keep_body = {});

// The top-level block `header` parsed again from `text`, the whole text parse() read it from: for a caller
// that dropped its body while parsing (KeepBody) and needs it later, one block at a time. The result's body
// holds that one block, exactly as parse() would have kept it (positions and byte span included).
ParseResult parse_block_again(std::string_view text, std::string_view filename, const Block& header);

struct ExpressionResult {
  ExprPtr expr;  // set exactly when errors is empty
  std::vector<Diagnostic> errors;
  bool ok() const { return errors.empty(); }
};

// The whole text as one template, as HashiCorp's ParseTemplate reads it (see lex_template): what a .tf.json
// string means where an expression is expected. The result is a Template (flag false); positions count from
// 1:1 in text, and the Template's range spans the whole text.
ExpressionResult parse_template_text(std::string_view text, std::string_view filename);

// The whole text as one expression (e.g. "list(string)", "aws.west", "aws_s3_bucket.b"): what a .tf.json
// string means where Terraform expects a type, a reference or a keyword. Positions count from 1:1 in text.
ExpressionResult parse_expression_text(std::string_view text, std::string_view filename);

}  // namespace stance::hcl
