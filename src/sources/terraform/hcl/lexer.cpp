#include "sources/terraform/hcl/lexer.hpp"

#include <cstddef>
#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "common/utf8.hpp"

namespace stance::hcl {
namespace {

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
// ID_Start / ID_Continue approximated: ASCII letters and `_`, plus any byte of a non-ASCII UTF-8 sequence.
constexpr bool is_id_start(char c) {
  const auto u = static_cast<unsigned char>(c);
  return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || u == '_' || u >= 0x80;
}
// A table, as identifiers are most of a file's bytes.
constexpr auto kIdContinue = [] {
  std::array<bool, 256> table{};
  for (int c = 0; c < 256; ++c) {
    const char ch = static_cast<char>(c);
    table[static_cast<std::size_t>(c)] = is_id_start(ch) || is_digit(ch) || ch == '-';
  }
  return table;
}();
bool is_id_continue(char c) { return kIdContinue[static_cast<unsigned char>(c)]; }
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

// Code points in a run of bytes: the bytes that do not continue a UTF-8 sequence (as columns count).
std::uint32_t code_points(std::string_view run) {
  std::uint32_t n = 0;
  for (const char c : run) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

// Tokens by absolute index, in chunks of a fixed size: appending never moves a token (the parser holds
// references to tokens while it lexes further) and whole chunks are freed once the parser is past them. A
// std::deque does the same, but its indexing cost more than lexing a token.
class TokenChunks {
 public:
  static constexpr std::size_t kChunkSize = 512;

  std::size_t end() const { return end_; }  // one past the absolute index of the last token
  Token& operator[](std::size_t index) { return chunks_[index / kChunkSize - first_chunk_][index % kChunkSize]; }
  Token& back() { return (*this)[end_ - 1]; }
  // Once per token: inline, with the new chunk (once per 512 tokens) out of line.
  Token& push_back(const Token& token) {
    if (next_ == chunk_end_) add_chunk();  // the last chunk is full (or there is none)
    ++end_;
    *next_ = token;
    return *next_++;
  }
  // Frees the chunks that hold only tokens before `index`; the chunk of the last token stays.
  void free_before(std::size_t index) {
    if (end_ == 0) return;
    const std::size_t keep = std::min(index, end_ - 1) / kChunkSize;
    while (first_chunk_ < keep) {
      spare_ = std::move(chunks_.front());  // the next chunk needed reuses it
      chunks_.erase(chunks_.begin());
      ++first_chunk_;
    }
  }
  // The tokens from `index` (which exists) to the end of its chunk or of the tokens: where and how many.
  std::pair<Token*, std::size_t> run_from(std::size_t index) {
    const std::size_t chunk_end = (index / kChunkSize + 1) * kChunkSize;
    return {&(*this)[index], std::min(chunk_end, end_) - index};
  }

 private:
  [[gnu::noinline]] void add_chunk() {
    chunks_.push_back(spare_ ? std::move(spare_) : std::make_unique<Token[]>(kChunkSize));
    next_ = chunks_.back().get();
    chunk_end_ = next_ + kChunkSize;
  }

  std::vector<std::unique_ptr<Token[]>> chunks_;  // chunks_[0] holds indices from first_chunk_ * kChunkSize
  std::unique_ptr<Token[]> spare_;
  std::size_t first_chunk_ = 0;
  std::size_t end_ = 0;
  Token* next_ = nullptr;       // where the next token goes, in the last chunk
  Token* chunk_end_ = nullptr;  // the end of the last chunk
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
    for (std::size_t k = 0; k < tokens_.end(); ++k) out_.tokens.push_back(tokens_[k]);
    return std::move(out_);  // moving the deque of decoded texts keeps each string where the tokens view it
  }

  // Lexes until the token at absolute `index` exists and the last token lexed is not a Literal (a `${~`
  // after literals strips them), or to the end. So every token lexed is final whenever this returns.
  void fill(std::size_t index) {
    while (!done_ && (tokens_.end() <= index || tokens_.back().kind == TokenKind::Literal)) {
      if (!step()) {
        tokens_.push_back({TokenKind::Eof, false, false, false, "", {pos_, pos_}});
        done_ = true;
      }
    }
  }

  Token& at(std::size_t index) {
    fill(index);
    return index >= base_ && index < tokens_.end() ? tokens_[index] : tokens_.back();
  }

  // The final tokens from `index` (which at() gave) to the end of its chunk, for TokenStream's window.
  std::pair<Token*, std::size_t> window_from(std::size_t index) {
    if (index < base_ || index >= tokens_.end()) return {nullptr, 0};
    return tokens_.run_from(index);
  }

  void discard_before(std::size_t index) {
    if (tokens_.end() == 0) return;
    base_ = std::max(base_, std::min(index, tokens_.end() - 1));  // the last token always stays
    while (!decoded_owner_.empty() && decoded_owner_.front() < base_) {
      decoded_owner_.pop_front();
      out_.decoded.pop_front();
    }
    tokens_.free_before(base_);
  }

  const LexResult& result() const { return out_; }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
  std::size_t base_ = 0;  // absolute index of the first token not discarded
  bool done_ = false;
  Pos pos_;
  std::vector<ModeEntry> modes_;
  TokenChunks tokens_;
  std::deque<std::size_t> decoded_owner_;  // the token index of each entry of out_.decoded
  LexResult out_;                          // tokens_ are moved into it by run()

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
  // Moves over the next n bytes (all there), counting lines and columns as bump() does, a run at a time.
  void advance(std::size_t n) {
    const std::string_view run = s_.substr(i_, n);
    i_ += run.size();
    const std::size_t last_newline = run.rfind('\n');
    if (last_newline == std::string_view::npos) {
      pos_.column += code_points(run);
      return;
    }
    for (const char c : run) pos_.line += c == '\n' ? 1 : 0;
    pos_.column = 1 + code_points(run.substr(last_newline + 1));
  }
  Token& emit(TokenKind kind, std::string_view text, Pos start) {
    return tokens_.push_back({kind, false, false, false, text, {start, pos_}});
  }
  // The source from byte `from` to the current position.
  std::string_view source_from(std::size_t from) const { return s_.substr(from, i_ - from); }
  bool fail(Pos at, std::string summary, std::string detail) {
    out_.failed = true;
    out_.error = {at, std::move(summary), std::move(detail)};
    tokens_.push_back({TokenKind::Invalid, false, false, false, "", {at, at}});
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
    while (before > base_) {
      Token& t = tokens_[before - 1];
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
    if (peek() == '~') strip_previous_literals(tokens_.end() - 1);
    ModeEntry entry;
    entry.open = start;
    modes_.push_back(entry);
  }

  // A literal's text: the source itself when nothing was decoded, else the decoded copy, kept alive.
  std::string_view literal_text(std::size_t from, bool decoded, std::string text) {
    if (!decoded) return source_from(from);
    decoded_owner_.push_back(tokens_.end());  // the literal token emitted next
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

  // The text of one literal token as it is lexed: a view of the source while nothing needs decoding, a
  // decoded copy from the first escape or `$${` on (most literals are views: no copy, no allocation).
  class Literal {
   public:
    explicit Literal(Lexer& lexer) : lexer_(lexer), from_(lexer.i_) {}
    // Moves over the bytes up to the first one `special` stops at (or the end). kInLine: `special` stops at
    // newlines, so the run is on one line (and ASCII, mostly: one column per byte).
    template <bool kInLine, typename Special>
    void plain_run(Special special) {
      const std::size_t run = lexer_.i_;
      std::size_t end = run;
      unsigned char any = 0;  // the bits of all bytes
      while (end < lexer_.s_.size() && !special(lexer_.s_[end])) any |= static_cast<unsigned char>(lexer_.s_[end++]);
      if (kInLine && (any & 0x80) == 0) {
        lexer_.i_ = end;
        lexer_.pos_.column += static_cast<std::uint32_t>(end - run);
      } else {
        lexer_.advance(end - run);
      }
      if (decoded_) text_.append(lexer_.s_.substr(run, end - run));
    }
    void one_byte() {
      if (decoded_) text_ += lexer_.peek();
      lexer_.bump();
    }
    // `$${` or `%%{`: the opener as text.
    void escaped_opener(char ch) {
      decoding() += ch;
      text_ += '{';
      lexer_.bump(3);
    }
    // The decoded text so far, for appending what an escape means.
    std::string& decoding() {
      if (!decoded_) text_.assign(lexer_.s_.substr(from_, lexer_.i_ - from_));
      decoded_ = true;
      return text_;
    }
    void emit(Pos start, bool line_start) {
      lexer_.emit_literal(lexer_.literal_text(from_, decoded_, std::move(text_)), start, line_start, decoded_);
    }

   private:
    Lexer& lexer_;
    std::size_t from_;
    bool decoded_ = false;
    std::string text_;
  };

  static bool may_start_blank_or_comment(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '#' || c == '/';
  }

  bool skip_blanks_and_comments() {
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\r') {
        const std::size_t from = i_;
        std::size_t at = i_ + 1;  // a local index, as in the identifier loop of lex_normal
        while (at < s_.size() && (s_[at] == ' ' || s_[at] == '\t' || s_[at] == '\r')) ++at;
        i_ = at;
        pos_.column += static_cast<std::uint32_t>(i_ - from);
      } else if (c == '#' || (c == '/' && peek(1) == '/')) {
        const std::size_t newline = s_.find('\n', i_);
        advance((newline == std::string_view::npos ? s_.size() : newline) - i_);
      } else if (c == '/' && peek(1) == '*') {
        const Pos start = pos_;
        const std::size_t close = s_.find("*/", i_ + 2);
        if (close == std::string_view::npos) {
          advance(s_.size() - i_);
          return fail(start, "Unterminated comment", "There is no closing \"*/\" for this comment.");
        }
        advance(close + 2 - i_);
      } else {
        break;
      }
    }
    return true;
  }

  bool lex_normal() {
    // Most tokens follow one space or none: only blanks and comments beyond that need the loop.
    if (peek() == ' ') {
      ++i_;
      ++pos_.column;
    }
    if (!at_end() && may_start_blank_or_comment(peek()) && !skip_blanks_and_comments()) return false;
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
      // Local pointers, not the members: identifiers are most of a file's bytes, and this loop is the lexer's
      // hottest (the compiler keeps a member index in memory across the table lookups).
      const char* p = s_.data() + i_;
      const char* const end = s_.data() + s_.size();
      unsigned char any = 0;  // the bits of all bytes: ASCII only, one column per byte
      do {
        any |= static_cast<unsigned char>(*p);
        ++p;
      } while (p != end && is_id_continue(*p));
      i_ = static_cast<std::size_t>(p - s_.data());
      const std::string_view name = source_from(from);
      pos_.column += (any & 0x80) == 0 ? static_cast<std::uint32_t>(name.size()) : code_points(name);
      emit(TokenKind::Ident, name, start);
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

    const char next = peek(1);
    const auto op = [&](TokenKind kind, std::size_t length) {
      const std::size_t from = i_;
      i_ += length;  // operators are ASCII on one line
      pos_.column += static_cast<std::uint32_t>(length);
      emit(kind, source_from(from), start);
      return true;
    };
    switch (c) {
      case '.':
        return next == '.' && peek(2) == '.' ? op(TokenKind::Ellipsis, 3) : op(TokenKind::Dot, 1);
      case '=':
        return next == '=' ? op(TokenKind::EqualEqual, 2)
               : next == '>' ? op(TokenKind::FatArrow, 2)
                             : op(TokenKind::Equal, 1);
      case '!':
        return next == '=' ? op(TokenKind::NotEqual, 2) : op(TokenKind::Bang, 1);
      case '<':
        return next == '=' ? op(TokenKind::LessEqual, 2) : op(TokenKind::Less, 1);
      case '>':
        return next == '=' ? op(TokenKind::GreaterEqual, 2) : op(TokenKind::Greater, 1);
      case '&':
        if (next == '&') return op(TokenKind::And, 2);
        break;
      case '|':
        if (next == '|') return op(TokenKind::Or, 2);
        break;
      case '[':
        return op(TokenKind::OBrack, 1);
      case ']':
        return op(TokenKind::CBrack, 1);
      case '(':
        return op(TokenKind::OParen, 1);
      case ')':
        return op(TokenKind::CParen, 1);
      case ',':
        return op(TokenKind::Comma, 1);
      case ':':
        return op(TokenKind::Colon, 1);
      case '?':
        return op(TokenKind::Question, 1);
      case '*':
        return op(TokenKind::Star, 1);
      case '+':
        return op(TokenKind::Plus, 1);
      case '-':
        return op(TokenKind::Minus, 1);
      case '/':
        return op(TokenKind::Slash, 1);
      case '%':
        return op(TokenKind::Percent, 1);
      case '~':
        return op(TokenKind::Tilde, 1);
      default:
        break;
    }
    return fail(start, "Invalid character", "This character is not used within the language.");
  }

  bool lex_number(Pos start) {
    // ASCII on one line: the column moves with the bytes.
    const std::size_t from = i_;
    const auto digits = [&] {
      while (i_ < s_.size() && is_digit(s_[i_])) ++i_;
    };
    digits();
    if (peek() == '.' && is_digit(peek(1))) {
      ++i_;
      digits();
    }
    if ((peek() == 'e' || peek() == 'E') &&
        (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))))) {
      i_ += 2;
      digits();
    }
    pos_.column += static_cast<std::uint32_t>(i_ - from);
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
      const bool strip = tokens_.end() > base_ && tokens_.back().kind == TokenKind::Tilde;
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
    Literal lit(*this);
    while (true) {
      lit.plain_run<true>([](char ch) { return ch == '"' || ch == '$' || ch == '%' || ch == '\n' || ch == '\\'; });
      if (at_end()) break;
      const char ch = peek();
      if (ch == '"') break;
      if ((ch == '$' || ch == '%') && peek(1) == '{') break;
      if ((ch == '$' || ch == '%') && peek(1) == ch && peek(2) == '{') {
        lit.escaped_opener(ch);
        continue;
      }
      if (ch == '\n') {
        return fail(pos_, "Invalid multi-line string",
                    "Quoted strings may not be split over multiple lines. To produce a multi-line string, "
                    "either use the \\n escape to represent a newline character or use the \"heredoc\" "
                    "multi-line template syntax.");
      }
      if (ch == '\\') {
        if (!lex_escape(lit.decoding())) return false;
        continue;
      }
      lit.one_byte();  // a `$` or `%` that opens nothing
    }
    lit.emit(start, false);
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
    Literal lit(*this);
    while (true) {
      lit.plain_run<false>([](char ch) { return ch == '$' || ch == '%'; });
      if (at_end()) break;
      const char ch = peek();
      if ((ch == '$' || ch == '%') && peek(1) == '{') break;
      if ((ch == '$' || ch == '%') && peek(1) == ch && peek(2) == '{') {
        lit.escaped_opener(ch);
        continue;
      }
      lit.one_byte();
    }
    lit.emit(start, false);
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
    Literal lit(*this);
    while (true) {
      lit.plain_run<true>([](char ch) { return ch == '$' || ch == '%' || ch == '\n'; });
      if (at_end()) break;
      const char ch = peek();
      if ((ch == '$' || ch == '%') && peek(1) == '{') break;
      if ((ch == '$' || ch == '%') && peek(1) == ch && peek(2) == '{') {
        lit.escaped_opener(ch);
        continue;
      }
      lit.one_byte();
      if (ch == '\n') {
        modes_.back().at_line_start = true;
        break;
      }
    }
    lit.emit(start, line_start);
    return true;
  }
};

LexResult lex(std::string_view text) { return Lexer(text, false).run(); }

LexResult lex_template(std::string_view text) { return Lexer(text, true).run(); }

TokenStream::TokenStream(std::string_view text, bool bare_template, Pos start)
    : lexer_(std::make_unique<Lexer>(text, bare_template, start)) {}
TokenStream::~TokenStream() = default;
Token& TokenStream::at_slow(std::size_t index) {
  // Lexes a few tokens ahead, so that most calls find their token in the window. Lexing ahead changes
  // nothing the parser sees: the tokens are the same, and a lexical error reaches it only as an Invalid token.
  constexpr std::size_t kAhead = 64;
  lexer_->fill(index < static_cast<std::size_t>(-1) - kAhead ? index + kAhead : index);
  Token& token = lexer_->at(index);
  const auto [first, size] = lexer_->window_from(index);
  window_ = first;
  window_first_ = index;
  window_size_ = size;
  return token;
}
void TokenStream::discard_before(std::size_t index) {
  window_size_ = 0;  // its chunk may be freed
  lexer_->discard_before(index);
}
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
