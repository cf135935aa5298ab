// Builds the positioned doc::Node tree from libfyaml's event stream.
//
// Why events and not libfyaml's document API: in 0.7.12 the document API has no public start mark for
// sequences and mappings, and stance points findings at collections (a selector, a resource). The event
// stream gives every scalar, key and collection its position, and lets us bound depth and alias expansion
// ourselves so hostile input can neither exhaust the stack nor memory.
#include "common/document.hpp"

#include <libfyaml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <memory>
#include <new>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "common/utf8.hpp"

namespace stance::doc {

bool Node::is_null() const {
  return kind == Kind::Scalar && style == ScalarStyle::Plain && tag.empty() &&
         (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL");
}

const Pair* Node::find_pair(std::string_view key) const {
  if (kind != Kind::Mapping) return nullptr;
  for (const auto& p : pairs) {
    if (p.key && p.key->is_scalar() && p.key->text == key) return &p;
  }
  return nullptr;
}

const Node* Node::get(std::string_view key) const {
  const Pair* p = find_pair(key);
  return p ? p->value.get() : nullptr;
}

namespace {

// Nesting deeper than any real configuration; well below what the recursive consumers can take.
constexpr int kMaxDepth = 256;
// Bound the tree ("billion laughs" alias expansion included): CloudFormation templates are at most 1 MB
// (about 100k nodes), far below both limits.
constexpr std::size_t kMaxNodes = 2'000'000;
constexpr std::size_t kMaxAliasNodes = 200'000;
// A document's memory is bounded in proportion to the input, so that no shape of input (deep nesting, very many
// tiny nodes, aliases) costs more than about 10x its size: the text as the caller holds it, any copy of it made
// here, libfyaml's held tokens and the tree together may reach kTreeBudgetFactor times the input plus
// kTreeBudgetFloor (which covers every real template). A node costs 88 bytes, so pretty-printed JSON of small
// values (about 9-11 input bytes per node) fits at any size; shapes of fewer input bytes per node are refused
// when they reach the budget.
constexpr std::size_t kTreeBudgetFactor = 10;
constexpr std::size_t kTreeBudgetFloor = std::size_t{16} << 20;
// What one node costs: the Node and its reference in its parent's child list. (The list of children of open
// collections is charged as it grows.)
constexpr std::size_t kNodeBytes = sizeof(Node) + sizeof(NodePtr);
// A distinct tag: its string and its set entry.
constexpr std::size_t kTagBytes = 64;
// libfyaml keeps every token of a flow collection written on one line until the line or the collection ends
// (it cannot yet tell whether the collection is a key); measured at about 430 bytes per token in 0.7.12.
constexpr std::size_t kFlowLineTokenBytes = 450;

}  // namespace

// Nodes are allocated in chunks and child lists in one bump arena, so a node costs its size and nothing more:
// no allocation per node, no vector per collection.
static_assert(sizeof(Node) <= 80, "a node stays small: the tree of a document of tiny nodes is bounded by its count");

class Storage {
 public:
  Node* new_node() {
    if (node_chunks_.empty() || nodes_used_ == kNodesPerChunk) {
      node_chunks_.push_back(std::make_unique<Node[]>(kNodesPerChunk));
      nodes_used_ = 0;
    }
    return &node_chunks_.back()[nodes_used_++];
  }

  // An exactly-sized copy of `items` that lives as long as the document.
  template <typename T>
  ChildList<T> new_list(const T* items, std::size_t count) {
    static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T> && alignof(T) <= 8);
    if (count == 0) return {};
    std::uint64_t* block = allocate_words(1 + (count * sizeof(T) + 7) / 8);
    *block = count;
    std::uninitialized_copy_n(items, count, reinterpret_cast<T*>(block + 1));
    return ChildList<T>(block);
  }

  // The pairs of a mapping whose children are key, value, key, value...
  ChildList<Pair> new_pairs(const NodePtr* keys_and_values, std::size_t count) {
    if (count == 0) return {};
    std::uint64_t* block = allocate_words(1 + (count * sizeof(Pair) + 7) / 8);
    *block = count;
    Pair* pairs = reinterpret_cast<Pair*>(block + 1);
    for (std::size_t i = 0; i < count; ++i) new (pairs + i) Pair{keys_and_values[2 * i], keys_and_values[2 * i + 1]};
    return ChildList<Pair>(block);
  }

  // Each distinct tag is kept once; `added` says whether this one is new.
  std::string_view intern_tag(std::string tag, bool* added) {
    auto [it, inserted] = tags_.insert(std::move(tag));
    *added = inserted;
    return *it;  // set elements do not move
  }

 private:
  static constexpr std::size_t kNodesPerChunk = 1024;
  static constexpr std::size_t kWordsPerChunk = 8192;  // 64 KB

  std::uint64_t* allocate_words(std::size_t words) {
    if (words > kWordsPerChunk / 4) {  // a large list gets a block of its own
      big_blocks_.push_back(std::make_unique_for_overwrite<std::uint64_t[]>(words));
      return big_blocks_.back().get();
    }
    if (word_chunks_.empty() || words_used_ + words > kWordsPerChunk) {
      word_chunks_.push_back(std::make_unique_for_overwrite<std::uint64_t[]>(kWordsPerChunk));
      words_used_ = 0;
    }
    std::uint64_t* out = word_chunks_.back().get() + words_used_;
    words_used_ += words;
    return out;
  }

  std::vector<std::unique_ptr<Node[]>> node_chunks_;
  std::size_t nodes_used_ = 0;
  std::vector<std::unique_ptr<std::uint64_t[]>> word_chunks_;
  std::size_t words_used_ = 0;
  std::vector<std::unique_ptr<std::uint64_t[]>> big_blocks_;
  std::unordered_set<std::string> tags_;
};

namespace {

// RAII owners for the libfyaml objects, which never leave this file.
struct DiagDeleter {
  void operator()(fy_diag* d) const { fy_diag_destroy(d); }
};
struct ParserDeleter {
  void operator()(fy_parser* p) const { fy_parser_destroy(p); }
};

class EventGuard {
 public:
  EventGuard(fy_parser* parser, fy_event* event) : parser_(parser), event_(event) {}
  ~EventGuard() {
    if (event_) fy_parser_event_free(parser_, event_);
  }
  EventGuard(const EventGuard&) = delete;
  EventGuard& operator=(const EventGuard&) = delete;
  fy_event* get() const { return event_; }

 private:
  fy_parser* parser_;
  fy_event* event_;
};

// libfyaml marks are 0-based; the tree is 1-based.
Mark to_mark(const fy_mark* m) {
  if (!m || m->line < 0 || m->column < 0) return {};
  return Mark{m->line + 1, m->column + 1};
}

bool before(const fy_mark* a, const fy_mark* b) { return a->input_pos < b->input_pos; }

ScalarStyle to_style(fy_scalar_style s) {
  switch (s) {
    case FYSS_SINGLE_QUOTED:
      return ScalarStyle::SingleQuoted;
    case FYSS_DOUBLE_QUOTED:
      return ScalarStyle::DoubleQuoted;
    case FYSS_LITERAL:
      return ScalarStyle::Literal;
    case FYSS_FOLDED:
      return ScalarStyle::Folded;
    default:
      return ScalarStyle::Plain;
  }
}

// "!Ref" -> "Ref"; "!!str" -> "!str"; a verbatim or named-handle tag is kept as written (minus one '!').
std::string tag_text(fy_token* tag) {
  if (!tag) return {};
  size_t handle_len = 0, suffix_len = 0;
  const char* handle = fy_tag_token_handle(tag, &handle_len);
  const char* suffix = fy_tag_token_suffix(tag, &suffix_len);
  std::string_view h(handle ? handle : "", handle ? handle_len : 0);
  std::string_view s(suffix ? suffix : "", suffix ? suffix_len : 0);
  if (h == "!") return std::string(s);
  if (!h.empty()) return std::string(h.substr(1)) + std::string(s);
  size_t len = 0;
  const char* text = fy_token_get_text(tag, &len);
  return text ? std::string(text, len) : std::string();
}

// libfyaml's quoted scalar, anchor and alias tokens start after their indicator ('"', '\'', '&', '*');
// editors point at the indicator, so step back onto it.
Mark indicator_mark(std::string_view input, const fy_mark* m, std::string_view indicators) {
  Mark mark = to_mark(m);
  if (m && m->input_pos > 0 && m->input_pos <= input.size() && mark.column > 1 &&
      indicators.find(input[m->input_pos - 1]) != std::string_view::npos) {
    --mark.column;
  }
  return mark;
}

// The node's position: where it is written, including a tag or anchor written before it ("!Ref X" starts at
// the '!').
Mark node_mark(std::string_view input, fy_token* anchor, fy_token* tag, fy_token* value, fy_event* event,
               bool quoted) {
  const fy_mark* best = value ? fy_token_start_mark(value) : nullptr;
  if (!best) best = fy_event_start_mark(event);
  std::string_view indicators = quoted ? "\"'" : "";
  for (fy_token* t : {anchor, tag}) {
    if (!t) continue;
    const fy_mark* m = fy_token_start_mark(t);
    if (m && (!best || before(m, best))) {
      best = m;
      indicators = t == anchor ? "&" : "";
    }
  }
  return indicator_mark(input, best, indicators);
}

// 1-based line and column (in characters) of a byte offset.
Mark mark_of_offset(std::string_view text, std::size_t offset) {
  Mark mark{1, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++mark.line;
      mark.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++mark.column;
    }
  }
  return mark;
}

// libfyaml 0.7.12 rejects a block scalar whose tag or anchor stands on a line of its own:
//
//   Resource:
//     !Sub |-
//       arn:aws:s3:::${Bucket}/*
//
// which is valid YAML, and common in CloudFormation. When a YAML parse fails, such properties are blanked out
// and the indicator moved onto their place (byte offsets and line breaks stay the same), the text is parsed
// again, and the properties are put back on the block scalar that follows them.
struct DetachedProperties {
  std::size_t offset = 0;  // where the properties were written
  Mark mark;
  std::string tag;  // as in Node::tag
  std::string anchor;
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// The line's content without indentation, trailing blanks and a trailing comment.
std::string_view significant(std::string_view line) {
  std::size_t start = 0;
  while (start < line.size() && is_blank(line[start])) ++start;
  line.remove_prefix(start);
  if (!line.empty() && line[0] == '#') return {};
  for (std::size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '#' && is_blank(line[i - 1])) {
      line = line.substr(0, i);
      break;
    }
  }
  while (!line.empty() && (is_blank(line.back()) || line.back() == '\r')) line.remove_suffix(1);
  return line;
}

std::vector<DetachedProperties> detach_block_scalar_properties(std::string& text) {
  std::vector<DetachedProperties> out;
  std::string_view previous;  // the last significant line
  std::size_t line_start = 0;
  for (int line_no = 1; line_start < text.size(); ++line_no) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string::npos) line_end = text.size();
    const std::string_view line(text.data() + line_start, line_end - line_start);
    std::size_t indent = 0;
    while (indent < line.size() && line[indent] == ' ') ++indent;
    const bool after_key = !previous.empty() && (previous.back() == ':' || previous == "-");
    if (after_key && indent < line.size() && (line[indent] == '!' || line[indent] == '&')) {
      DetachedProperties props;
      std::size_t i = indent;
      while (i < line.size() && (line[i] == '!' || line[i] == '&')) {
        const std::size_t start = i;
        while (i < line.size() && !is_blank(line[i])) ++i;
        const std::string_view token = line.substr(start, i - start);
        if (token[0] == '&') {
          props.anchor = std::string(token.substr(1));
        } else {
          props.tag = std::string(token.substr(1));  // "!Sub" -> "Sub", "!!str" -> "!str"
        }
        while (i < line.size() && is_blank(line[i])) ++i;
      }
      const std::string_view rest = significant(line.substr(i));
      const bool block_indicator = !rest.empty() && (rest[0] == '|' || rest[0] == '>') &&
                                   rest.find_first_not_of("-+0123456789", 1) == std::string_view::npos;
      if (block_indicator) {
        // libfyaml measures the content's indentation from the indicator, so the indicator moves to where the
        // properties began: "  !Sub |-" becomes "  |-     ".
        const std::size_t indicator_len =
            rest.find_first_of(" \t#") == std::string_view::npos ? rest.size() : rest.find_first_of(" \t#");
        const std::string indicator(rest.substr(0, indicator_len));
        props.offset = line_start + indent;
        props.mark = Mark{line_no, static_cast<int>(indent) + 1};
        for (std::size_t k = line_start + indent; k < line_start + i + indicator_len; ++k) text[k] = ' ';
        text.replace(line_start + indent, indicator.size(), indicator);
        out.push_back(std::move(props));
      }
    }
    const std::string_view sig =
        significant(std::string_view(text.data() + line_start, line_end - line_start));
    if (!sig.empty()) previous = sig;
    line_start = line_end + 1;
  }
  return out;
}

// libfyaml 0.7.12 garbles single-quoted scalars with two escaped quotes in a row ('a''''b' reads as a, then
// three quotes, instead of a''b, and leaks), and folds a CR LF before the closing quote into a line feed.
// Single-quoted scalars with escapes or line breaks are therefore decoded here, from the input, by YAML's
// rules: two quotes are one; a line break folds to a space, empty lines to line breaks, and the white space
// around line breaks goes. (Checked against PyYAML on thousands of generated scalars.)
// `content` starts right after the opening quote. Returns nullopt for one line without escapes (libfyaml's
// text is right) or when there is no closing quote.
std::optional<std::string> decode_single_quoted(std::string_view content) {
  std::size_t end = 0;
  bool escaped = false;
  while (true) {
    end = content.find('\'', end);
    if (end == std::string_view::npos) return std::nullopt;
    if (end + 1 < content.size() && content[end + 1] == '\'') {
      escaped = true;
      end += 2;
      continue;
    }
    break;
  }
  content = content.substr(0, end);
  if (!escaped && content.find_first_of("\r\n") == std::string_view::npos) return std::nullopt;

  auto unescape = [](std::string_view text, std::string& out) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      out += text[i];
      if (text[i] == '\'' && i + 1 < text.size() && text[i + 1] == '\'') ++i;
    }
  };
  auto ltrim = [](std::string_view t) {
    while (!t.empty() && is_blank(t.front())) t.remove_prefix(1);
    return t;
  };
  auto rtrim = [](std::string_view t) {
    while (!t.empty() && (is_blank(t.back()) || t.back() == '\r')) t.remove_suffix(1);
    return t;
  };

  std::string out;
  out.reserve(content.size());
  std::size_t line_end = content.find('\n');
  if (line_end == std::string_view::npos) {
    unescape(content, out);
    return out;
  }
  unescape(rtrim(content.substr(0, line_end)), out);
  int breaks = 0;  // empty lines since the last text
  std::size_t start = line_end + 1;
  while (true) {
    line_end = content.find('\n', start);
    const bool last = line_end == std::string_view::npos;
    std::string_view line = ltrim(content.substr(start, last ? std::string_view::npos : line_end - start));
    if (!last) line = rtrim(line);
    if (line.empty() && !last) {
      ++breaks;
    } else {
      if (breaks == 0) {
        out += ' ';
      } else {
        out.append(static_cast<std::size_t>(breaks), '\n');
      }
      unescape(line, out);
      breaks = 0;
    }
    if (last) break;
    start = line_end + 1;
  }
  return out;
}


// libfyaml 0.7.12 also mangles multi-line double-quoted scalars (it loses the end after an escaped line
// break, and turns an escaped space before a line break into NUL bytes), so those are decoded here too:
// YAML's escapes, escaped line breaks (joined without a space) and line folding as for single quotes.
// `content` starts right after the opening quote; nullopt for one line (libfyaml's text is right) or when
// there is no closing quote.
std::optional<std::string> decode_double_quoted(std::string_view content) {
  // Find the closing quote, and whether a line break comes before it.
  std::size_t end = 0;
  bool multi_line = false;
  for (; end < content.size() && content[end] != '"'; ++end) {
    if (content[end] == '\n' || content[end] == '\r') multi_line = true;
    if (content[end] == '\\' && end + 1 < content.size()) {
      if (content[end + 1] == '\n' || content[end + 1] == '\r') multi_line = true;
      ++end;
    }
  }
  if (end >= content.size() || !multi_line) return std::nullopt;
  content = content.substr(0, end);

  const auto hex_value = [](std::string_view digits) -> std::optional<std::uint32_t> {
    std::uint32_t v = 0;
    for (char d : digits) {
      v <<= 4;
      if (d >= '0' && d <= '9') {
        v |= static_cast<std::uint32_t>(d - '0');
      } else if (d >= 'a' && d <= 'f') {
        v |= static_cast<std::uint32_t>(d - 'a' + 10);
      } else if (d >= 'A' && d <= 'F') {
        v |= static_cast<std::uint32_t>(d - 'A' + 10);
      } else {
        return std::nullopt;
      }
    }
    return v;
  };

  std::string out;
  out.reserve(content.size());
  std::size_t trailing_blanks = 0;  // literal blanks at the end of `out` (folding removes them)
  std::size_t i = 0;
  const std::size_t n = content.size();
  // After a line break at `i`: each following empty line is a line feed; then the next line's indentation
  // goes. Returns the number of empty lines.
  auto skip_break_and_empty_lines = [&]() {
    std::size_t empty = 0;
    if (content[i] == '\r' && i + 1 < n && content[i + 1] == '\n') ++i;
    ++i;  // the break
    while (true) {
      std::size_t k = i;
      while (k < n && is_blank(content[k])) ++k;
      if (k < n && (content[k] == '\n' || content[k] == '\r')) {
        ++empty;
        i = k;
        if (content[i] == '\r' && i + 1 < n && content[i + 1] == '\n') ++i;
        ++i;
        continue;
      }
      i = k;
      return empty;
    }
  };

  while (i < n) {
    const char c = content[i];
    if (c == '\n' || c == '\r') {
      out.resize(out.size() - trailing_blanks);
      trailing_blanks = 0;
      const std::size_t empty = skip_break_and_empty_lines();
      if (empty == 0) {
        out += ' ';
      } else {
        out.append(empty, '\n');
      }
      continue;
    }
    if (c != '\\' || i + 1 >= n) {
      out += c;
      trailing_blanks = is_blank(c) ? trailing_blanks + 1 : 0;
      ++i;
      continue;
    }
    trailing_blanks = 0;
    const char e = content[i + 1];
    i += 2;
    std::size_t digits = 0;
    switch (e) {
      case '\n':
      case '\r':
        i -= 1;  // back on the break
        out.append(skip_break_and_empty_lines(), '\n');
        continue;
      case '0':
        out += '\0';
        continue;
      case 'a':
        out += '\a';
        continue;
      case 'b':
        out += '\b';
        continue;
      case 't':
      case '\t':
        out += '\t';
        continue;
      case 'n':
        out += '\n';
        continue;
      case 'v':
        out += '\v';
        continue;
      case 'f':
        out += '\f';
        continue;
      case 'r':
        out += '\r';
        continue;
      case 'e':
        out += '\x1B';
        continue;
      case ' ':
        out += ' ';
        continue;
      case '"':
        out += '"';
        continue;
      case '/':
        out += '/';
        continue;
      case '\\':
        out += '\\';
        continue;
      case 'N':
        utf8::append_utf8(out, 0x85);
        continue;
      case '_':
        utf8::append_utf8(out, 0xA0);
        continue;
      case 'L':
        utf8::append_utf8(out, 0x2028);
        continue;
      case 'P':
        utf8::append_utf8(out, 0x2029);
        continue;
      case 'x':
        digits = 2;
        break;
      case 'u':
        digits = 4;
        break;
      case 'U':
        digits = 8;
        break;
      default:
        out += e;  // libfyaml accepted it; keep the character
        continue;
    }
    std::optional<std::uint32_t> cp = i + digits <= n ? hex_value(content.substr(i, digits)) : std::nullopt;
    if (!cp) return std::nullopt;  // not what libfyaml accepted: keep its text
    i += digits;
    // A UTF-16 surrogate pair written as two \u escapes.
    if (*cp >= 0xD800 && *cp <= 0xDBFF && i + 6 <= n && content[i] == '\\' && content[i + 1] == 'u') {
      std::optional<std::uint32_t> low = hex_value(content.substr(i + 2, 4));
      if (low && *low >= 0xDC00 && *low <= 0xDFFF) {
        cp = 0x10000 + ((*cp - 0xD800) << 10) + (*low - 0xDC00);
        i += 6;
      }
    }
    utf8::append_utf8(out, *cp);
  }
  return out;
}

class Builder {
 public:
  // `prefix` bytes were put in front of the text as written (see parse()): positions on the first line are
  // moved back by as many columns. `library_syntax` is how libfyaml reads the text; `syntax` is the document's.
  Builder(std::string_view input, Syntax syntax, std::vector<DetachedProperties> detached = {},
          Syntax library_syntax = Syntax::Json, int prefix = 0, std::size_t budget_input = 0)
      : input_(input),
        syntax_(syntax),
        library_syntax_(prefix == 0 ? syntax : library_syntax),
        prefix_(prefix),
        detached_(std::move(detached)),
        budget_(kTreeBudgetFloor + kTreeBudgetFactor * (budget_input ? budget_input : input.size())),
        // The caller holds the text as read: it is part of what the document costs.
        tree_bytes_(budget_input ? budget_input : input.size()) {}

  ParseResult run();
  // Whether the parse stopped at one of the limits (rather than at an error in the text).
  bool hit_limit() const { return hit_limit_; }
  // Memory the caller spent on this parse before it began (a copy of the text), charged to the budget.
  void charge_input_copy(std::size_t bytes) { tree_bytes_ += bytes; }

 private:
  struct Frame {
    Node* node;
    std::size_t first_child;  // where its children start in pending_
    std::string anchor;       // registered when the collection is complete
    int depth = 1;            // nesting depth of this collection (root = 1)
    bool flow = false;        // written in flow style ([...] or {...}; JSON)
    // The start line of the innermost open flow collection (this one or an enclosing one) that libfyaml holds
    // tokens back for, or 0 (see kFlowLineTokenBytes).
    int held_line = 0;
  };

  bool fail(std::string message, Mark mark) {
    if (!failed_) {
      failed_ = true;
      error_ = ParseError{std::move(message), mark};
    }
    return false;
  }
  bool fail_on_limit(std::string message, Mark mark) {
    if (!failed_) hit_limit_ = true;
    if (mark.line == 0) mark = last_mark_;  // an empty scalar has no position of its own
    return fail(std::move(message), mark);
  }
  // libfyaml's position of something in the text as written.
  Mark written(Mark mark) const {
    if (prefix_ > 0 && mark.line == 1 && mark.column > prefix_) mark.column -= prefix_;
    return mark;
  }
  bool count_node(Mark mark) {
    if (mark.line > 0) last_mark_ = mark;
    if (++nodes_ > kMaxNodes)
      return fail_on_limit("document too large (more than 2000000 nodes; alias expansion?)", mark);
    // Tokens libfyaml holds back are freed when their line ends: they count while the line lasts.
    if (mark.line != held_bytes_line_) {
      held_bytes_ = 0;
      held_bytes_line_ = mark.line;
    }
    if (mark.line > 0 && !stack_.empty() && stack_.back().held_line == mark.line) {
      held_bytes_ += 2 * kFlowLineTokenBytes;
    }
    return charge(kNodeBytes, mark);
  }
  // Adds to the tree's estimated memory; fails past the budget.
  bool charge(std::size_t bytes, Mark mark) {
    tree_bytes_ += bytes;
    if (tree_bytes_ + held_bytes_ <= budget_) return true;
    return fail_on_limit("document too large for its size: with its tree it would need more than " +
                             std::to_string(budget_ >> 20) + " MB (the limit is " + std::to_string(kTreeBudgetFactor) +
                             "x the input plus " + std::to_string(kTreeBudgetFloor >> 20) +
                             " MB; very deep nesting, very many tiny nodes or aliases?)",
                         mark);
  }
  // A string's heap share (nothing while it fits in the string itself).
  static std::size_t heap_bytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 17 : 0; }
  std::string_view tag(std::string text, Mark mark) {
    if (text.empty()) return {};
    bool added = false;
    std::string_view out = storage_->intern_tag(std::move(text), &added);
    if (added) charge(kTagBytes + out.size(), mark);
    return out;
  }
  bool handle(fy_event* event);
  bool attach(Node* node, std::string anchor, int node_depth);
  bool close(Frame& frame);
  bool check_duplicate_keys(const Node& mapping);
  bool measure_alias(const Node& node, int depth, int* max_depth, Mark mark);
  void take_library_error(fy_diag* diag);

  void reattach(fy_event* event, Node* block_scalar, std::string* anchor);

  std::string_view input_;
  Syntax syntax_;
  Syntax library_syntax_;
  int prefix_;
  std::vector<DetachedProperties> detached_;
  std::size_t next_detached_ = 0;
  std::shared_ptr<Storage> storage_ = std::make_shared<Storage>();
  std::vector<Frame> stack_;
  // The children of the open collections, innermost last: a mapping's as key, value, key, value...
  std::vector<NodePtr> pending_;
  std::unordered_map<std::string, const Node*> anchors_;
  Node* root_ = nullptr;
  bool have_root_ = false;
  int documents_ = 0;
  std::size_t nodes_ = 0;
  std::size_t alias_nodes_ = 0;
  std::size_t budget_;
  std::size_t tree_bytes_;      // estimated memory of the document so far
  std::size_t held_bytes_ = 0;  // estimated memory libfyaml holds for the current line (see count_node)
  int held_bytes_line_ = 0;
  Mark last_mark_;              // of the last node that had one
  bool failed_ = false;
  bool hit_limit_ = false;
  ParseError error_;
};

std::string anchor_text(fy_token* anchor) {
  if (!anchor) return {};
  size_t len = 0;
  const char* text = fy_token_get_text(anchor, &len);
  return text ? std::string(text, len) : std::string();
}

// An alias shares its anchor's nodes (the tree is read-only to consumers, and JSON, the one format whose marks
// are ever moved, has no aliases), but consumers walk the expansion, so its size and depth are bounded as if
// it were copied.
bool Builder::measure_alias(const Node& node, int depth, int* max_depth, Mark mark) {
  *max_depth = std::max(*max_depth, depth);
  if (failed_) return false;
  if (++alias_nodes_ > kMaxAliasNodes) return fail_on_limit("aliases expand to more than 200000 nodes", mark);
  for (const auto& item : node.items) {
    if (!measure_alias(*item, depth + 1, max_depth, mark)) return false;
  }
  for (const auto& pair : node.pairs) {
    if (!measure_alias(*pair.key, depth + 1, max_depth, mark)) return false;
    if (!measure_alias(*pair.value, depth + 1, max_depth, mark)) return false;
  }
  return true;
}

bool Builder::check_duplicate_keys(const Node& mapping) {
  const auto& pairs = mapping.pairs;
  if (pairs.size() < 2) return true;
  // Small mappings: pairwise. Large ones (Resources, Mappings): sort views of the keys.
  if (pairs.size() <= 16) {
    for (std::size_t i = 1; i < pairs.size(); ++i) {
      const Node& k = *pairs[i].key;
      if (!k.is_scalar()) continue;
      for (std::size_t j = 0; j < i; ++j) {
        const Node& prev = *pairs[j].key;
        if (prev.is_scalar() && prev.text == k.text) return fail("duplicate key \"" + k.text + "\"", k.mark);
      }
    }
    return true;
  }
  std::vector<const Node*> keys;
  if (!charge(pairs.size() * sizeof(const Node*), mapping.mark)) return false;
  tree_bytes_ -= pairs.size() * sizeof(const Node*);  // freed below
  keys.reserve(pairs.size());
  for (const auto& p : pairs) {
    if (p.key->is_scalar()) keys.push_back(p.key.get());
  }
  std::stable_sort(keys.begin(), keys.end(), [](const Node* a, const Node* b) { return a->text < b->text; });
  for (std::size_t i = 1; i < keys.size(); ++i) {
    if (keys[i]->text == keys[i - 1]->text) {
      const Node* second = keys[i];  // stable sort: the later one in document order
      return fail("duplicate key \"" + second->text + "\"", second->mark);
    }
  }
  return true;
}

bool Builder::attach(Node* node, std::string anchor, int node_depth) {
  if (!anchor.empty()) anchors_[std::move(anchor)] = node;
  if (stack_.empty()) {
    if (have_root_) return fail("unexpected second root node", node->mark);
    root_ = node;
    have_root_ = true;
    return true;
  }
  const Frame& parent = stack_.back();
  if (parent.depth + node_depth > kMaxDepth + 1) {
    return fail_on_limit("nesting deeper than " + std::to_string(kMaxDepth) + " levels", node->mark);
  }
  const std::size_t capacity = pending_.capacity();
  pending_.push_back(NodePtr(node));
  return pending_.capacity() == capacity || charge((pending_.capacity() - capacity) * sizeof(NodePtr), node->mark);
}

// Moves a complete collection's children from pending_ into one list of their own.
bool Builder::close(Frame& frame) {
  Node& node = *frame.node;
  const NodePtr* children = pending_.data() + frame.first_child;
  const std::size_t count = pending_.size() - frame.first_child;
  if (node.kind == Kind::Sequence) {
    node.items = storage_->new_list(children, count);
  } else {
    if (count % 2 != 0) return fail("a mapping key without a value", node.mark);
    node.pairs = storage_->new_pairs(children, count / 2);
  }
  pending_.resize(frame.first_child);
  return true;
}

// Puts detached properties back on the block scalar right after them; any other event in between means the
// line was not what it looked like, and its properties are dropped.
void Builder::reattach(fy_event* event, Node* block_scalar, std::string* anchor) {
  if (next_detached_ >= detached_.size()) return;
  const fy_mark* m = fy_event_start_mark(event);
  if (!m) return;
  const DetachedProperties* last = nullptr;
  while (next_detached_ < detached_.size() && detached_[next_detached_].offset < m->input_pos) {
    last = &detached_[next_detached_++];
  }
  if (!last || !block_scalar) return;
  if (!last->tag.empty()) block_scalar->tag = tag(last->tag, last->mark);
  if (!last->anchor.empty()) *anchor = last->anchor;
  block_scalar->mark = last->mark;
}

bool Builder::handle(fy_event* event) {
  switch (event->type) {
    case FYET_DOCUMENT_START:
      if (++documents_ > 1) {
        return fail("a second document in the stream (only one is allowed)",
                    written(to_mark(fy_event_start_mark(event))));
      }
      return true;
    case FYET_SCALAR: {
      auto& s = event->scalar;
      Node* node = storage_->new_node();
      node->kind = Kind::Scalar;
      node->style = to_style(fy_token_scalar_style(s.value));
      node->mark = written(node_mark(input_, s.anchor, s.tag, s.value, event, node->quoted()));
      if (!count_node(node->mark)) return false;
      node->tag = tag(tag_text(s.tag), node->mark);
      std::optional<std::string> decoded;
      if (node->quoted() && s.value) {
        const fy_mark* start = fy_token_start_mark(s.value);
        if (start && start->input_pos <= input_.size()) {
          const std::string_view content = input_.substr(start->input_pos);
          decoded = node->style == ScalarStyle::SingleQuoted ? decode_single_quoted(content)
                                                             : decode_double_quoted(content);
        }
      }
      if (decoded) {
        node->text = std::move(*decoded);
        node->text.shrink_to_fit();
      } else {
        size_t len = 0;
        const char* text = s.value ? fy_token_get_text(s.value, &len) : nullptr;
        if (text) node->text.assign(text, len);
      }
      if (!charge(heap_bytes(node->text), node->mark)) return false;
      std::string anchor = anchor_text(s.anchor);
      const bool block = node->style == ScalarStyle::Literal || node->style == ScalarStyle::Folded;
      reattach(event, block ? node : nullptr, &anchor);
      return attach(node, std::move(anchor), 1);
    }
    case FYET_SEQUENCE_START:
    case FYET_MAPPING_START: {
      bool seq = event->type == FYET_SEQUENCE_START;
      fy_token* anchor = seq ? event->sequence_start.anchor : event->mapping_start.anchor;
      fy_token* tag_token = seq ? event->sequence_start.tag : event->mapping_start.tag;
      fy_token* start = seq ? event->sequence_start.sequence_start : event->mapping_start.mapping_start;
      reattach(event, nullptr, nullptr);
      Node* node = storage_->new_node();
      node->kind = seq ? Kind::Sequence : Kind::Mapping;
      node->mark = written(node_mark(input_, anchor, tag_token, start, event, false));
      if (!count_node(node->mark)) return false;
      node->tag = tag(tag_text(tag_token), node->mark);
      int depth = stack_.empty() ? 1 : stack_.back().depth + 1;
      if (depth > kMaxDepth)
        return fail_on_limit("nesting deeper than " + std::to_string(kMaxDepth) + " levels", node->mark);
      const fy_token_type start_type = start ? fy_token_get_type(start) : FYTT_NONE;
      const bool flow = start_type == FYTT_FLOW_SEQUENCE_START || start_type == FYTT_FLOW_MAPPING_START;
      // libfyaml holds back the tokens of a flow collection that could still turn out to be a key until its line
      // ends: one in block context (unless the document start marker went before it, see parse_as_document),
      // and one that is an item or a key inside a flow collection (not one that is a mapping's value).
      const Frame* parent = stack_.empty() ? nullptr : &stack_.back();
      const bool is_value =
          parent && parent->node->kind == Kind::Mapping && (pending_.size() - parent->first_child) % 2 == 1;
      const bool held = flow && (parent && parent->flow ? !is_value : !(prefix_ > 0 && !parent));
      const int held_line = held ? node->mark.line : parent ? parent->held_line : 0;
      stack_.push_back(Frame{node, pending_.size(), anchor_text(anchor), depth, flow, held_line});
      return true;
    }
    case FYET_SEQUENCE_END:
    case FYET_MAPPING_END: {
      if (stack_.empty()) return fail("unbalanced collection end", written(to_mark(fy_event_start_mark(event))));
      Frame frame = std::move(stack_.back());
      stack_.pop_back();
      // libfyaml lets go of what it held for a collection once the collection is complete.
      if (frame.held_line != (stack_.empty() ? 0 : stack_.back().held_line)) held_bytes_ = 0;
      if (!close(frame)) return false;
      if (frame.node->kind == Kind::Mapping && !check_duplicate_keys(*frame.node)) return false;
      return attach(frame.node, std::move(frame.anchor), 1);
    }
    case FYET_ALIAS: {
      reattach(event, nullptr, nullptr);
      Mark mark = written(indicator_mark(input_, fy_event_start_mark(event), "*"));
      std::string name = anchor_text(event->alias.anchor);
      auto it = anchors_.find(name);
      if (it == anchors_.end()) return fail("alias *" + name + " refers to an unknown anchor", mark);
      int copied_depth = 0;
      if (!measure_alias(*it->second, 1, &copied_depth, mark)) return false;
      if (!count_node(mark)) return false;
      Node* node = storage_->new_node();
      *node = *it->second;  // shares the anchor's children
      node->mark = mark;    // the alias is written here; its content was written at the anchor
      if (!charge(heap_bytes(node->text), mark)) return false;
      return attach(node, {}, copied_depth);
    }
    default:
      return true;
  }
}

void Builder::take_library_error(fy_diag* diag) {
  void* iter = nullptr;
  fy_diag_error* first = nullptr;
  while (fy_diag_error* e = fy_diag_errors_iterate(diag, &iter)) {
    if (e->type == FYET_ERROR) {
      first = e;
      break;
    }
    if (!first) first = e;
  }
  if (first && first->msg) {
    // Collected diagnostics carry 1-based positions already.
    fail(first->msg, written(Mark{std::max(first->line, 0), std::max(first->column, 0)}));
  } else {
    fail(syntax_ == Syntax::Json ? "not valid JSON" : "not valid YAML", {});
  }
}

ParseResult Builder::run() {
  fy_diag_cfg diag_cfg;
  fy_diag_cfg_default(&diag_cfg);
  diag_cfg.fp = nullptr;  // collect, never print
  diag_cfg.level = FYET_WARNING;
  std::unique_ptr<fy_diag, DiagDeleter> diag(fy_diag_create(&diag_cfg));
  if (!diag) return ParseResult{std::nullopt, ParseError{"cannot create the YAML diagnostics object", {}}};
  fy_diag_set_collect_errors(diag.get(), true);

  fy_parse_cfg cfg{};
  // Sloppy flow indentation: PyYAML, and so CloudFormation and cfn-lint, accept a flow collection whose
  // closing bracket sits at its key's indentation (`EventSelectors: [{` ... `}]`); libfyaml does not by default.
  cfg.flags = static_cast<fy_parse_cfg_flags>(
      FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_SLOPPY_FLOW_INDENTATION |
      (library_syntax_ == Syntax::Json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE));
  cfg.diag = diag.get();
  std::unique_ptr<fy_parser, ParserDeleter> parser(fy_parser_create(&cfg));
  if (!parser) return ParseResult{std::nullopt, ParseError{"cannot create the YAML parser", {}}};
  // libfyaml does not copy the string; `input_` outlives the parser.
  if (fy_parser_set_string(parser.get(), input_.data(), input_.size()) != 0) {
    return ParseResult{std::nullopt, ParseError{"cannot read the input", {}}};
  }

  while (!failed_) {
    EventGuard event(parser.get(), fy_parser_parse(parser.get()));
    if (!event.get()) {
      if (fy_parser_get_stream_error(parser.get())) take_library_error(diag.get());
      break;
    }
    if (event.get()->type == FYET_STREAM_END) break;
    handle(event.get());
  }
  if (!failed_ && !stack_.empty()) fail("unexpected end of input", stack_.back().node->mark);
  if (failed_) return ParseResult{std::nullopt, std::move(error_)};

  Document document;
  document.syntax = syntax_;
  // An empty document ("", comments only, or a bare "---") has no root.
  if (root_ && !(root_->is_scalar() && root_->tag.empty() && root_->style == ScalarStyle::Plain &&
                 root_->text.empty())) {
    document.root = NodePtr(root_);
  }
  document.storage = std::move(storage_);
  return ParseResult{std::move(document), {}};
}

// Whether `text` is one JSON value by RFC 8259, nested at most kMaxDepth deep. Reads the text once and keeps only
// the open containers.
// Also finds the line where libfyaml would hold back the most tokens (see parse_as_document): from a container
// that is an array's item (it could be a key in YAML) to its end or the end of its line.
struct HeldTokens {
  std::size_t most = 0;  // on one line
  int line = 1;          // that line
};
bool is_strict_json(std::string_view text, HeldTokens& held) {
  std::size_t i = 0;
  const std::size_t n = text.size();
  int line = 1;
  std::size_t held_from = 0;  // the depth where the held container opened; 0 = none
  std::size_t held_count = 0;
  std::vector<char> open;  // '[' or '{' per open container
  auto token = [&] {
    if (held_from == 0) return;
    if (++held_count > held.most) {
      held.most = held_count;
      held.line = line;
    }
  };
  auto skip_space = [&] {
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) {
      if (text[i++] == '\n') {
        ++line;
        held_from = 0;
        held_count = 0;
      }
    }
  };
  auto digits = [&] {
    const std::size_t start = i;
    while (i < n && text[i] >= '0' && text[i] <= '9') ++i;
    return i > start;
  };
  auto string = [&] {  // at the opening quote
    for (++i; i < n; ++i) {
      const unsigned char c = static_cast<unsigned char>(text[i]);
      if (c == '"') {
        ++i;
        return true;
      }
      if (c < 0x20) return false;
      if (c != '\\') continue;
      if (++i >= n) return false;
      const char e = text[i];
      if (e == 'u') {
        if (i + 4 >= n) return false;
        for (int k = 1; k <= 4; ++k) {
          if (!std::isxdigit(static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]))) return false;
        }
        i += 4;
      } else if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
        return false;
      }
    }
    return false;
  };
  auto scalar = [&] {
    token();
    const char c = text[i];
    if (c == '"') return string();
    for (std::string_view word : {"true", "false", "null"}) {
      if (text.substr(i, word.size()) == word) {
        i += word.size();
        return true;
      }
    }
    if (c == '-') ++i;
    if (i < n && text[i] == '0') {
      ++i;
    } else if (!digits()) {
      return false;
    }
    if (i < n && text[i] == '.' && (++i, !digits())) return false;
    if (i < n && (text[i] == 'e' || text[i] == 'E')) {
      ++i;
      if (i < n && (text[i] == '+' || text[i] == '-')) ++i;
      if (!digits()) return false;
    }
    return true;
  };

  skip_space();
  while (true) {
    // A value.
    if (i >= n) return false;
    if (text[i] == '[' || text[i] == '{') {
      if (open.size() >= static_cast<std::size_t>(kMaxDepth)) return false;
      if (held_from == 0 && !open.empty() && open.back() == '[') held_from = open.size() + 1;
      open.push_back(text[i++]);
      token();
      skip_space();
      if (i < n && text[i] == (open.back() == '[' ? ']' : '}')) {
        ++i;
        token();
        if (open.size() == held_from) held_from = held_count = 0;
        open.pop_back();
      } else if (open.back() == '{') {
        if (i >= n || text[i] != '"' || !string()) return false;
        skip_space();
        if (i >= n || text[i++] != ':') return false;
        skip_space();
        continue;
      } else {
        continue;
      }
    } else if (!scalar()) {
      return false;
    }
    // After a value: the end, a comma and the next member or item, or the end of containers.
    while (true) {
      skip_space();
      if (open.empty()) return i == n;
      if (i >= n) return false;
      const char close = open.back() == '[' ? ']' : '}';
      if (text[i] == close) {
        ++i;
        token();
        if (open.size() == held_from) held_from = held_count = 0;
        open.pop_back();
        continue;
      }
      if (text[i++] != ',') return false;
      token();
      skip_space();
      if (open.back() == '{') {
        if (i >= n || text[i] != '"' || !string()) return false;
        skip_space();
        if (i >= n || text[i++] != ':') return false;
        skip_space();
      }
      break;
    }
  }
}

// The refusal of a line on which libfyaml would hold back `tokens` tokens before the tree sees any of them.
std::optional<ParseError> too_many_held_tokens(std::size_t tokens, int line, std::size_t input_size) {
  const std::size_t budget = kTreeBudgetFloor + kTreeBudgetFactor * input_size;
  if (tokens * 2 * (kFlowLineTokenBytes + kNodeBytes) <= budget) return std::nullopt;
  return ParseError{"document too large for its size: line " + std::to_string(line) + " holds about " +
                        std::to_string(tokens * 2) + " flow tokens, which would need more than " +
                        std::to_string(budget >> 20) + " MB (the limit is " + std::to_string(kTreeBudgetFactor) +
                        "x the input plus " + std::to_string(kTreeBudgetFloor >> 20) + " MB)",
                    Mark{line, 1}};
}

// The same for text that is not known to be JSON, conservatively: every flow indicator on a line counts.
std::optional<ParseError> flow_lines_too_long(std::string_view text) {
  std::size_t line_start = 0;
  for (int line = 1; line_start < text.size(); ++line) {
    std::size_t line_end = text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = text.size();
    std::size_t tokens = 0;
    for (std::size_t i = line_start; i < line_end; ++i) {
      const char c = text[i];
      if (c == ',' || c == ':' || c == '[' || c == '{') ++tokens;
    }
    if (std::optional<ParseError> error = too_many_held_tokens(tokens, line, text.size())) return error;
    line_start = line_end + 1;
  }
  return std::nullopt;
}

// Whether the document's top-level node is a flow collection: the first thing in it, after blank lines and
// comments, is '[' or '{'.
bool starts_with_flow_collection(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#') {
      i = text.find('\n', i);
      if (i == std::string_view::npos) return false;
    } else {
      return c == '[' || c == '{';
    }
  }
  return false;
}

// libfyaml holds back every token after a top-level flow collection's opening bracket until that line ends,
// because the collection could yet turn out to be a mapping key (`[a, b]: c`); on one long line (minified
// JSON, a Terraform plan) that costs it about 80-300x the input. After a document start marker the top-level
// node cannot be a key, and libfyaml streams. So a document whose top-level node is a flow collection is first
// parsed with "--- " put in front, in YAML mode (JSON mode does not allow the marker: JSON is checked to be
// strict JSON first, which YAML reads alike), positions moved back. Returns nullopt when that does not apply
// or the text did not parse that way for a reason other than a limit; the caller then parses as written.
std::optional<ParseResult> parse_as_document(std::string_view text, Syntax syntax) {
  if (syntax == Syntax::Json) {
    HeldTokens held;
    if (!is_strict_json(text, held)) return std::nullopt;
    if (std::optional<ParseError> error = too_many_held_tokens(held.most, held.line, text.size())) {
      return ParseResult{std::nullopt, std::move(*error)};
    }
  } else if (!starts_with_flow_collection(text)) {
    return std::nullopt;
  } else if (std::optional<ParseError> error = flow_lines_too_long(text)) {
    return ParseResult{std::nullopt, std::move(*error)};
  }
  constexpr std::string_view kMarker = "--- ";
  std::string marked;
  marked.reserve(kMarker.size() + text.size());
  marked.append(kMarker).append(text);
  Builder builder(marked, syntax, {}, Syntax::Yaml, static_cast<int>(kMarker.size()), text.size());
  builder.charge_input_copy(marked.capacity());
  ParseResult result = builder.run();
  if (result.document || builder.hit_limit()) return result;
  return std::nullopt;
}

}  // namespace

ParseResult parse(std::string_view text, Syntax syntax) {
  if (const std::size_t bad = utf8::invalid_utf8_at(text); bad != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    return ParseResult{std::nullopt, ParseError{std::string("not valid UTF-8 (byte ") + byte + ")",
                                                mark_of_offset(text, bad)}};
  }
  if (std::optional<ParseResult> streamed = parse_as_document(text, syntax)) return std::move(*streamed);
  // libfyaml's JSON mode counts the CR and the LF of a CR LF as two line breaks (its YAML mode counts one),
  // so every position below the first line drifted. Outside strings a CR is white space like a space, and
  // JSON allows no raw CR or LF inside one: a space in its place means the same, at the same offset and
  // column, and the lines come out as an editor shows them.
  std::string json_lf;
  if (syntax == Syntax::Json && text.find("\r\n") != std::string_view::npos) {
    json_lf.assign(text);
    for (std::size_t i = json_lf.find("\r\n"); i != std::string::npos; i = json_lf.find("\r\n", i + 2)) json_lf[i] = ' ';
    text = json_lf;
  }
  // libfyaml reads a whole line of flow content (every token of it) before it hands out the first event of
  // that line, so a long line of tiny flow nodes is bounded here, before parsing, by the same budget.
  if (std::optional<ParseError> error = flow_lines_too_long(text)) return ParseResult{std::nullopt, std::move(*error)};
  Builder builder(text, syntax);
  builder.charge_input_copy(json_lf.capacity());
  ParseResult first = builder.run();
  if (first.document || syntax != Syntax::Yaml) return first;
  // Retry around libfyaml's block-scalar-properties bug (see DetachedProperties); keep the first error if
  // that does not help.
  std::string copy(text);
  std::vector<DetachedProperties> detached = detach_block_scalar_properties(copy);
  if (detached.empty()) return first;
  Builder retry(copy, syntax, std::move(detached));
  retry.charge_input_copy(copy.capacity());
  ParseResult second = retry.run();
  return second.document ? std::move(second) : std::move(first);
}

}  // namespace stance::doc
