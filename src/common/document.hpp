// A positioned document tree shared by every YAML/JSON reader in stance (CloudFormation templates,
// .stance.yaml, knowledge-base rule files). Built from libfyaml's event stream so that every node —
// scalars, sequences, mappings, keys — knows its 1-based line and column. The tree owns its strings;
// libfyaml objects never escape document.cpp.
#pragma once

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
using NodePtr = std::unique_ptr<Node>;

struct Pair {
  NodePtr key;    // keys are scalars in every format stance reads; a complex key is kept but never matched
  NodePtr value;
};

struct Node {
  Kind kind = Kind::Scalar;
  Mark mark;
  // Local tag as written, without the leading '!': "Ref", "GetAtt", "Sub"... Empty when untagged.
  // Standard tags ("!!str", "tag:yaml.org,2002:str") are kept as written (e.g. "!str").
  std::string tag;
  // Scalar only.
  std::string text;
  ScalarStyle style = ScalarStyle::Plain;
  // Sequence only.
  std::vector<NodePtr> items;
  // Mapping only, in document order.
  std::vector<Pair> pairs;

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

enum class Syntax : std::uint8_t { Yaml, Json };

struct ParseError {
  std::string message;
  Mark mark;
};

struct Document {
  NodePtr root;               // nullptr for an empty document
  Syntax syntax = Syntax::Yaml;
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
