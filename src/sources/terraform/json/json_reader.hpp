#pragma once
// A small positioned JSON reader for the .tf.json syntax. Why not common/document.hpp: HCL's JSON syntax
// allows repeated property names (two "resource" properties at the root are two sets of blocks), the tree
// needs end positions (HCL ranges end just after the node), and strings must stay raw slices of the source
// so that a template inside a string can be positioned character by character, escapes included.
// Strict RFC 8259 otherwise: no comments, no trailing commas. Columns count code points, like hcl::Pos.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/hcl/ast.hpp"

namespace stance::tfjson {

enum class JsonKind : std::uint8_t { Object, Array, String, Number, True, False, Null };

struct JsonMember;

struct JsonValue {
  JsonKind kind = JsonKind::Null;
  hcl::Range range;       // first character to just after the last (quotes and brackets included)
  std::string_view raw;   // String: the characters between the quotes, escapes undecoded; Number: as written
  bool escapes = false;   // String: raw contains a backslash
  std::vector<JsonValue> items;     // Array
  std::vector<JsonMember> members;  // Object, in document order, repeated names kept
};

struct JsonMember {
  JsonValue key;  // a String
  JsonValue value;
};

struct JsonError {
  hcl::Pos pos;
  std::string summary;
  std::string detail;
};

struct JsonReadResult {
  bool ok = false;
  JsonValue root;
  JsonError error;  // when !ok
};

// Objects and arrays nested deeper than this are an error (no input can exhaust the stack).
inline constexpr int kMaxJsonDepth = 200;

JsonReadResult read_json(std::string_view text);

// Where each decoded character of a JSON string came from, so positions inside the decoded text (as the
// template parser reports them, from 1:1) can be mapped back to the file.
class StringPositions {
 public:
  // Decodes s (a String) into text and records the positions. Invalid escapes were rejected by read_json;
  // a lone UTF-16 surrogate becomes U+FFFD.
  StringPositions(const JsonValue& s, std::string& text);
  hcl::Pos to_source(hcl::Pos decoded) const;

 private:
  hcl::Pos content_start_;  // the character after the opening quote
  bool identity_ = true;    // no escapes: decoded column c is source column content_start + c - 1
  // Otherwise, per decoded line, the source column of each decoded code point, then one more entry: the
  // source column of whatever follows the line's last code point. The source line never changes (JSON
  // strings cannot contain a raw newline).
  std::vector<std::vector<std::uint32_t>> columns_;
};

// The decoded value of a String without positions (object keys, labels, literals).
std::string decode_string(const JsonValue& s);

}  // namespace stance::tfjson
