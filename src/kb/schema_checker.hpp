// Validation helpers for the knowledge base's YAML files (rule.yaml, frameworks.yaml), in the spirit of
// Falco's rule loader: every problem is collected (not just the first) and carries the file, line and
// column of the offending node, so an author can jump straight to it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "model/diagnostic.hpp"
#include "rules/rule.hpp"

namespace stance::kb::detail {

struct Key {
  std::string_view name;
  bool required = false;
};

class SchemaChecker {
 public:
  SchemaChecker(std::string source, std::vector<model::ScanError>& errors)
      : source_(std::move(source)), errors_(errors) {}

  const std::string& source() const { return source_; }

  void error(doc::Mark at, std::string message);

  // Parses a YAML file that must hold a mapping (`what`: "the article"). Parse errors and an empty file are
  // reported; the document is returned only when its root exists.
  std::optional<doc::Document> parse_root(std::string_view yaml_text, std::string_view what);

  // Checks that `node` is a mapping whose keys are all in `keys` and that every required key is present
  // with a value. Unknown keys get a "did you mean" hint; `hint` (if set) replaces it for the key
  // `hinted_key`. Returns false (with an error) when `node` is not a mapping.
  bool check_mapping(const doc::Node& node, std::string_view what, std::span<const Key> keys,
                     std::string_view hinted_key = {}, std::string_view hint = {});

  // A string value (any scalar). Absent or null gives "". Wrong type or (when `non_empty`) an empty
  // value is an error at the value.
  std::string text(const doc::Node* value, std::string_view key, bool non_empty);
  // A list of strings. Absent gives {}.
  std::vector<std::string> text_list(const doc::Node* value, std::string_view key, bool non_empty_items);
  // true/false (YAML 1.2 core spellings: true, True, TRUE, false, False, FALSE), unquoted.
  std::optional<bool> boolean(const doc::Node* value, std::string_view key);
  // The items of a list (empty with an error when the value is not a list; empty when absent).
  std::span<const doc::NodePtr> items(const doc::Node* value, std::string_view key);

 private:
  std::string source_;
  std::vector<model::ScanError>& errors_;
};

// "a string", "a list", "a mapping": what a person calls the node they wrote.
std::string_view describe(const doc::Node& node);
// The node's position, or `fallback` when the parser gave it none (an empty plain scalar has no token
// to take a position from, so doc::parse leaves it at 0:0).
doc::Mark mark_or(const doc::Node* node, doc::Mark fallback);
// "12:5" for messages that refer to another position.
std::string position(doc::Mark mark);
// Case-insensitive ASCII comparison, for rule IDs.
bool iequals(std::string_view a, std::string_view b);
std::string upper(std::string_view text);

}  // namespace stance::kb::detail
