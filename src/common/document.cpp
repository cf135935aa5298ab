// Builds the positioned doc::Node tree from libfyaml's event stream.
//
// Why events and not libfyaml's document API: in 0.7.12 the document API has no public start mark for
// sequences and mappings, and stance points findings at collections (a selector, a resource). The event
// stream gives every scalar, key and collection its position, and lets us bound depth and alias expansion
// ourselves so hostile input can neither exhaust the stack nor memory.
#include "common/document.hpp"

#include <libfyaml.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_map>
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
// The tree's memory is bounded in proportion to the input, so that no shape of input (deep nesting, very many
// tiny nodes, aliases) costs more than about 10x its size: the estimate below may reach kTreeBudgetFactor times
// the input plus kTreeBudgetFloor (which covers every real template and snapshot). 16x, not less: a
// pretty-printed JSON document of small values has about 11 input bytes per node, and a node costs ~170.
constexpr std::size_t kTreeBudgetFactor = 16;
constexpr std::size_t kTreeBudgetFloor = std::size_t{48} << 20;
// What one node costs: the Node, its allocation, and its share of its parent's vector.
constexpr std::size_t kNodeBytes = sizeof(Node) + 16 + sizeof(Pair) / 2;
// libfyaml keeps every token of a flow collection written on one line until the line or the collection ends
// (it cannot yet tell whether the collection is a key); measured at about 430 bytes per token in 0.7.12.
constexpr std::size_t kFlowLineTokenBytes = 450;

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
  Builder(std::string_view input, Syntax syntax, std::vector<DetachedProperties> detached = {})
      : input_(input), syntax_(syntax), detached_(std::move(detached)) {}

  ParseResult run();

 private:
  struct Frame {
    NodePtr node;
    NodePtr pending_key;  // mapping frames: the key waiting for its value
    std::string anchor;   // registered when the collection is complete
    int depth = 1;        // nesting depth of this collection (root = 1)
    bool flow = false;    // written in flow style ([...] or {...}; JSON)
  };

  bool fail(std::string message, Mark mark) {
    if (!failed_) {
      failed_ = true;
      error_ = ParseError{std::move(message), mark};
    }
    return false;
  }
  bool count_node(Mark mark) {
    if (++nodes_ > kMaxNodes)
      return fail("document too large (more than 2000000 nodes; alias expansion?)", mark);
    return charge(kNodeBytes + (flow_depth_ > 0 && mark.line == flow_line_ ? kFlowLineTokenBytes : 0), mark);
  }
  // Adds to the tree's estimated memory; fails past the budget.
  bool charge(std::size_t bytes, Mark mark) {
    tree_bytes_ += bytes;
    if (tree_bytes_ <= budget_) return true;
    return fail("document too large for its size: its tree would need more than " + std::to_string(budget_ >> 20) +
                    " MB (the limit is " + std::to_string(kTreeBudgetFactor) + "x the input plus " +
                    std::to_string(kTreeBudgetFloor >> 20) + " MB; very deep nesting, very many tiny nodes or aliases?)",
                mark);
  }
  // A string's heap share (nothing while it fits in the string itself).
  static std::size_t heap_bytes(const std::string& s) { return s.capacity() > 15 ? s.capacity() + 1 : 0; }
  bool handle(fy_event* event);
  bool attach(NodePtr node, std::string anchor, int node_depth);
  bool check_duplicate_keys(const Node& mapping);
  NodePtr copy(const Node& node, int depth, int* max_depth);
  void take_library_error(fy_diag* diag);

  void reattach(fy_event* event, Node* block_scalar, std::string* anchor);

  std::string_view input_;
  Syntax syntax_;
  std::vector<DetachedProperties> detached_;
  std::size_t next_detached_ = 0;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, const Node*> anchors_;
  NodePtr root_;
  bool have_root_ = false;
  int documents_ = 0;
  std::size_t nodes_ = 0;
  std::size_t alias_nodes_ = 0;
  std::size_t tree_bytes_ = 0;  // estimated memory of the tree so far
  std::size_t budget_ = kTreeBudgetFloor + kTreeBudgetFactor * input_.size();
  int flow_depth_ = 0;          // flow collections open
  int flow_line_ = 0;           // the line where the outermost open one starts
  bool failed_ = false;
  ParseError error_;
};

std::string anchor_text(fy_token* anchor) {
  if (!anchor) return {};
  size_t len = 0;
  const char* text = fy_token_get_text(anchor, &len);
  return text ? std::string(text, len) : std::string();
}

NodePtr Builder::copy(const Node& node, int depth, int* max_depth) {
  *max_depth = std::max(*max_depth, depth);
  if (failed_ || !count_node(node.mark)) return nullptr;
  if (++alias_nodes_ > kMaxAliasNodes) {
    fail("aliases expand to more than 200000 nodes", node.mark);
    return nullptr;
  }
  auto out = std::make_unique<Node>();
  out->kind = node.kind;
  out->mark = node.mark;
  out->tag = node.tag;
  out->text = node.text;
  out->style = node.style;
  if (!charge(heap_bytes(out->text) + heap_bytes(out->tag), node.mark)) return nullptr;
  out->items.reserve(node.items.size());
  for (const auto& item : node.items) {
    NodePtr c = copy(*item, depth + 1, max_depth);
    if (!c) return nullptr;
    out->items.push_back(std::move(c));
  }
  out->pairs.reserve(node.pairs.size());
  for (const auto& pair : node.pairs) {
    NodePtr k = copy(*pair.key, depth + 1, max_depth);
    NodePtr v = k ? copy(*pair.value, depth + 1, max_depth) : nullptr;
    if (!v) return nullptr;
    out->pairs.push_back(Pair{std::move(k), std::move(v)});
  }
  return out;
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

bool Builder::attach(NodePtr node, std::string anchor, int node_depth) {
  if (!anchor.empty()) anchors_[std::move(anchor)] = node.get();
  if (stack_.empty()) {
    if (have_root_) return fail("unexpected second root node", node->mark);
    root_ = std::move(node);
    have_root_ = true;
    return true;
  }
  Frame& parent = stack_.back();
  if (parent.depth + node_depth > kMaxDepth + 1) {
    return fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels", node->mark);
  }
  Node& p = *parent.node;
  if (p.kind == Kind::Sequence) {
    p.items.push_back(std::move(node));
  } else if (!parent.pending_key) {
    parent.pending_key = std::move(node);
  } else {
    p.pairs.push_back(Pair{std::move(parent.pending_key), std::move(node)});
  }
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
  if (!last->tag.empty()) block_scalar->tag = last->tag;
  if (!last->anchor.empty()) *anchor = last->anchor;
  block_scalar->mark = last->mark;
}

bool Builder::handle(fy_event* event) {
  switch (event->type) {
    case FYET_DOCUMENT_START:
      if (++documents_ > 1) {
        return fail("a second document in the stream (only one is allowed)",
                    to_mark(fy_event_start_mark(event)));
      }
      return true;
    case FYET_SCALAR: {
      auto& s = event->scalar;
      auto node = std::make_unique<Node>();
      node->kind = Kind::Scalar;
      node->style = to_style(fy_token_scalar_style(s.value));
      node->mark = node_mark(input_, s.anchor, s.tag, s.value, event, node->quoted());
      if (!count_node(node->mark)) return false;
      node->tag = tag_text(s.tag);
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
      } else {
        size_t len = 0;
        const char* text = s.value ? fy_token_get_text(s.value, &len) : nullptr;
        if (text) node->text.assign(text, len);
      }
      if (!charge(heap_bytes(node->text) + heap_bytes(node->tag), node->mark)) return false;
      std::string anchor = anchor_text(s.anchor);
      const bool block = node->style == ScalarStyle::Literal || node->style == ScalarStyle::Folded;
      reattach(event, block ? node.get() : nullptr, &anchor);
      return attach(std::move(node), std::move(anchor), 1);
    }
    case FYET_SEQUENCE_START:
    case FYET_MAPPING_START: {
      bool seq = event->type == FYET_SEQUENCE_START;
      fy_token* anchor = seq ? event->sequence_start.anchor : event->mapping_start.anchor;
      fy_token* tag = seq ? event->sequence_start.tag : event->mapping_start.tag;
      fy_token* start = seq ? event->sequence_start.sequence_start : event->mapping_start.mapping_start;
      reattach(event, nullptr, nullptr);
      auto node = std::make_unique<Node>();
      node->kind = seq ? Kind::Sequence : Kind::Mapping;
      node->mark = node_mark(input_, anchor, tag, start, event, false);
      if (!count_node(node->mark)) return false;
      node->tag = tag_text(tag);
      int depth = stack_.empty() ? 1 : stack_.back().depth + 1;
      if (depth > kMaxDepth)
        return fail("nesting deeper than " + std::to_string(kMaxDepth) + " levels", node->mark);
      const fy_token_type start_type = start ? fy_token_get_type(start) : FYTT_NONE;
      const bool flow = start_type == FYTT_FLOW_SEQUENCE_START || start_type == FYTT_FLOW_MAPPING_START;
      if (flow && flow_depth_++ == 0) flow_line_ = node->mark.line;
      stack_.push_back(Frame{std::move(node), nullptr, anchor_text(anchor), depth, flow});
      return true;
    }
    case FYET_SEQUENCE_END:
    case FYET_MAPPING_END: {
      if (stack_.empty()) return fail("unbalanced collection end", to_mark(fy_event_start_mark(event)));
      Frame frame = std::move(stack_.back());
      stack_.pop_back();
      if (frame.flow && --flow_depth_ == 0) flow_line_ = 0;
      if (frame.node->kind == Kind::Mapping && !check_duplicate_keys(*frame.node)) return false;
      frame.node->items.shrink_to_fit();
      frame.node->pairs.shrink_to_fit();
      return attach(std::move(frame.node), std::move(frame.anchor), 1);
    }
    case FYET_ALIAS: {
      reattach(event, nullptr, nullptr);
      Mark mark = indicator_mark(input_, fy_event_start_mark(event), "*");
      std::string name = anchor_text(event->alias.anchor);
      auto it = anchors_.find(name);
      if (it == anchors_.end()) return fail("alias *" + name + " refers to an unknown anchor", mark);
      int copied_depth = 0;
      NodePtr node = copy(*it->second, 1, &copied_depth);
      if (!node) return false;
      node->mark = mark;  // the alias is written here; its content was written at the anchor
      return attach(std::move(node), {}, copied_depth);
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
    fail(first->msg, Mark{std::max(first->line, 0), std::max(first->column, 0)});
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
  cfg.flags = static_cast<fy_parse_cfg_flags>(FYPCF_QUIET | FYPCF_COLLECT_DIAG | FYPCF_SLOPPY_FLOW_INDENTATION |
                                              (syntax_ == Syntax::Json ? FYPCF_JSON_FORCE : FYPCF_JSON_NONE));
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
    document.root = std::move(root_);
  }
  return ParseResult{std::move(document), {}};
}

}  // namespace

ParseResult parse(std::string_view text, Syntax syntax) {
  if (const std::size_t bad = utf8::invalid_utf8_at(text); bad != std::string_view::npos) {
    char byte[8];
    std::snprintf(byte, sizeof byte, "0x%02X", static_cast<unsigned char>(text[bad]));
    return ParseResult{std::nullopt, ParseError{std::string("not valid UTF-8 (byte ") + byte + ")",
                                                mark_of_offset(text, bad)}};
  }
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
  {
    const std::size_t budget = kTreeBudgetFloor + kTreeBudgetFactor * text.size();
    std::size_t line_start = 0;
    for (int line = 1; line_start < text.size(); ++line) {
      std::size_t line_end = text.find('\n', line_start);
      if (line_end == std::string_view::npos) line_end = text.size();
      std::size_t tokens = 0;
      for (std::size_t i = line_start; i < line_end; ++i) {
        const char c = text[i];
        if (c == ',' || c == ':' || c == '[' || c == '{') ++tokens;
      }
      if (tokens * 2 * (kFlowLineTokenBytes + kNodeBytes) > budget) {
        return ParseResult{std::nullopt,
                           ParseError{"document too large for its size: line " + std::to_string(line) + " holds about " +
                                          std::to_string(tokens * 2) + " flow tokens, which would need more than " +
                                          std::to_string(budget >> 20) + " MB (the limit is " +
                                          std::to_string(kTreeBudgetFactor) + "x the input plus " +
                                          std::to_string(kTreeBudgetFloor >> 20) + " MB)",
                                      Mark{line, 1}}};
      }
      line_start = line_end + 1;
    }
  }
  ParseResult first = Builder(text, syntax).run();
  if (first.document || syntax != Syntax::Yaml) return first;
  // Retry around libfyaml's block-scalar-properties bug (see DetachedProperties); keep the first error if
  // that does not help.
  std::string copy(text);
  std::vector<DetachedProperties> detached = detach_block_scalar_properties(copy);
  if (detached.empty()) return first;
  ParseResult second = Builder(copy, syntax, std::move(detached)).run();
  return second.document ? std::move(second) : std::move(first);
}

}  // namespace stance::doc
