#include "sources/terraform/hcl/parser.hpp"

#include <algorithm>
#include <cstddef>
#include <utility>

#include "sources/terraform/hcl/lexer.hpp"

namespace stance::hcl {
namespace {

// Thrown inside this file only, caught by parse(): the first syntax error ends parsing.
struct SyntaxError {
  Pos pos;
  std::string summary;
  std::string detail;
};

ExprPtr make(ExprKind kind, Range range) {
  // Default-initialized: every member has an initializer, so zeroing the node first (make_unique) would
  // only write its 184 bytes twice.
  ExprPtr e(new Expression);
  e->kind = kind;
  e->range = range;
  return e;
}

// A node with a text (names, numbers, operators): the string is built in place from the token's view,
// which is cheaper than assigning it to an empty one (a third of all nodes have a text).
ExprPtr make(ExprKind kind, Range range, std::string_view text) {
  return ExprPtr(new Expression{.kind = kind, .range = range, .text = std::string(text)});
}

bool is_blank_line(std::string_view text) {
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
}

class Parser {
 public:
  // bare_template: the text is template content (lex_template), else native syntax (lex).
  Parser(std::string_view text, bool bare_template, const KeepBody* keep_body = nullptr)
      : t_(text, bare_template), text_(text), keep_body_(keep_body && *keep_body ? keep_body : nullptr) {}
  // A part of a file: `text` starts at byte `offset` of it, at position `start`.
  Parser(std::string_view text, Pos start, std::size_t offset) : t_(text, false, start), text_(text), offset_(offset) {}

  Body parse_file() {
    Body body = parse_body(TokenKind::Eof, Pos{});
    body.range = {Pos{}, t_.at(p_).range.end};  // the Eof token
    return body;
  }

  // The tokens of lex_template(): one template up to the end of the text.
  ExprPtr parse_bare_template() {
    auto e = make(ExprKind::Template, {Pos{}, Pos{}});
    e->parts = parse_template(TokenKind::Eof);
    e->range.end = t_.at(p_).range.end;
    return e;
  }

  // One expression and nothing else (newlines around it are insignificant).
  ExprPtr parse_lone_expression() {
    NewlineMode mode(*this, true);
    ExprPtr e = parse_expression();
    if (!at(TokenKind::Eof)) {
      fail(peek(), "Extra characters after expression",
           "An expression was successfully parsed, but extra characters were found after it.");
    }
    return e;
  }

 private:
  TokenStream t_;
  std::string_view text_;   // what t_ lexes: tokens of identifiers and braces are views into it
  std::size_t offset_ = 0;  // where text_ starts in the file
  const KeepBody* keep_body_ = nullptr;
  std::size_t p_ = 0;
  bool skip_newlines_ = false;
  int depth_ = 0;

  // Inside (), [] and interpolations newlines are insignificant; in bodies and objects they end items.
  struct NewlineMode {
    Parser& parser;
    bool saved;
    NewlineMode(Parser& p, bool skip) : parser(p), saved(p.skip_newlines_) { p.skip_newlines_ = skip; }
    ~NewlineMode() { parser.skip_newlines_ = saved; }
    NewlineMode(const NewlineMode&) = delete;
    NewlineMode& operator=(const NewlineMode&) = delete;
  };

  void enter(Pos at) {
    if (++depth_ > kMaxNestingDepth) {
      throw SyntaxError{at, "Nesting too deep",
                        "This construct is nested more than " + std::to_string(kMaxNestingDepth) +
                            " levels deep, which this parser does not accept."};
    }
  }

  struct Depth {
    Parser& parser;
    Depth(Parser& p, Pos at) : parser(p) { p.enter(at); }
    ~Depth() { --parser.depth_; }
    Depth(const Depth&) = delete;
    Depth& operator=(const Depth&) = delete;
  };

  // Operators chained in a loop (a.b.c, 1 + 2 + 3) nest the tree one level each, so they count toward the
  // limit too: a very deep tree would otherwise overflow the stack when it is destroyed or walked.
  struct Chain {
    Parser& parser;
    int count = 0;
    explicit Chain(Parser& p) : parser(p) {}
    void add(Pos at) {
      ++count;
      parser.enter(at);
    }
    ~Chain() { parser.depth_ -= count; }
    Chain(const Chain&) = delete;
    Chain& operator=(const Chain&) = delete;
  };

  const Token& peek() {
    if (skip_newlines_) {
      while (t_.at(p_).kind == TokenKind::Newline) ++p_;
    }
    return t_.at(p_);
  }
  // The n-th token after the current one, skipping newlines when they are insignificant here.
  const Token& ahead(std::size_t n) {
    peek();
    std::size_t q = p_;
    while (n > 0 && t_.at(q).kind != TokenKind::Eof) {
      ++q;
      if (skip_newlines_) {
        while (t_.at(q).kind == TokenKind::Newline) ++q;
      }
      --n;
    }
    return t_.at(q);
  }
  // References into t_ stay valid until parse_body() discards the tokens of finished top-level items.
  const Token& take() {
    const Token& tok = peek();
    if (tok.kind != TokenKind::Eof && tok.kind != TokenKind::Invalid) ++p_;
    return tok;
  }
  bool at(TokenKind kind) { return peek().kind == kind; }
  bool at_keyword(std::string_view word) { return peek().kind == TokenKind::Ident && peek().text == word; }

  // Messages are views (of literals, mostly): a string is made only when a message is thrown, not for
  // every token that is as expected.
  [[noreturn]] void fail(const Token& tok, std::string_view summary, std::string_view detail) {
    if (tok.kind == TokenKind::Invalid && t_.failed()) {
      throw SyntaxError{t_.error().pos, t_.error().summary, t_.error().detail};
    }
    throw SyntaxError{tok.range.start, std::string(summary), std::string(detail)};
  }
  [[noreturn]] void fail_at(Pos pos, std::string_view summary, std::string_view detail) {
    if (peek().kind == TokenKind::Invalid) fail(peek(), "", "");
    throw SyntaxError{pos, std::string(summary), std::string(detail)};
  }
  const Token& expect(TokenKind kind, std::string_view summary, std::string_view detail) {
    if (!at(kind)) fail(peek(), summary, detail);
    return take();
  }

  // ---- bodies ----

  // end is Eof for the file, CBrace for a block (not consumed); open is the block's `{`.
  Body parse_body(TokenKind end, Pos open) {
    NewlineMode mode(*this, false);
    Body body;
    while (true) {
      // Between the file's top-level items no reference to an earlier token is held: free them.
      if (end == TokenKind::Eof) t_.discard_before(p_);
      const Token& tok = peek();
      if (tok.kind == TokenKind::Newline) {
        ++p_;
        continue;
      }
      if (tok.kind == end) break;
      if (tok.kind == TokenKind::Eof) {
        fail_at(open, "Unclosed configuration block",
                "There is no closing brace for this block before the end of the file. This may be caused "
                "by incorrect brace nesting elsewhere in this file.");
      }
      if (tok.kind != TokenKind::Ident) {
        fail(tok, "Argument or block definition required",
             "An argument or block definition is required here.");
      }
      const Token& name = take();
      if (at(TokenKind::Equal)) {
        take();
        Attribute attr{.name = std::string(name.text), .name_range = name.range};  // the name built in place
        attr.value = parse_expression();
        attr.range = {name.range.start, attr.value->range.end};
        body.attributes.push_back(std::move(attr));
        end_item(end, "Missing newline after argument", "An argument definition must end with a newline.");
      } else {
        body.blocks.push_back(parse_block(name));
        const Kept kept = end == TokenKind::Eof && keep_body_ ? (*keep_body_)(body.blocks.back()) : Kept::Block;
        if (kept == Kept::Nothing) {
          body.blocks.pop_back();
        } else if (kept == Kept::Header) {
          Body& dropped = body.blocks.back().body;
          Body empty;
          empty.range = dropped.range;
          dropped = std::move(empty);
        }
        end_item(end, "Missing newline after block definition",
                 "A block definition must end with a newline.");
      }
    }
    return body;
  }

  void end_item(TokenKind end, std::string_view summary, std::string_view detail) {
    const Token& tok = peek();
    if (tok.kind == TokenKind::Newline) {
      ++p_;
    } else if (tok.kind != TokenKind::Eof && tok.kind != end) {
      fail(tok, summary, detail);
    }
  }

  Block parse_block(const Token& type) {
    Depth depth(*this, type.range.start);
    Block block{.type = std::string(type.text), .type_range = type.range};
    while (true) {
      const Token& tok = peek();
      if (tok.kind == TokenKind::Ident) {
        const Token& label = take();
        block.labels.push_back({std::string(label.text), false, label.range});
      } else if (tok.kind == TokenKind::OQuote) {
        block.labels.push_back(parse_label());
      } else {
        break;
      }
    }
    if (!at(TokenKind::OBrace)) {
      fail(peek(), block.labels.empty() ? "Invalid argument or block definition" : "Invalid block definition",
           block.labels.empty()
               ? "An equals sign (\"=\") must follow an argument name, or a block label or an opening brace "
                 "(\"{\") must follow a block type name."
               : "Either a quoted string block label or an opening brace (\"{\") is expected here.");
    }
    const Token& open = take();
    block.body = parse_body(TokenKind::CBrace, open.range.start);
    const Token& close = take();
    block.body.range = {open.range.start, close.range.end};
    block.range = {type.range.start, close.range.end};
    block.offset = static_cast<std::uint32_t>(offset_ + (type.text.data() - text_.data()));
    block.length = static_cast<std::uint32_t>(close.text.data() + close.text.size() - type.text.data());
    return block;
  }

  Label parse_label() {
    const Token& open = take();
    Label label;
    label.quoted = true;
    while (at(TokenKind::Literal)) label.value += take().text;
    if (at(TokenKind::TemplateInterp) || at(TokenKind::TemplateControl)) {
      fail(peek(), "Invalid string literal",
           "Template sequences are not allowed in this string. To include a literal \"$\", double it (as "
           "\"$$\") to escape it.");
    }
    const Token& close = expect(TokenKind::CQuote, "Unterminated template string",
                                "No closing marker was found for the string.");
    label.range = {open.range.start, close.range.end};
    return label;
  }

  // ---- expressions ----

  ExprPtr parse_expression() {
    Depth depth(*this, peek().range.start);
    ExprPtr cond = parse_binary(0);
    if (!at(TokenKind::Question)) return cond;
    take();
    ExprPtr yes = parse_expression();
    expect(TokenKind::Colon, "Missing false expression in conditional",
           "The conditional operator (...?...:...) requires a false expression, delimited by a colon.");
    ExprPtr no = parse_expression();
    auto e = make(ExprKind::Conditional, {cond->range.start, no->range.end});
    e->condition = std::move(cond);
    e->lhs = std::move(yes);
    e->rhs = std::move(no);
    return e;
  }

  // Terraform's precedence, loosest first; all binary operators are left-associative.
  static bool binary_at_level(TokenKind kind, int level) {
    switch (level) {
      case 0:
        return kind == TokenKind::Or;
      case 1:
        return kind == TokenKind::And;
      case 2:
        return kind == TokenKind::EqualEqual || kind == TokenKind::NotEqual;
      case 3:
        return kind == TokenKind::Less || kind == TokenKind::Greater || kind == TokenKind::LessEqual ||
               kind == TokenKind::GreaterEqual;
      case 4:
        return kind == TokenKind::Plus || kind == TokenKind::Minus;
      case 5:
        return kind == TokenKind::Star || kind == TokenKind::Slash || kind == TokenKind::Percent;
      default:
        return false;
    }
  }

  static bool is_binary_operator(TokenKind kind) {
    switch (kind) {
      case TokenKind::Or:
      case TokenKind::And:
      case TokenKind::EqualEqual:
      case TokenKind::NotEqual:
      case TokenKind::Less:
      case TokenKind::Greater:
      case TokenKind::LessEqual:
      case TokenKind::GreaterEqual:
      case TokenKind::Plus:
      case TokenKind::Minus:
      case TokenKind::Star:
      case TokenKind::Slash:
      case TokenKind::Percent:
        return true;
      default:
        return false;
    }
  }

  // The leftmost operand is parsed first, at the depth the descent would reach it with (no operator is taken
  // before it), so an operand with no operator after it (most are) skips the descent through the six levels.
  // `first`: that operand, already parsed by the level above.
  ExprPtr parse_binary(int level, ExprPtr first = nullptr) {
    if (!first) {
      first = parse_unary();
      if (!is_binary_operator(peek().kind)) return first;
    }
    if (level == 6) return first;
    ExprPtr lhs = parse_binary(level + 1, std::move(first));
    Chain chain(*this);
    while (binary_at_level(peek().kind, level)) {
      const Token& op = take();
      chain.add(op.range.start);
      ExprPtr rhs = parse_binary(level + 1);
      auto e = make(ExprKind::Binary, {lhs->range.start, rhs->range.end}, op.text);
      e->lhs = std::move(lhs);
      e->rhs = std::move(rhs);
      lhs = std::move(e);
    }
    return lhs;
  }

  ExprPtr parse_unary() {
    if (at(TokenKind::Bang) || at(TokenKind::Minus)) {
      const Token& op = take();
      Depth depth(*this, op.range.start);
      ExprPtr operand = parse_unary();
      auto e = make(ExprKind::Unary, {op.range.start, operand->range.end}, op.text);
      e->source = std::move(operand);
      return e;
    }
    return parse_postfix(parse_primary());
  }

  // `.0.1` lexes as a dot then the number "0.1": two legacy indexes.
  ExprPtr legacy_indexes(ExprPtr source, const Token& number) {
    Pos start = number.range.start;
    std::size_t from = 0;
    while (from <= number.text.size()) {
      std::size_t dot = number.text.find('.', from);
      if (dot == std::string::npos) dot = number.text.size();
      const std::string_view digits = number.text.substr(from, dot - from);
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) {
        fail(number, "Invalid attribute name", "An attribute name or index is required after a dot.");
      }
      const Pos end{start.line, start.column + static_cast<std::uint32_t>(digits.size())};
      auto e = make(ExprKind::LegacyIndex, {source->range.start, end}, digits);
      e->source = std::move(source);
      source = std::move(e);
      start = {end.line, end.column + 1};
      from = dot + 1;
    }
    return source;
  }

  bool at_full_splat() {
    return at(TokenKind::OBrack) && ahead(1).kind == TokenKind::Star && ahead(2).kind == TokenKind::CBrack;
  }

  ExprPtr parse_postfix(ExprPtr e) {
    Chain chain(*this);
    while (true) {
      chain.add(peek().range.start);
      if (at(TokenKind::Dot)) {
        const Token& next = ahead(1);
        if (next.kind == TokenKind::Star) {
          take();
          const Token& star = take();
          e = parse_splat(std::move(e), false, star.range.end);
          continue;
        }
        take();
        e = traverse_attr(std::move(e));
      } else if (at_full_splat()) {
        take();
        take();
        const Token& close = take();
        e = parse_splat(std::move(e), true, close.range.end);
      } else if (at(TokenKind::OBrack)) {
        e = traverse_index(std::move(e));
      } else {
        return e;
      }
    }
  }

  // After a consumed dot: `.name` or `.0`.
  ExprPtr traverse_attr(ExprPtr e) {
    const Token& name = peek();
    if (name.kind == TokenKind::Number) return legacy_indexes(std::move(e), take());
    if (name.kind != TokenKind::Ident) {
      fail(name, "Invalid attribute name", "An attribute name is required after a dot.");
    }
    const Token& ident = take();
    auto g = make(ExprKind::GetAttr, {e->range.start, ident.range.end}, ident.text);
    g->source = std::move(e);
    return g;
  }

  ExprPtr traverse_index(ExprPtr e) {
    take();
    ExprPtr key;
    Token close;
    {
      NewlineMode mode(*this, true);
      key = parse_expression();
      close = expect(TokenKind::CBrack, "Missing close bracket on index",
                     "The index operator must end with a closing bracket (\"]\").");
    }
    auto i = make(ExprKind::Index, {e->range.start, close.range.end});
    i->source = std::move(e);
    i->key = std::move(key);
    return i;
  }

  // The traversals after a splat apply to each element: `.name` (and `[i]` after a full splat).
  ExprPtr parse_splat(ExprPtr source, bool full, Pos end) {
    ExprPtr each = make(ExprKind::SplatItem, {end, end});
    Chain chain(*this);
    while (true) {
      chain.add(peek().range.start);
      if (at(TokenKind::Dot) && ahead(1).kind != TokenKind::Star) {
        take();
        each = traverse_attr(std::move(each));
      } else if (full && at(TokenKind::OBrack) && !at_full_splat()) {
        each = traverse_index(std::move(each));
      } else {
        break;
      }
    }
    const Pos last = each->kind == ExprKind::SplatItem ? end : each->range.end;
    auto s = make(ExprKind::Splat, {source->range.start, last});
    s->flag = full;
    s->source = std::move(source);
    s->each = std::move(each);
    return s;
  }

  ExprPtr parse_primary() {
    const Token& tok = peek();
    switch (tok.kind) {
      case TokenKind::Number: {
        const Token& n = take();
        auto e = make(ExprKind::Number, n.range, n.text);
        return e;
      }
      case TokenKind::Ident:
        return parse_identifier();
      case TokenKind::OQuote:
        return parse_quoted_template();
      case TokenKind::OHeredoc:
        return parse_heredoc();
      case TokenKind::OParen: {
        const Token& open = take();
        NewlineMode mode(*this, true);
        ExprPtr inner = parse_expression();
        const Token& close = expect(TokenKind::CParen, "Unbalanced parentheses",
                                    "Expected a closing parenthesis to terminate the expression.");
        auto e = make(ExprKind::Parens, {open.range.start, close.range.end});
        e->source = std::move(inner);
        return e;
      }
      case TokenKind::OBrack: {
        const Token& open = take();
        NewlineMode mode(*this, true);
        if (at_keyword("for") && ahead(1).kind == TokenKind::Ident) return parse_for(open, false);
        return parse_tuple(open);
      }
      case TokenKind::OBrace: {
        const Token& open = take();
        NewlineMode mode(*this, true);
        if (at_keyword("for") && ahead(1).kind == TokenKind::Ident) return parse_for(open, true);
        return parse_object(open);
      }
      default:
        fail(tok, "Invalid expression",
             "Expected the start of an expression, but found " + std::string(token_name(tok.kind)) + ".");
    }
  }

  ExprPtr parse_identifier() {
    const Token& name = take();
    if (name.text == "true" || name.text == "false") {
      auto e = make(ExprKind::Bool, name.range);
      e->flag = name.text == "true";
      return e;
    }
    if (name.text == "null") return make(ExprKind::Null, name.range);
    // Provider-defined functions: provider::name::function(...)
    std::size_t q = p_;
    while (t_.at(q).kind == TokenKind::Colon && t_.at(q + 1).kind == TokenKind::Colon &&
           t_.at(q + 2).kind == TokenKind::Ident) {
      q += 3;
    }
    if (t_.at(q).kind == TokenKind::OParen) {
      std::string function(name.text);
      for (std::size_t k = p_; k < q; k += 3) {
        function += "::";
        function += t_.at(k + 2).text;
      }
      p_ = q;
      return parse_call(name, function);
    }
    auto e = make(ExprKind::Variable, name.range, name.text);
    return e;
  }

  ExprPtr parse_call(const Token& name, const std::string& function) {
    take();
    NewlineMode mode(*this, true);
    auto call = make(ExprKind::Call, name.range, function);
    while (!at(TokenKind::CParen)) {
      call->items.push_back(parse_expression());
      if (at(TokenKind::Ellipsis)) {
        take();
        call->flag = true;
        if (!at(TokenKind::CParen)) {
          fail(peek(), "Missing closing parenthesis",
               "An expanded function argument (with \"...\") must be immediately followed by closing "
               "parentheses.");
        }
        break;
      }
      if (at(TokenKind::Comma)) {
        take();
        continue;
      }
      if (!at(TokenKind::CParen)) {
        fail(peek(), "Missing argument separator",
             "A comma is required to separate each function argument from the next.");
      }
    }
    call->range.end = take().range.end;
    return call;
  }

  ExprPtr parse_tuple(const Token& open) {
    auto tuple = make(ExprKind::Tuple, open.range);
    while (!at(TokenKind::CBrack)) {
      tuple->items.push_back(parse_expression());
      if (at(TokenKind::Comma)) {
        take();
        continue;
      }
      if (!at(TokenKind::CBrack)) {
        fail(peek(), "Missing item separator", "Expected a comma to mark the beginning of the next item.");
      }
    }
    tuple->range.end = take().range.end;
    return tuple;
  }

  ExprPtr parse_object(const Token& open) {
    NewlineMode mode(*this, false);
    auto object = make(ExprKind::Object, open.range);
    while (true) {
      while (peek().kind == TokenKind::Newline) ++p_;
      if (at(TokenKind::CBrace)) break;
      if (at(TokenKind::Eof)) {
        fail_at(open.range.start, "Unterminated object constructor expression",
                "There is no corresponding closing brace before the end of the file. This may be caused "
                "by incorrect brace nesting elsewhere in this file.");
      }
      ObjectItem item;
      item.key = parse_expression();
      item.key_is_identifier = item.key->kind == ExprKind::Variable;
      if (!at(TokenKind::Equal) && !at(TokenKind::Colon)) {
        fail(peek(), "Missing key/value separator",
             "Expected an equals sign (\"=\") to mark the beginning of the attribute value.");
      }
      item.uses_colon = take().kind == TokenKind::Colon;
      item.value = parse_expression();
      object->object_items.push_back(std::move(item));
      if (at(TokenKind::Comma)) {
        take();
      } else if (!at(TokenKind::Newline) && !at(TokenKind::CBrace)) {
        fail(peek(), "Missing attribute separator",
             "Expected a newline or comma to mark the beginning of the next attribute.");
      }
    }
    object->range.end = take().range.end;
    return object;
  }

  ExprPtr parse_for(const Token& open, bool object_form) {
    constexpr std::string_view invalid = "Invalid 'for' expression";
    take();  // for
    auto e = make(ExprKind::For, open.range);
    e->flag = object_form;
    const Token& first =
        expect(TokenKind::Ident, invalid, "For expression requires variable name after 'for'.");
    e->for_names = std::make_unique<ForNames>();
    e->for_names->value_var = first.text;
    if (at(TokenKind::Comma)) {
      take();
      e->for_names->key_var = first.text;
      e->for_names->value_var =
          expect(TokenKind::Ident, invalid, "For expression requires value variable name after comma.").text;
    }
    if (!at_keyword("in")) {
      fail(peek(), invalid, "For expression requires the 'in' keyword after its name declarations.");
    }
    take();
    e->source = parse_expression();
    expect(TokenKind::Colon, invalid, "For expression requires a colon after the collection expression.");
    if (object_form) {
      e->key = parse_expression();
      expect(TokenKind::FatArrow, invalid, "Key expression in 'for' expression must be followed by '=>'.");
      e->each = parse_expression();
      if (at(TokenKind::Ellipsis)) {
        take();
        e->grouping = true;
      }
    } else {
      e->each = parse_expression();
    }
    if (at_keyword("if")) {
      take();
      e->condition = parse_expression();
    }
    const TokenKind close = object_form ? TokenKind::CBrace : TokenKind::CBrack;
    e->range.end =
        expect(close, invalid,
               object_form ? "Extra characters after the end of the 'for' expression; expected \"}\"."
                           : "Extra characters after the end of the 'for' expression; expected \"]\".")
            .range.end;
    return e;
  }

  // ---- templates ----

  ExprPtr parse_quoted_template() {
    const Token& open = take();
    auto e = make(ExprKind::Template, open.range);
    e->parts = parse_template(TokenKind::CQuote);
    e->range.end = take().range.end;
    return e;
  }

  ExprPtr parse_heredoc() {
    const Token& open = take();
    if (open.flush) strip_heredoc_indentation();
    auto e = make(ExprKind::Template, open.range);
    e->flag = true;
    e->text = open.text;
    e->heredoc_flush = open.flush;
    e->parts = parse_template(TokenKind::CHeredoc);
    e->range.end = take().range.end;
    return e;
  }

  // `<<-`: remove the smallest indentation of the content lines (blank lines do not count) from every line.
  void strip_heredoc_indentation() {
    std::size_t smallest = std::string::npos;
    int nesting = 0;
    std::vector<std::size_t> line_starts;
    for (std::size_t q = p_;; ++q) {
      const Token& tok = t_.at(q);
      if (tok.kind == TokenKind::Eof || tok.kind == TokenKind::Invalid) break;
      if (tok.kind == TokenKind::OQuote || tok.kind == TokenKind::OHeredoc) ++nesting;
      if (tok.kind == TokenKind::CQuote) --nesting;
      if (tok.kind == TokenKind::CHeredoc && nesting-- == 0) break;
      if (nesting != 0 || !tok.line_start) continue;
      if (tok.kind != TokenKind::Literal) {
        smallest = 0;
        continue;
      }
      line_starts.push_back(q);
      // A whitespace-only line does not count; whitespace before an interpolation does.
      if (!tok.text.empty() && tok.text.back() == '\n' && is_blank_line(tok.text)) continue;
      const std::size_t indent = std::min(tok.text.find_first_not_of(" \t"), tok.text.size());
      smallest = std::min(smallest, indent);
    }
    if (smallest == std::string::npos || smallest == 0) return;
    for (const std::size_t q : line_starts) {
      std::string_view& text = t_.at(q).text;
      const std::size_t blanks = std::min(text.find_first_not_of(" \t"), text.size());
      text.remove_prefix(std::min(blanks, smallest));
    }
  }

  std::vector<TemplatePart> parse_template(TokenKind end) {
    std::vector<TemplatePart> parts = parse_sequence(end);
    if (t_.at(p_).kind == TokenKind::TemplateControl) {
      const Token& kw = directive_keyword();
      fail(kw, "Unexpected " + std::string(kw.text) + " directive", "There is no opening directive for this one.");
    }
    return parts;
  }

  // The keyword token of the `%{` directive at the current position.
  const Token& directive_keyword() {
    std::size_t q = p_ + 1;
    if (t_.at(q).kind == TokenKind::Tilde) ++q;
    while (t_.at(q).kind == TokenKind::Newline) ++q;
    return t_.at(q);
  }

  static void add_literal(std::vector<TemplatePart>& parts, const Token& tok) {
    if (tok.text.empty()) return;
    if (!parts.empty() && parts.back().kind == PartKind::Literal) {
      parts.back().text += tok.text;
      parts.back().range.end = tok.range.end;
      return;
    }
    TemplatePart& part = parts.emplace_back();  // built in place: a part is large
    part.kind = PartKind::Literal;
    part.range = tok.range;
    part.text = tok.text;
  }

  // Parts up to the template's end token or an else/endif/endfor directive (neither consumed).
  std::vector<TemplatePart> parse_sequence(TokenKind end) {
    Depth depth(*this, t_.at(p_).range.start);
    std::vector<TemplatePart> parts;
    while (true) {
      const Token& tok = t_.at(p_);
      if (tok.kind == end) break;
      if (tok.kind == TokenKind::Literal) {
        add_literal(parts, tok);
        ++p_;
      } else if (tok.kind == TokenKind::TemplateInterp) {
        parse_interpolation(parts.emplace_back());  // nested templates fill vectors of their own
      } else if (tok.kind == TokenKind::TemplateControl) {
        const Token& kw = directive_keyword();
        if (kw.kind == TokenKind::Ident && (kw.text == "else" || kw.text == "endif" || kw.text == "endfor")) {
          break;
        }
        if (kw.kind == TokenKind::Ident && kw.text == "if") {
          parts.push_back(parse_if_directive(end));
        } else if (kw.kind == TokenKind::Ident && kw.text == "for") {
          parts.push_back(parse_for_directive(end));
        } else {
          fail(kw, "Invalid template directive",
               "A template directive keyword (\"if\", \"for\", etc) is expected at the beginning of a %{ "
               "sequence.");
        }
      } else {
        fail(tok, "Unterminated template string",
             "No closing marker was found for the string, or it contains " +
                 std::string(token_name(tok.kind)) + ".");
      }
    }
    return parts;
  }

  void parse_interpolation(TemplatePart& part) {
    NewlineMode mode(*this, true);
    const Token& open = take();
    part.kind = PartKind::Interpolation;
    if (at(TokenKind::Tilde)) {
      take();
      part.strip_left = true;
    }
    part.expr = parse_expression();
    if (at(TokenKind::Tilde)) {
      take();
      part.strip_right = true;
    }
    const Token& close = expect(TokenKind::TemplateSeqEnd, "Extra characters after interpolation expression",
                                "Expected a closing brace to end the interpolation expression, but found "
                                "extra characters.");
    part.range = {open.range.start, close.range.end};
  }

  // Reads `%{ [~] keyword`; the caller reads the rest of the header, then close_directive().
  Token open_directive(TemplatePart* part) {
    const Token& open = take();
    if (at(TokenKind::Tilde)) {
      take();
      if (part != nullptr) part->strip_left = true;
    }
    take();  // the keyword, already checked by the caller
    return open;
  }

  Token close_directive(TemplatePart* part, std::string_view keyword) {
    if (at(TokenKind::Tilde)) {
      take();
      if (part != nullptr) part->strip_right = true;
    }
    if (!at(TokenKind::TemplateSeqEnd)) {
      fail(peek(), "Invalid template directive",
           "Extra characters in the \"" + std::string(keyword) + "\" directive; expected a closing brace.");
    }
    return take();
  }

  void expect_directive(const std::string& keyword, Pos opened_at, const std::string& opener) {
    const Token& kw = directive_keyword();
    if (t_.at(p_).kind != TokenKind::TemplateControl || kw.kind != TokenKind::Ident || kw.text != keyword) {
      const Token& where = t_.at(p_).kind == TokenKind::TemplateControl ? kw : t_.at(p_);
      fail(where, "Missing " + keyword + " directive",
           "Expected a %{ " + keyword + " } to close the \"" + opener + "\" directive that begins at " +
               std::to_string(opened_at.line) + ":" + std::to_string(opened_at.column) + ".");
    }
    NewlineMode mode(*this, true);
    open_directive(nullptr);
    close_directive(nullptr, keyword);
  }

  TemplatePart parse_if_directive(TokenKind end) {
    TemplatePart part;
    part.kind = PartKind::If;
    part.directive = std::make_unique<TemplateDirective>();
    Token open;
    {
      NewlineMode mode(*this, true);
      open = open_directive(&part);
      part.expr = parse_expression();
      close_directive(&part, "if");
    }
    part.directive->body = parse_sequence(end);
    const Token& kw = directive_keyword();
    if (t_.at(p_).kind == TokenKind::TemplateControl && kw.kind == TokenKind::Ident && kw.text == "else") {
      NewlineMode mode(*this, true);
      open_directive(nullptr);
      close_directive(nullptr, "else");
      part.has_else = true;
      part.directive->else_body = parse_sequence(end);
    }
    expect_directive("endif", open.range.start, "if");
    part.range = {open.range.start, t_.at(p_ - 1).range.end};
    return part;
  }

  TemplatePart parse_for_directive(TokenKind end) {
    TemplatePart part;
    part.kind = PartKind::For;
    part.directive = std::make_unique<TemplateDirective>();
    Token open;
    {
      NewlineMode mode(*this, true);
      open = open_directive(&part);
      constexpr std::string_view invalid = "Invalid 'for' directive";
      const Token& first =
          expect(TokenKind::Ident, invalid, "For directive requires variable name after 'for'.");
      part.directive->value_var = first.text;
      if (at(TokenKind::Comma)) {
        take();
        part.directive->key_var = first.text;
        part.directive->value_var =
            expect(TokenKind::Ident, invalid, "For directive requires value variable name after comma.").text;
      }
      if (!at_keyword("in")) {
        fail(peek(), invalid, "For directive requires the 'in' keyword after its name declarations.");
      }
      take();
      part.expr = parse_expression();
      close_directive(&part, "for");
    }
    part.directive->body = parse_sequence(end);
    expect_directive("endfor", open.range.start, "for");
    part.range = {open.range.start, t_.at(p_ - 1).range.end};
    return part;
  }
};

}  // namespace

std::string Diagnostic::to_string() const {
  return file + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.column) + ": " + summary + "; " +
         detail;
}

ParseResult parse(std::string_view text, std::string_view filename, const KeepBody& keep_body) {
  ParseResult result;
  try {
    Parser parser(text, false, &keep_body);
    result.body = parser.parse_file();
  } catch (const SyntaxError& error) {
    result.body.reset();
    result.errors.push_back({std::string(filename), error.pos, error.summary, error.detail});
  }
  return result;
}

ParseResult parse_block_again(std::string_view text, std::string_view filename, const Block& header) {
  ParseResult result;
  if (header.length == 0 || std::size_t{header.offset} + header.length > text.size()) {
    result.errors.push_back({std::string(filename), header.range.start, "Cannot read this block again",
                             "Its place in the file is not known (it was not parsed from this text)."});
    return result;
  }
  try {
    Parser parser(text.substr(header.offset, header.length), header.range.start, header.offset);
    result.body = parser.parse_file();
    if (result.body->blocks.size() != 1 || !result.body->attributes.empty() ||
        result.body->blocks.front().type != header.type || result.body->blocks.front().range != header.range) {
      throw SyntaxError{header.range.start, "Cannot read this block again",
                        "The text at its place in the file is not one block."};
    }
  } catch (const SyntaxError& error) {
    result.body.reset();
    result.errors.push_back({std::string(filename), error.pos, error.summary, error.detail});
  }
  return result;
}

ExpressionResult parse_template_text(std::string_view text, std::string_view filename) {
  ExpressionResult result;
  try {
    Parser parser(text, true);
    result.expr = parser.parse_bare_template();
  } catch (const SyntaxError& error) {
    result.expr.reset();
    result.errors.push_back({std::string(filename), error.pos, error.summary, error.detail});
  }
  return result;
}

ExpressionResult parse_expression_text(std::string_view text, std::string_view filename) {
  ExpressionResult result;
  try {
    Parser parser(text, false);
    result.expr = parser.parse_lone_expression();
  } catch (const SyntaxError& error) {
    result.expr.reset();
    result.errors.push_back({std::string(filename), error.pos, error.summary, error.detail});
  }
  return result;
}

}  // namespace stance::hcl
