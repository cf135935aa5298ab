// JSON values held in the positioned document tree (common/document.hpp), as the AWS readers see them.
// In a tree parsed with doc::Syntax::Json a string is a quoted scalar and true/false/null/numbers are plain
// ones, so the JSON type of every node is known exactly.
#pragma once

#include <string>

#include "common/document.hpp"
#include "common/json_writer.hpp"

namespace stance::sources::aws {

bool is_json_string(const doc::Node& node);
bool is_json_bool(const doc::Node& node);
bool is_json_null(const doc::Node& node);
// "an object", "a list", "a string", "true/false", "null" or "a number", for messages.
std::string json_type(const doc::Node& node);

// Writes `node` (from a JSON document) through the writer, so it is laid out like the rest of the output.
void write_json(json::Writer& out, const doc::Node& node);
// The same, compact, as one string.
std::string to_json(const doc::Node& node);

}  // namespace stance::sources::aws
