#include "sources/aws/json_node.hpp"

#include <sstream>

namespace stance::sources::aws {

bool is_json_string(const doc::Node& node) { return node.is_scalar() && node.quoted(); }

bool is_json_bool(const doc::Node& node) {
  return node.is_scalar() && !node.quoted() && (node.text == "true" || node.text == "false");
}

bool is_json_null(const doc::Node& node) { return node.is_scalar() && !node.quoted() && node.text == "null"; }

std::string json_type(const doc::Node& node) {
  if (node.is_mapping()) return "an object";
  if (node.is_sequence()) return "a list";
  if (is_json_string(node)) return "a string";
  if (is_json_bool(node)) return "true/false";
  if (is_json_null(node)) return "null";
  return "a number";
}

void write_json(json::Writer& out, const doc::Node& node) {
  switch (node.kind) {
    case doc::Kind::Mapping:
      out.begin_object();
      for (const auto& pair : node.pairs) {
        out.key(pair.key->text);
        write_json(out, *pair.value);
      }
      out.end_object();
      return;
    case doc::Kind::Sequence:
      out.begin_array();
      for (const auto& item : node.items) write_json(out, *item);
      out.end_array();
      return;
    case doc::Kind::Scalar:
      if (node.quoted()) {
        out.value(node.text);
      } else {
        out.raw(node.text);  // true, false, null or a number, exactly as written
      }
      return;
  }
}

std::string to_json(const doc::Node& node) {
  std::ostringstream text;
  json::Writer writer(text, /*pretty=*/false);
  write_json(writer, node);
  return text.str();
}

}  // namespace stance::sources::aws
