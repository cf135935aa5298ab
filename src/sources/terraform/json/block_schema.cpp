#include "sources/terraform/json/block_schema.hpp"

#include <array>

namespace stance::tfjson {
namespace {

struct Entry {
  std::string_view schema;
  std::string_view block;
  int labels;
  std::string_view body;
};

// "resource", "data" and "provider" as a body schema mean "followed by the first label".
constexpr std::array kEntries{
    Entry{"", "resource", 2, "resource"},
    Entry{"", "data", 2, "data"},
    Entry{"", "variable", 1, "variable"},
    Entry{"", "locals", 0, "locals"},
    Entry{"", "module", 1, "module"},
    Entry{"", "output", 1, "output"},
    Entry{"", "provider", 1, "provider"},
    Entry{"", "terraform", 0, "terraform"},
    Entry{"", "moved", 0, "moved"},
    Entry{"", "import", 0, "import"},
    Entry{"", "removed", 0, "removed"},
    Entry{"", "check", 1, "check"},
    // Every resource and data block, whatever its type.
    Entry{"resource", "lifecycle", 0, "lifecycle"},
    Entry{"resource", "provisioner", 1, "provisioner"},
    Entry{"resource", "connection", 0, "connection"},
    Entry{"resource", "dynamic", 1, "dynamic"},
    Entry{"data", "lifecycle", 0, "lifecycle"},
    Entry{"data", "dynamic", 1, "dynamic"},
    Entry{"lifecycle", "precondition", 0, "leaf"},
    Entry{"lifecycle", "postcondition", 0, "leaf"},
    Entry{"provisioner", "connection", 0, "connection"},
    Entry{"variable", "validation", 0, "leaf"},
    Entry{"output", "precondition", 0, "leaf"},
    Entry{"terraform", "backend", 1, "terraform-settings"},
    Entry{"terraform", "cloud", 0, "terraform-cloud"},
    Entry{"terraform", "required_providers", 0, "terraform-settings"},
    Entry{"terraform", "provider_meta", 1, "terraform-settings"},
    Entry{"terraform-cloud", "workspaces", 0, "terraform-settings"},
    Entry{"removed", "lifecycle", 0, "lifecycle"},
    Entry{"removed", "provisioner", 1, "provisioner"},
    Entry{"removed", "connection", 0, "connection"},
    Entry{"check", "data", 2, "data"},
    Entry{"check", "assert", 0, "leaf"},
    // Nested blocks of types stance knows. An unknown type's nested blocks only know `dynamic`.
    Entry{"resource-nested", "dynamic", 1, "dynamic"},
    Entry{"resource:aws_cloudtrail", "event_selector", 0, "aws_cloudtrail.event_selector"},
    Entry{"resource:aws_cloudtrail", "advanced_event_selector", 0, "aws_cloudtrail.advanced_event_selector"},
    Entry{"resource:aws_cloudtrail", "insight_selector", 0, "leaf"},
    Entry{"aws_cloudtrail.event_selector", "data_resource", 0, "leaf"},
    Entry{"aws_cloudtrail.event_selector", "dynamic", 1, "dynamic"},
    Entry{"aws_cloudtrail.advanced_event_selector", "field_selector", 0, "leaf"},
    Entry{"aws_cloudtrail.advanced_event_selector", "dynamic", 1, "dynamic"},
    Entry{"provider:aws", "assume_role", 0, "leaf"},
    Entry{"provider:aws", "assume_role_with_web_identity", 0, "leaf"},
    Entry{"provider:aws", "default_tags", 0, "leaf"},
    Entry{"provider:aws", "ignore_tags", 0, "leaf"},
    Entry{"provider:aws", "endpoints", 0, "leaf"},
};

std::optional<NestedBlockType> find(std::string_view schema, std::string_view name) {
  for (const Entry& e : kEntries) {
    if (e.schema == schema && e.block == name) return NestedBlockType{e.labels, std::string(e.body)};
  }
  return std::nullopt;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::optional<NestedBlockType> nested_block(std::string_view schema, std::string_view name) {
  if (auto found = find(schema, name)) return found;
  // A type's own table first, then what every block of that kind has.
  if (starts_with(schema, "resource:")) return find("resource", name);
  if (starts_with(schema, "data:")) return find("data", name);
  return std::nullopt;
}

std::string child_schema(const NestedBlockType& type, std::string_view first_label) {
  if (type.body_schema == "resource" || type.body_schema == "data" || type.body_schema == "provider") {
    return type.body_schema + ":" + std::string(first_label);
  }
  return type.body_schema;
}

StringMeaning argument_meaning(std::string_view schema, std::string_view name) {
  if (schema == "terraform" || starts_with(schema, "terraform-")) return StringMeaning::Literal;
  if (schema == "variable") {
    if (name == "type") return StringMeaning::Expression;
    if (name == "default" || name == "description" || name == "sensitive" || name == "nullable" ||
        name == "ephemeral") {
      return StringMeaning::Literal;
    }
  }
  if (schema == "output" && (name == "description" || name == "sensitive" || name == "ephemeral")) {
    return StringMeaning::Literal;
  }
  if (schema == "output" && name == "depends_on") return StringMeaning::Expression;
  if (schema == "module") {
    if (name == "source" || name == "version") return StringMeaning::Literal;
    if (name == "providers") return StringMeaning::ObjectOfExpressions;
    if (name == "depends_on") return StringMeaning::Expression;
  }
  if (starts_with(schema, "provider:") && (name == "alias" || name == "version")) return StringMeaning::Literal;
  if (starts_with(schema, "resource:") || starts_with(schema, "data:")) {
    if (name == "provider" || name == "depends_on") return StringMeaning::Expression;
  }
  if (schema == "lifecycle" && (name == "ignore_changes" || name == "replace_triggered_by")) {
    return StringMeaning::Expression;
  }
  if (schema == "connection" && name == "type") return StringMeaning::Literal;
  if (schema == "dynamic" && name == "iterator") return StringMeaning::Expression;
  if ((schema == "moved" && (name == "from" || name == "to")) || (schema == "removed" && name == "from") ||
      (schema == "import" && (name == "to" || name == "provider"))) {
    return StringMeaning::Expression;
  }
  return StringMeaning::Template;
}

}  // namespace stance::tfjson
