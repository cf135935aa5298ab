#pragma once
// HCL2 native-syntax lexer. Produces the whole token list at once. Templates (quoted strings and heredocs)
// are lexed with a mode stack, as HashiCorp's scanner does: literal pieces, `${` / `%{` openers, and the
// normal tokens of the interpolation until its matching `}`. Strip markers `~` are applied to the
// neighbouring literal tokens here. A lexical error stops lexing: the last tokens are Invalid then Eof.
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"

namespace stance::hcl {

enum class TokenKind {
  Ident,
  Number,
  OQuote,
  CQuote,
  OHeredoc,
  CHeredoc,
  Literal,          // a piece of template text (escapes decoded)
  TemplateInterp,   // ${
  TemplateControl,  // %{
  TemplateSeqEnd,   // the } closing ${ or %{
  OBrace,
  CBrace,
  OBrack,
  CBrack,
  OParen,
  CParen,
  Comma,
  Equal,
  Colon,
  Question,
  Dot,
  Ellipsis,
  Star,
  Plus,
  Minus,
  Slash,
  Percent,
  Bang,
  And,
  Or,
  EqualEqual,
  NotEqual,
  Less,
  Greater,
  LessEqual,
  GreaterEqual,
  FatArrow,
  Tilde,
  Newline,
  Eof,
  Invalid,
};

struct Token {
  TokenKind kind = TokenKind::Eof;
  std::string text;  // identifiers, numbers, literal text, heredoc marker; operators as written
  Range range;
  bool line_start = false;  // heredoc content: this token starts a line (for `<<-` indentation)
  bool flush = false;       // OHeredoc: written `<<-`
};

struct LexError {
  Pos pos;
  std::string summary;
  std::string detail;
};

struct LexResult {
  std::vector<Token> tokens;  // always ends with Eof
  bool failed = false;
  LexError error;  // when failed; the Invalid token is at error.pos
};

LexResult lex(std::string_view text);

// The whole text is template content, as HashiCorp's ParseTemplate reads it (the .tf.json syntax's strings):
// literal text with `${...}` and `%{...}` sequences, `$${` and `%%{` for literal openers, no backslash
// escapes, newlines allowed. Positions start at 1:1.
LexResult lex_template(std::string_view text);

std::string_view token_name(TokenKind kind);

}  // namespace stance::hcl
