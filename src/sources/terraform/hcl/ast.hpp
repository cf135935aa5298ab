#pragma once
// The positioned syntax tree of HCL2's native syntax (the .tf language), syntax only: no evaluation.
// Every node has a 1-based line:column start and an end that is the position just AFTER its last character
// (as HashiCorp's HCL reports ranges). Columns count Unicode code points, not bytes. The file name is not
// stored in nodes; it is given once to parse() and used in diagnostics.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace stance::hcl {

struct Pos {
  std::uint32_t line = 1;
  std::uint32_t column = 1;
  bool operator==(const Pos&) const = default;
};

struct Range {
  Pos start;
  Pos end;
  bool operator==(const Range&) const = default;
};

struct Expression;
struct ForNames;
using ExprPtr = std::unique_ptr<Expression>;

// One byte each (with the flags beside them): a 1 MB file has about 45,000 expressions.
enum class ExprKind : std::uint8_t {
  Number,  // text: the literal as written ("1.5e3")
  Bool,    // flag: the value
  Null,
  Template,     // parts; flag: it is a heredoc (text: its marker, flush: heredoc_flush)
  Tuple,        // items
  Object,       // object_items
  Variable,     // text: the name
  GetAttr,      // source.text
  Index,        // source[key]
  LegacyIndex,  // source.<text>, text is the digits ("0")
  Splat,  // source[*] (flag true: full splat) or source.* (flag false); each: traversal rooted at SplatItem
  SplatItem,    // the element inside a splat's `each` traversal
  Call,         // text: function name; items: arguments; flag: the last argument is expanded with `...`
  For,          // tuple form (flag false) or object form (flag true); see the For fields below
  Conditional,  // condition ? lhs : rhs
  Unary,        // text: "!" or "-"; source: the operand
  Binary,       // lhs <text> rhs, text one of || && == != < > <= >= + - * / %
  Parens,       // (source)
};

enum class PartKind : std::uint8_t { Literal, Interpolation, If, For };

struct TemplateDirective;

// One piece of a template. Strip markers (`~`) have already been applied to the neighbouring literals;
// strip_left / strip_right record that they were written. Most parts are literals and interpolations, so
// what only directives have is behind `directive` (a part is 72 bytes, not 176: a 1 MB file has ~14,000).
struct TemplatePart {
  PartKind kind = PartKind::Literal;
  bool has_else = false;
  bool strip_left = false;   // `${~` / `%{~` on the opening (first) directive
  bool strip_right = false;  // `~}` on the opening (first) directive
  Range range;
  std::string text;  // Literal: the text with escapes decoded
  ExprPtr expr;      // Interpolation: the value; If: the condition; For: the collection
  std::unique_ptr<TemplateDirective> directive;  // If and For: set; Literal and Interpolation: null
};

struct TemplateDirective {
  std::string key_var;                  // For: the key variable when two are given (`%{for k, v in ...}`)
  std::string value_var;                // For: the value variable
  std::vector<TemplatePart> body;       // If: the "then" parts; For: the repeated parts
  std::vector<TemplatePart> else_body;  // If: the "else" parts
};

struct ObjectItem {
  ExprPtr key;  // a Variable when key_is_identifier, else any expression
  ExprPtr value;
  bool key_is_identifier = false;  // `name = v`: the key is the literal string "name", not a variable
  bool uses_colon = false;         // written `k: v` rather than `k = v`
};

struct Expression {
  ExprKind kind = ExprKind::Null;
  bool flag = false;
  bool heredoc_flush = false;  // Template from `<<-`: common leading indentation was removed
  bool grouping = false;       // For object form: `...` after the value
  Range range;
  std::string text;
  ExprPtr source;              // traversals, Splat, Unary, Parens: the operand; For: the collection
  ExprPtr key;                 // Index: the key; For: the key expression (object form)
  ExprPtr each;                // Splat: the per-element traversal; For: the value expression
  ExprPtr condition;           // Conditional; For: the `if` filter (may be null)
  ExprPtr lhs, rhs;            // Binary operands; Conditional: true and false results
  std::vector<ExprPtr> items;  // Tuple elements, Call arguments
  std::vector<ObjectItem> object_items;
  std::vector<TemplatePart> parts;
  // For: `for key_var, value_var in` (key_var empty with one variable); null for every other kind, so the
  // ~45,000 expressions of a 1 MB file do not each carry two strings only For uses (Expression: 184 bytes).
  std::unique_ptr<ForNames> for_names;
};

struct ForNames {
  std::string key_var;
  std::string value_var;
};

struct Attribute {
  std::string name;
  Range name_range;
  ExprPtr value;
  Range range;  // name to end of the value
};

struct Label {
  std::string value;
  bool quoted = false;
  Range range;
};

struct Block;

struct Body {
  std::vector<Attribute> attributes;  // in file order
  std::vector<Block> blocks;          // in file order
  Range range;
};

struct Block {
  std::string type;
  Range type_range;
  std::vector<Label> labels;
  Body body;
  Range range;  // type to closing brace (inclusive, end just after `}`)
  // The same span in bytes of the parsed text (native syntax; 0 and 0 for blocks built from .tf.json): what
  // parse_block_again() reads when a caller dropped the body (KeepBody) and needs it after all.
  std::uint32_t offset = 0;
  std::uint32_t length = 0;
};

}  // namespace stance::hcl
