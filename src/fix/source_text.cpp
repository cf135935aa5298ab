#include "fix/source_text.hpp"

#include <algorithm>

namespace stance::fix {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

}  // namespace

bool blank_or_comment(std::string_view line) {
  std::size_t i = 0;
  while (i < line.size() && (is_space(line[i]) || line[i] == '\r')) ++i;
  return i == line.size() || line[i] == '#';
}

SourceText::SourceText(std::string_view text, const doc::Node* root) : text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
  index(root);
}

void SourceText::index(const doc::Node* node) {
  if (!node) return;
  const std::size_t me = order_.size();
  order_.push_back({offset(*node), node, 0});
  for (const auto& item : node->items) index(item.get());
  for (const auto& pair : node->pairs) {
    index(pair.key.get());
    index(pair.value.get());
  }
  order_[me].subtree_end = order_.size();
}

std::size_t SourceText::offset(doc::Mark mark) const {
  if (mark.line <= 0 || static_cast<std::size_t>(mark.line) > line_starts_.size()) return text_.size();
  std::size_t at = line_starts_[mark.line - 1];
  // Columns count characters: step over UTF-8 continuation bytes.
  for (int col = 1; col < mark.column && at < text_.size() && text_[at] != '\n'; ++col) {
    ++at;
    while (at < text_.size() && (static_cast<unsigned char>(text_[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

std::size_t SourceText::line_start(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return *(it - 1);
}

std::size_t SourceText::line_end(std::size_t offset) const {
  const std::size_t nl = text_.find('\n', offset);
  return nl == std::string_view::npos ? text_.size() : nl;
}

int SourceText::line_of(std::size_t offset) const {
  return static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) -
                          line_starts_.begin());
}

bool SourceText::first_on_line(std::size_t offset) const {
  for (std::size_t i = line_start(offset); i < offset; ++i) {
    if (!is_space(text_[i])) return false;
  }
  return true;
}

std::size_t SourceText::content_start(const doc::Node& node) const {
  std::size_t at = offset(node);
  if (node.tag.empty() || at >= text_.size() || text_[at] != '!') return at;
  while (at < text_.size() && !is_space(text_[at]) && text_[at] != '\n' && text_[at] != '\r') ++at;
  // After the tag: spaces, and for a block collection the line break and indentation before it.
  while (at < text_.size() && (is_space(text_[at]) || text_[at] == '\n' || text_[at] == '\r')) ++at;
  return at;
}

bool SourceText::is_flow(const doc::Node& node) const {
  const std::size_t at = content_start(node);
  return at < text_.size() && (text_[at] == '[' || text_[at] == '{');
}

std::optional<Span> SourceText::flow_extent(std::size_t open) const {
  int depth = 0;
  for (std::size_t i = open; i < text_.size(); ++i) {
    const char c = text_[i];
    if (c == '"') {
      for (++i; i < text_.size() && text_[i] != '"'; ++i) {
        if (text_[i] == '\\') ++i;
      }
    } else if (c == '\'') {
      for (++i; i < text_.size(); ++i) {
        if (text_[i] == '\'') {
          if (i + 1 < text_.size() && text_[i + 1] == '\'') {
            ++i;
          } else {
            break;
          }
        }
      }
    } else if (c == '#' && i > 0 && (is_space(text_[i - 1]) || text_[i - 1] == '\n')) {
      i = line_end(i) - 1;
    } else if (c == '[' || c == '{') {
      ++depth;
    } else if (c == ']' || c == '}') {
      if (--depth == 0) return Span{open, i + 1};
    }
  }
  return std::nullopt;
}

std::size_t SourceText::next_outside(const doc::Node& node) const {
  for (std::size_t i = 0; i < order_.size(); ++i) {
    if (order_[i].node != &node) continue;
    const std::size_t next = order_[i].subtree_end;
    return next < order_.size() ? order_[next].offset : text_.size();
  }
  return text_.size();
}

std::optional<Span> SourceText::extent(const doc::Node& node) const {
  const std::size_t begin = offset(node);
  const std::size_t at = content_start(node);
  if (at >= text_.size()) return std::nullopt;
  if (node.is_scalar() && node.style != doc::ScalarStyle::Literal && node.style != doc::ScalarStyle::Folded) {
    if (node.style == doc::ScalarStyle::Plain) {
      if (text_.substr(at, node.text.size()) != node.text) return std::nullopt;  // multi-line plain scalar
      return Span{begin, at + node.text.size()};
    }
    const char quote = text_[at];
    for (std::size_t i = at + 1; i < text_.size(); ++i) {
      if (quote == '"' && text_[i] == '\\') {
        ++i;
      } else if (text_[i] == quote) {
        if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
          ++i;
        } else {
          return Span{begin, i + 1};
        }
      }
    }
    return std::nullopt;
  }
  if (text_[at] == '[' || text_[at] == '{') {
    auto flow = flow_extent(at);
    if (!flow) return std::nullopt;
    return Span{begin, flow->end};
  }
  // Block: up to the last content line before the next node outside this one.
  const std::size_t bound = next_outside(node);
  std::size_t e = bound >= text_.size() ? text_.size() : line_start(bound);
  // The line just before `e` is [ls, le): le is the '\n' at e - 1, or the text's end.
  auto previous_line = [&](std::size_t from, std::size_t& ls, std::size_t& le) {
    le = (from == text_.size() && text_[from - 1] != '\n') ? from : from - 1;
    ls = line_start(le == text_.size() ? le - 1 : le);
  };
  std::size_t ls = 0, le = 0;
  while (e > 0) {
    previous_line(e, ls, le);
    if (ls <= begin || !blank_or_comment(text_.substr(ls, le - ls))) break;
    e = ls;
  }
  if (e == 0) return std::nullopt;
  previous_line(e, ls, le);
  while (le > begin && text_[le - 1] == '\r') --le;
  if (le <= begin) return std::nullopt;
  return Span{begin, le};
}

std::optional<std::size_t> SourceText::dash_before(const doc::Node& item) const {
  std::size_t at = offset(item);
  const std::size_t ls = line_start(at);
  while (at > ls && is_space(text_[at - 1])) --at;
  if (at > ls && text_[at - 1] == '-') return at - 1;
  return std::nullopt;
}

}  // namespace stance::fix
