#pragma once
// HCL2 native-syntax lexer. Produces the whole token list at once. Templates (quoted strings and heredocs)
// are lexed with a mode stack, as HashiCorp's scanner does: literal pieces, `${` / `%{` openers, and the
// normal tokens of the interpolation until its matching `}`. Strip markers `~` are applied to the
// neighbouring literal tokens here. A lexical error stops lexing: the last tokens are Invalid then Eof.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

#include "sources/terraform/hcl/ast.hpp"

namespace stance::hcl {

enum class TokenKind : std::uint8_t {
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

// 40 bytes: a real file has about one token per 5-7 bytes (the parser reads them from a TokenStream, which
// keeps only those of the top-level item being parsed).
struct Token {
  TokenKind kind = TokenKind::Eof;
  bool line_start = false;  // heredoc content: this token starts a line (for `<<-` indentation)
  bool flush = false;       // OHeredoc: written `<<-`
  bool decoded = false;     // Literal: text views an entry of `decoded`, not the source
  // Identifiers, numbers, literal text, heredoc marker; operators as written. A view into the lexed text,
  // or into LexResult::decoded for literal text that differs from the source (escapes, `$${`).
  std::string_view text;
  Range range;
};

struct LexError {
  Pos pos;
  std::string summary;
  std::string detail;
};

// Tokens view the lexed text: it must outlive the result.
struct LexResult {
  // Always ends with Eof. A deque: it grows without copying (a vector's regrowth briefly held two copies
  // of the biggest data structure of a parse) and without reserving more than it needs.
  std::deque<Token> tokens;
  std::deque<std::string> decoded;  // literal texts with escapes decoded; deque elements never move
  bool failed = false;
  LexError error;  // when failed; the Invalid token is at error.pos
};

LexResult lex(std::string_view text);

class Lexer;

// The same tokens as lex(), produced on demand and dropped when the parser says it is done with them, so a
// parse holds the tokens of one top-level item instead of the whole file's (which took more memory than
// the syntax tree). Tokens are addressed by their index in the whole file.
class TokenStream {
 public:
  // start: the position of text's first character (a part of a file lexed again); no byte order mark then.
  TokenStream(std::string_view text, bool bare_template, Pos start = {});
  ~TokenStream();
  TokenStream(const TokenStream&) = delete;
  TokenStream& operator=(const TokenStream&) = delete;

  // The token at `index`, lexing as far as needed; past the end, the last token (Eof). A Literal is
  // returned only once the token after it is lexed: a following `${~` may still strip its whitespace.
  // References stay valid until discard_before() passes them. Inline: the parser asks for the current
  // token several times per token, and the tokens already lexed are read without a call.
  Token& at(std::size_t index) {
    const std::size_t offset = index - window_first_;  // wraps around below the window
    return offset < window_size_ ? window_[offset] : at_slow(index);
  }
  // Frees the tokens before `index` (and their decoded texts): the caller holds no reference to them.
  void discard_before(std::size_t index);
  bool failed() const;
  const LexError& error() const;

 private:
  Token& at_slow(std::size_t index);

  std::unique_ptr<Lexer> lexer_;
  // Tokens [window_first_, window_first_ + window_size_) are lexed, final (no `~` can change them any more)
  // and stored contiguously at window_: the part of one chunk of the lexer's storage last asked for.
  Token* window_ = nullptr;
  std::size_t window_first_ = 0;
  std::size_t window_size_ = 0;
};

// The whole text is template content, as HashiCorp's ParseTemplate reads it (the .tf.json syntax's strings):
// literal text with `${...}` and `%{...}` sequences, `$${` and `%%{` for literal openers, no backslash
// escapes, newlines allowed. Positions start at 1:1.
LexResult lex_template(std::string_view text);

std::string_view token_name(TokenKind kind);

}  // namespace stance::hcl
