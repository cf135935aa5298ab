#include "sources/terraform/hcl/lexer.hpp"

#include <cstddef>
#include <cstdint>
#include <utility>

#include "common/utf8.hpp"

namespace stance::hcl {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
// ID_Start / ID_Continue approximated: ASCII letters and `_`, plus any byte of a non-ASCII UTF-8 sequence.
bool is_id_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}
bool is_id_continue(char c) { return is_id_start(c) || is_digit(c) || c == '-'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Bare: a whole text that is a template (the content of a .tf.json string): no closing marker, no escapes.
enum class Mode { Normal, Quoted, Heredoc, Bare };

struct ModeEntry {
  Mode mode = Mode::Normal;
  Pos open;            // where the string, heredoc or interpolation began
  int depth = 0;       // Normal inside an interpolation: open braces not yet closed
  std::string_view marker;  // Heredoc: as written at the opener
  bool at_line_start = false;
  bool strip_next = false;  // a `~}` asked to strip leading whitespace of the following literal
};

}  // namespace

class Lexer {
 public:
  Lexer(std::string_view text, bool bare_template, Pos start = {}) : s_(text), pos_(start) {
    modes_.push_back({});
    if (bare_template) {
      ModeEntry entry;
      entry.mode = Mode::Bare;
      modes_.push_back(entry);
    }
    // A UTF-8 byte order mark is not part of the configuration (and takes no column).
    if (start == Pos{} && s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
  }

  LexResult run() {
    fill(static_cast<std::size_t>(-1));
    return std::move(out_);
  }

  // Lexes until the token at absolute `index` exists and the last token lexed is not a Literal (a `${~`
  // after literals strips them), or to the end.
  void fill(std::size_t index) {
    while (!done_ && (base_ + out_.tokens.size() <= index || out_.tokens.back().kind == TokenKind::Literal)) {
      if (!step()) {
        out_.tokens.push_back({TokenKind::Eof, false, false, false, "", {pos_, pos_}});
        done_ = true;
      }
    }
  }

  Token& at(std::size_t index) {
    fill(index);
    return index - base_ < out_.tokens.size() ? out_.tokens[index - base_] : out_.tokens.back();
  }

  void discard_before(std::size_t index) {
    while (base_ < index && out_.tokens.size() > 1) {
      if (out_.tokens.front().decoded) out_.decoded.pop_front();
      out_.tokens.pop_front();
      ++base_;
    }
  }

  const LexResult& result() const { return out_; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t base_ = 0;  // absolute index of out_.tokens.front()
  bool done_ = false;
  Pos pos_;
  std::vector<ModeEntry> modes_;
  LexResult out_;

  bool at_end() const { return i_ >= s_.size(); }
  char peek(std::size_t k = 0) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }
  bool has(std::size_t k) const { return i_ + k < s_.size(); }
  void bump() {
    const auto c = static_cast<unsigned char>(s_[i_++]);
    if (c == '\n') {
      ++pos_.line;
      pos_.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++pos_.column;
    }
  }
  void bump(std::size_t n) {
    while (n-- > 0 && !at_end()) bump();
  }
  Token& emit(TokenKind kind, std::string_view text, Pos start) {
    out_.tokens.push_back({kind, false, false, false, text, {start, pos_}});
    return out_.tokens.back();
  }
  // The source from byte `from` to the current position.
  std::string_view source_from(std::size_t from) const { return s_.substr(from, i_ - from); }
  bool fail(Pos at, std::string summary, std::string detail) {
    out_.failed = true;
    out_.error = {at, std::move(summary), std::move(detail)};
    out_.tokens.push_back({TokenKind::Invalid, false, false, false, "", {at, at}});
    return false;
  }

  bool step() {
    switch (modes_.back().mode) {
      case Mode::Normal:
        return lex_normal();
      case Mode::Quoted:
        return lex_quoted();
      case Mode::Heredoc:
        return lex_heredoc();
      case Mode::Bare:
        return lex_bare();
    }
    return false;
  }

  bool in_interpolation() const { return modes_.size() > 1 && modes_.back().mode == Mode::Normal; }

  // `${~` / `%{~`: remove trailing whitespace from the literal(s) just before the opener.
  void strip_previous_literals(std::size_t before) {
    while (before > 0) {
      Token& t = out_.tokens[before - 1];
      if (t.kind != TokenKind::Literal) return;
      while (!t.text.empty() && is_space(t.text.back())) t.text.remove_suffix(1);
      if (!t.text.empty()) return;
      --before;
    }
  }

  void open_sequence(TokenKind kind, Pos start, bool line_start) {
    modes_.back().strip_next = false;
    bump(2);
    Token& t = emit(kind, kind == TokenKind::TemplateInterp ? "${" : "%{", start);
    t.line_start = line_start;
    if (peek() == '~') strip_previous_literals(out_.tokens.size() - 1);
    ModeEntry entry;
    entry.open = start;
    modes_.push_back(entry);
  }

  // A literal's text: the source itself when nothing was decoded, else the decoded copy, kept alive.
  std::string_view literal_text(std::size_t from, bool decoded, std::string text) {
    if (!decoded) return source_from(from);
    out_.decoded.push_back(std::move(text));
    return out_.decoded.back();
  }

  // text is a view of the source, or of `decoded` when the literal needed decoding.
  void emit_literal(std::string_view text, Pos start, bool line_start, bool decoded) {
    ModeEntry& m = modes_.back();
    if (m.strip_next) {
      std::size_t n = 0;
      while (n < text.size() && is_space(text[n])) ++n;
      text.remove_prefix(n);
      m.strip_next = text.empty();
    }
    Token& t = emit(TokenKind::Literal, text, start);
    t.line_start = line_start;
    t.decoded = decoded;
  }

  bool skip_blanks_and_comments() {
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\r') {
        bump();
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        while (!at_end() && peek() != '\n') bump();
      } else if (c == '/' && peek(1) == '*') {
        const Pos start = pos_;
        bump(2);
        while (!at_end() && !(peek() == '*' && peek(1) == '/')) bump();
        if (at_end()) {
          return fail(start, "Unterminated comment", "There is no closing \"*/\" for this comment.");
        }
        bump(2);
      } else {
        break;
      }
    }
    return true;
  }

  bool lex_normal() {
    if (!skip_blanks_and_comments()) return false;
    const Pos start = pos_;
    if (at_end()) {
      if (in_interpolation()) {
        return fail(modes_.back().open, "Unterminated template interpolation",
                    "There is no closing brace for this interpolation or directive.");
      }
      return false;
    }
    const char c = peek();
    if (c == '\n') {
      bump();
      emit(TokenKind::Newline, "\n", start);
      return true;
    }
    if (is_digit(c)) return lex_number(start);
    if (is_id_start(c)) {
      const std::size_t from = i_;
      while (!at_end() && is_id_continue(peek())) bump();
      emit(TokenKind::Ident, source_from(from), start);
      return true;
    }
    if (c == '"') {
      bump();
      emit(TokenKind::OQuote, "\"", start);
      ModeEntry entry;
      entry.mode = Mode::Quoted;
      entry.open = start;
      modes_.push_back(entry);
      return true;
    }
    if (c == '<' && peek(1) == '<' && lex_heredoc_start(start)) return true;
    if (c == '{' || c == '}') return lex_brace(c, start);

    struct Op {
      std::string_view text;
      TokenKind kind;
    };
    static constexpr Op ops[] = {
        {"...", TokenKind::Ellipsis}, {"==", TokenKind::EqualEqual}, {"=>", TokenKind::FatArrow},
        {"!=", TokenKind::NotEqual},  {"<=", TokenKind::LessEqual},  {">=", TokenKind::GreaterEqual},
        {"&&", TokenKind::And},       {"||", TokenKind::Or},         {"=", TokenKind::Equal},
        {"!", TokenKind::Bang},       {"<", TokenKind::Less},        {">", TokenKind::Greater},
        {"[", TokenKind::OBrack},     {"]", TokenKind::CBrack},      {"(", TokenKind::OParen},
        {")", TokenKind::CParen},     {",", TokenKind::Comma},       {":", TokenKind::Colon},
        {"?", TokenKind::Question},   {".", TokenKind::Dot},         {"*", TokenKind::Star},
        {"+", TokenKind::Plus},       {"-", TokenKind::Minus},       {"/", TokenKind::Slash},
        {"%", TokenKind::Percent},    {"~", TokenKind::Tilde},
    };
    for (const Op& op : ops) {
      if (s_.substr(i_, op.text.size()) == op.text) {
        bump(op.text.size());
        emit(op.kind, op.text, start);
        return true;
      }
    }
    return fail(start, "Invalid character", "This character is not used within the language.");
  }

  bool lex_number(Pos start) {
    const std::size_t from = i_;
    while (is_digit(peek()) && has(0)) bump();
    if (peek() == '.' && is_digit(peek(1))) {
      bump();
      while (is_digit(peek()) && has(0)) bump();
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      bump(2);
      while (is_digit(peek()) && has(0)) bump();
    }
    emit(TokenKind::Number, source_from(from), start);
    return true;
  }

  bool lex_brace(char c, Pos start) {
    if (c == '{') {
      if (in_interpolation()) ++modes_.back().depth;
      bump();
      emit(TokenKind::OBrace, "{", start);
      return true;
    }
    bump();
    if (in_interpolation() && modes_.back().depth == 0) {
      const bool strip = !out_.tokens.empty() && out_.tokens.back().kind == TokenKind::Tilde;
      emit(TokenKind::TemplateSeqEnd, "}", start);
      modes_.pop_back();
      modes_.back().strip_next = strip;
      return true;
    }
    if (in_interpolation()) --modes_.back().depth;
    emit(TokenKind::CBrace, source_from(i_ - 1), start);  // a view of the source: where a block ends
    return true;
  }

  // `<<EOT` or `<<-EOT` followed by a newline; anything else is not a heredoc (and `<` is lexed alone).
  bool lex_heredoc_start(Pos start) {
    std::size_t k = 2;
    const bool flush = peek(2) == '-';
    if (flush) k = 3;
    if (!is_id_start(peek(k))) return false;
    std::size_t end = k;
    while (has(end) && is_id_continue(peek(end))) ++end;
    std::size_t after = end;
    if (peek(after) == '\r') ++after;
    if (peek(after) != '\n' || !has(after)) return false;
    const std::string_view marker = s_.substr(i_ + k, end - k);
    bump(after + 1);
    Token& t = emit(TokenKind::OHeredoc, marker, start);
    t.flush = flush;
    ModeEntry entry;
    entry.mode = Mode::Heredoc;
    entry.open = start;
    entry.marker = marker;
    entry.at_line_start = true;
    modes_.push_back(entry);
    return true;
  }

  bool lex_escape(std::string& text) {
    const Pos at = pos_;
    const char sel = peek(1);
    const char* simple = nullptr;
    switch (sel) {
      case 'n':
        simple = "\n";
        break;
      case 'r':
        simple = "\r";
        break;
      case 't':
        simple = "\t";
        break;
      case '"':
        simple = "\"";
        break;
      case '\\':
        simple = "\\";
        break;
      default:
        break;
    }
    if (simple != nullptr) {
      text += simple;
      bump(2);
      return true;
    }
    if (sel == 'u' || sel == 'U') {
      const std::size_t digits = sel == 'u' ? 4 : 8;
      std::uint32_t cp = 0;
      for (std::size_t d = 0; d < digits; ++d) {
        const char h = peek(2 + d);
        if (!is_hex(h) || !has(2 + d)) {
          return fail(at, "Invalid escape sequence",
                      sel == 'u' ? "The \\u escape needs four hexadecimal digits."
                                 : "The \\U escape needs eight hexadecimal digits.");
        }
        cp = cp * 16 + static_cast<std::uint32_t>(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
      }
      if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return fail(at, "Invalid escape sequence", "The escape sequence is not a valid Unicode code point.");
      }
      utf8::append_utf8(text, cp);
      bump(2 + digits);
      return true;
    }
    return fail(at, "Invalid escape sequence",
                "The symbol after the backslash is not a valid escape sequence selector.");
  }

  bool lex_quoted() {
    const Pos start = pos_;
    if (at_end()) {
      return fail(modes_.back().open, "Unterminated template string",
                  "No closing marker was found for the string.");
    }
    const char c = peek();
    if (c == '"') {
      bump();
      emit(TokenKind::CQuote, "\"", start);
      modes_.pop_back();
      return true;
    }
    if ((c == '$' || c == '%') && peek(1) == '{') {
      open_sequence(c == '$' ? TokenKind::TemplateInterp : TokenKind::TemplateControl, start, false);
      return true;
    }
    std::string text;
    const std::size_t from = i_;
    bool decoded = false;
    while (!at_end()) {
      const char ch = peek();
      if (ch == '"') break;
      if ((ch == '$' || ch == '%') && peek(1) == '{') break;
      if ((ch == '$' || ch == '%') && peek(1) == ch && peek(2) == '{') {
        text += ch;
        text += '{';
        bump(3);
        decoded = true;
        continue;
      }
      if (ch == '\n') {
        return fail(pos_, "Invalid multi-line string",
                    "Quoted strings may not be split over multiple lines. To produce a multi-line string, "
                    "either use the \\n escape to represent a newline character or use the \"heredoc\" "
                    "multi-line template syntax.");
      }
      if (ch == '\\') {
        if (!lex_escape(text)) return false;
        decoded = true;
        continue;
      }
      text += ch;
      bump();
    }
    emit_literal(literal_text(from, decoded, std::move(text)), start, false, decoded);
    return true;
  }

  bool closing_marker_here(std::size_t& length) const {
    const std::string_view marker = modes_.back().marker;
    std::size_t j = i_;
    while (j < s_.size() && (s_[j] == ' ' || s_[j] == '\t')) ++j;
    if (s_.substr(j, marker.size()) != marker) return false;
    std::size_t k = j + marker.size();
    if (k < s_.size() && s_[k] == '\r') ++k;
    if (k < s_.size() && s_[k] != '\n') return false;
    length = k - i_;
    return true;
  }

  // Template text up to the end of input: literals and `${` / `%{` sequences; `$${` and `%%{` escape them.
  bool lex_bare() {
    if (at_end()) return false;
    const Pos start = pos_;
    const char c = peek();
    if ((c == '$' || c == '%') && peek(1) == '{') {
      open_sequence(c == '$' ? TokenKind::TemplateInterp : TokenKind::TemplateControl, start, false);
      return true;
    }
    std::string text;
    const std::size_t from = i_;
    bool decoded = false;
    while (!at_end()) {
      const char ch = peek();
      if ((ch == '$' || ch == '%') && peek(1) == '{') break;
      if ((ch == '$' || ch == '%') && peek(1) == ch && peek(2) == '{') {
        text += ch;
        text += '{';
        bump(3);
        decoded = true;
        continue;
      }
      text += ch;
      bump();
    }
    emit_literal(literal_text(from, decoded, std::move(text)), start, false, decoded);
    return true;
  }

  bool lex_heredoc() {
    const Pos start = pos_;
    if (at_end()) {
      return fail(modes_.back().open, "Unterminated template string",
                  "No closing marker was found for the heredoc \"" + std::string(modes_.back().marker) + "\".");
    }
    const bool line_start = modes_.back().at_line_start;
    modes_.back().at_line_start = false;
    std::size_t length = 0;
    if (line_start && closing_marker_here(length)) {
      bump(length);
      emit(TokenKind::CHeredoc, modes_.back().marker, start);
      modes_.pop_back();
      return true;
    }
    const char c = peek();
    if ((c == '$' || c == '%') && peek(1) == '{') {
      open_sequence(c == '$' ? TokenKind::TemplateInterp : TokenKind::TemplateControl, start, line_start);
      return true;
    }
    std::string text;
    const std::size_t from = i_;
    bool decoded = false;
    while (!at_end()) {
      const char ch = peek();
      if ((ch == '$' || ch == '%') && peek(1) == '{') break;
      if ((ch == '$' || ch == '%') && peek(1) == ch && peek(2) == '{') {
        text += ch;
        text += '{';
        bump(3);
        decoded = true;
        continue;
      }
      text += ch;
      bump();
      if (ch == '\n') {
        modes_.back().at_line_start = true;
        break;
      }
    }
    emit_literal(literal_text(from, decoded, std::move(text)), start, line_start, decoded);
    return true;
  }
};

LexResult lex(std::string_view text) { return Lexer(text, false).run(); }

LexResult lex_template(std::string_view text) { return Lexer(text, true).run(); }

TokenStream::TokenStream(std::string_view text, bool bare_template, Pos start)
    : lexer_(std::make_unique<Lexer>(text, bare_template, start)) {}
TokenStream::~TokenStream() = default;
Token& TokenStream::at(std::size_t index) { return lexer_->at(index); }
void TokenStream::discard_before(std::size_t index) { lexer_->discard_before(index); }
bool TokenStream::failed() const { return lexer_->result().failed; }
const LexError& TokenStream::error() const { return lexer_->result().error; }

std::string_view token_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::Ident:
      return "identifier";
    case TokenKind::Number:
      return "number";
    case TokenKind::OQuote:
      return "opening quote";
    case TokenKind::CQuote:
      return "closing quote";
    case TokenKind::OHeredoc:
      return "heredoc introducer";
    case TokenKind::CHeredoc:
      return "heredoc end marker";
    case TokenKind::Literal:
      return "template literal";
    case TokenKind::TemplateInterp:
      return "\"${\"";
    case TokenKind::TemplateControl:
      return "\"%{\"";
    case TokenKind::TemplateSeqEnd:
      return "\"}\"";
    case TokenKind::OBrace:
      return "\"{\"";
    case TokenKind::CBrace:
      return "\"}\"";
    case TokenKind::OBrack:
      return "\"[\"";
    case TokenKind::CBrack:
      return "\"]\"";
    case TokenKind::OParen:
      return "\"(\"";
    case TokenKind::CParen:
      return "\")\"";
    case TokenKind::Comma:
      return "comma";
    case TokenKind::Equal:
      return "equals sign";
    case TokenKind::Colon:
      return "colon";
    case TokenKind::Question:
      return "question mark";
    case TokenKind::Dot:
      return "dot";
    case TokenKind::Ellipsis:
      return "ellipsis";
    case TokenKind::Star:
      return "\"*\"";
    case TokenKind::Plus:
      return "\"+\"";
    case TokenKind::Minus:
      return "\"-\"";
    case TokenKind::Slash:
      return "\"/\"";
    case TokenKind::Percent:
      return "\"%\"";
    case TokenKind::Bang:
      return "\"!\"";
    case TokenKind::And:
      return "\"&&\"";
    case TokenKind::Or:
      return "\"||\"";
    case TokenKind::EqualEqual:
      return "\"==\"";
    case TokenKind::NotEqual:
      return "\"!=\"";
    case TokenKind::Less:
      return "\"<\"";
    case TokenKind::Greater:
      return "\">\"";
    case TokenKind::LessEqual:
      return "\"<=\"";
    case TokenKind::GreaterEqual:
      return "\">=\"";
    case TokenKind::FatArrow:
      return "\"=>\"";
    case TokenKind::Tilde:
      return "\"~\"";
    case TokenKind::Newline:
      return "newline";
    case TokenKind::Eof:
      return "end of file";
    case TokenKind::Invalid:
      return "invalid token";
  }
  return "token";
}

}  // namespace stance::hcl
