// A positioned document tree shared by every YAML/JSON reader in stance (CloudFormation templates,
// .stance.yaml, knowledge-base rule files). Built from libfyaml's event stream so that every node —
// scalars, sequences, mappings, keys — knows its 1-based line and column. The document owns its nodes and strings
// (Document::storage); libfyaml objects never escape document.cpp. Parsing costs at most ~10x the input + 16 MB.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace stance::doc {

struct Mark {
  int line = 0;    // 1-based; 0 = unknown
  int column = 0;  // 1-based; 0 = unknown
};

enum class Kind : std::uint8_t { Scalar, Sequence, Mapping };
enum class ScalarStyle : std::uint8_t { Plain, SingleQuoted, DoubleQuoted, Literal, Folded };

struct Node;

// A reference to a node of the tree. Nodes live in their document's storage (see Document), so this does not
// own; it reads like the pointer it is (->, *, get(), a test for null).
class NodePtr {
 public:
  NodePtr() = default;
  explicit NodePtr(Node* node) : node_(node) {}
  Node* get() const { return node_; }
  Node* operator->() const { return node_; }
  Node& operator*() const { return *node_; }
  explicit operator bool() const { return node_ != nullptr; }
  friend bool operator==(const NodePtr&, const NodePtr&) = default;
  friend bool operator==(const NodePtr& p, std::nullptr_t) { return p.node_ == nullptr; }

 private:
  Node* node_ = nullptr;
};

struct Pair {
  NodePtr key;    // keys are scalars in every format stance reads; a complex key is kept but never matched
  NodePtr value;
};

// A collection's children, in document order: one exactly-sized block in the document's storage, addressed
// by a single pointer (the count is stored in front of the elements) so that a node stays small.
template <typename T>
class ChildList {
 public:
  ChildList() = default;
  // `block` holds a std::uint64_t count followed by that many T.
  explicit ChildList(std::uint64_t* block) : block_(block) {}
  std::size_t size() const { return block_ ? static_cast<std::size_t>(*block_) : 0; }
  bool empty() const { return size() == 0; }
  T* data() { return block_ ? reinterpret_cast<T*>(block_ + 1) : nullptr; }
  const T* data() const { return block_ ? reinterpret_cast<const T*>(block_ + 1) : nullptr; }
  T* begin() { return data(); }
  T* end() { return data() + size(); }
  const T* begin() const { return data(); }
  const T* end() const { return data() + size(); }
  T& operator[](std::size_t i) { return data()[i]; }
  const T& operator[](std::size_t i) const { return data()[i]; }
  const T& front() const { return data()[0]; }
  const T& back() const { return data()[size() - 1]; }

 private:
  std::uint64_t* block_ = nullptr;
};

// 80 bytes, with no allocation of its own (short texts are stored in `text` itself): the tree of a large
// document is a few times its size, not a hundred (issue 11).
struct Node {
  Kind kind = Kind::Scalar;
  ScalarStyle style = ScalarStyle::Plain;
  Mark mark;
  // Local tag as written, without the leading '!': "Ref", "GetAtt", "Sub"... Empty when untagged.
  // Standard tags ("!!str", "tag:yaml.org,2002:str") are kept as written (e.g. "!str"). Points into the
  // document's storage, where each distinct tag is kept once.
  std::string_view tag;
  // Scalar only.
  std::string text;
  // Sequence only.
  ChildList<NodePtr> items;
  // Mapping only, in document order.
  ChildList<Pair> pairs;

  bool is_scalar() const { return kind == Kind::Scalar; }
  bool is_sequence() const { return kind == Kind::Sequence; }
  bool is_mapping() const { return kind == Kind::Mapping; }
  bool quoted() const { return style == ScalarStyle::SingleQuoted || style == ScalarStyle::DoubleQuoted; }
  // A plain scalar that YAML reads as null: "", "~", "null", "Null", "NULL".
  bool is_null() const;
  // Mapping lookup by exact key text; nullptr when absent or not a mapping.
  const Node* get(std::string_view key) const;
  const Pair* find_pair(std::string_view key) const;
};

// Owns the nodes, child lists and tags of one document (defined in document.cpp).
class Storage;

enum class Syntax : std::uint8_t { Yaml, Json };

struct ParseError {
  std::string message;
  Mark mark;
};

struct Document {
  NodePtr root;               // null for an empty document
  Syntax syntax = Syntax::Yaml;
  std::shared_ptr<Storage> storage;  // owns `root` and everything under it; moving the document keeps them
};

struct ParseResult {
  std::optional<Document> document;  // set on success
  ParseError error;                  // set on failure (the first error, with its position)
};

// Parses one document. Json = strict JSON (no trailing commas, no comments); Yaml = YAML 1.2 with
// CloudFormation's short-form tags. Only the first document of a multi-document stream is read; a
// second document is an error. Depth is limited so hostile input cannot exhaust the stack.
ParseResult parse(std::string_view text, Syntax syntax);

}  // namespace stance::doc
