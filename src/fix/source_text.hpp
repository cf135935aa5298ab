// Byte positions of document nodes in the text they were parsed from. The document tree knows where each
// node starts (line and column in characters); editing needs where it ends too. Scalars and flow
// collections end where their syntax says; a block collection ends with its last content line before the
// next node that is not inside it (trailing blank and comment lines are left to what follows).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"

namespace stance::fix {

struct Span {
  std::size_t begin = 0, end = 0;  // [begin, end)
};

class SourceText {
 public:
  SourceText(std::string_view text, const doc::Node* root);

  std::string_view text() const { return text_; }
  std::size_t offset(doc::Mark mark) const;
  std::size_t offset(const doc::Node& node) const { return offset(node.mark); }
  std::size_t line_start(std::size_t offset) const;
  std::size_t line_end(std::size_t offset) const;  // the '\n' ending the line, or the text's size
  int line_of(std::size_t offset) const;           // 1-based
  // Bytes from the line's start to `offset` (indentation when only spaces precede it).
  std::size_t column(std::size_t offset) const { return offset - line_start(offset); }
  // Only spaces (and tabs) between the start of the line and `offset`.
  bool first_on_line(std::size_t offset) const;

  // The node as written, from its tag (if any) to its last character; nullopt when that cannot be told.
  std::optional<Span> extent(const doc::Node& node) const;
  // Where the node's content starts: after its tag and the spaces that follow.
  std::size_t content_start(const doc::Node& node) const;
  // A flow collection ('[' or '{' at `open`) up to and including its closing bracket.
  std::optional<Span> flow_extent(std::size_t open) const;
  // The '-' that introduces a block sequence item, when the item is on the same line after it.
  std::optional<std::size_t> dash_before(const doc::Node& item) const;
  bool is_flow(const doc::Node& node) const;

 private:
  std::size_t next_outside(const doc::Node& node) const;

  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  struct Entry {
    std::size_t offset;
    const doc::Node* node;
    std::size_t subtree_end;  // index of the first entry not inside this node
  };
  std::vector<Entry> order_;  // every node and key in document (pre-)order
  void index(const doc::Node* node);
};

// True when the text is only spaces/tabs (a blank line) or a comment after spaces.
bool blank_or_comment(std::string_view line);

}  // namespace stance::fix
