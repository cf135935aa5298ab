#pragma once
// Which JSON properties of a .tf.json block body are nested blocks, and how many labels they take.
//
// Terraform decides this with the provider's schema, which stance does not have. The rule used here: a
// property is a nested block when its name is a block type known in that body (the table in
// block_schema.cpp) AND its value is an object or an array of objects; anything else is an argument, so an
// unknown nested block becomes an argument whose value is an object or a tuple of objects.
// Known block types:
//   - the top level: resource, data, variable, locals, module, output, provider, terraform, moved, import,
//     removed, check;
//   - Terraform's own nested blocks: lifecycle (precondition, postcondition), provisioner, connection,
//     dynamic (and its content), variable validation, output precondition, terraform's backend, cloud
//     (workspaces), required_providers and provider_meta, check's assert and scoped data;
//   - `dynamic` in every body inside a resource or data block, whatever its type;
//   - provider schemas stance evaluates: aws_cloudtrail's event_selector (data_resource),
//     advanced_event_selector (field_selector) and insight_selector; the aws provider's assume_role,
//     assume_role_with_web_identity, default_tags, ignore_tags and endpoints.
#include <optional>
#include <string>
#include <string_view>

namespace stance::tfjson {

// A body's schema is named by a string: "" (the file), "resource:aws_cloudtrail", "data:aws_iam_policy",
// "provider:aws", "lifecycle", "aws_cloudtrail.event_selector", ...; "leaf" knows no nested block.
struct NestedBlockType {
  int labels = 0;
  std::string body_schema;  // the schema of the nested block's body (see child_schema for labelled ones)
};

std::optional<NestedBlockType> nested_block(std::string_view schema, std::string_view name);

// The body schema of a block once its labels are known: resource/data/provider bodies depend on their
// first label (the resource type or provider name).
std::string child_schema(const NestedBlockType& type, std::string_view first_label);

// How a string is read in an argument (Terraform's block-type-specific exceptions of the JSON syntax).
enum class StringMeaning {
  Template,    // the default: the string is a template ("${var.x}" is an interpolation)
  Literal,     // taken literally, also inside arrays and objects (variable default, module source, ...)
  Expression,  // the string holds an expression: a type, a reference or a keyword ("list(string)",
               // "aws.west", "aws_s3_bucket.b", "all"); also each string of an array (depends_on)
  ObjectOfExpressions,  // module providers: an object whose values are references
};

StringMeaning argument_meaning(std::string_view schema, std::string_view name);

}  // namespace stance::tfjson
