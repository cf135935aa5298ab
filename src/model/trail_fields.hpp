// The field schema of a trail: one row per scalar field, saying where each source writes it, how the API
// reads and writes it, and its default. The four adapters read these fields through the rows, rules name a
// field in the reader's own terms (the CloudFormation property in a template's finding, the Terraform
// attribute in a .tf file's, the API field live), and fix backends write through the same rows.
// A new field is one member of model::Trail and one row here. No I/O here.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "model/trail.hpp"

namespace stance::model {

// Where a field lives in each source. An empty name: the source has no such field.
struct FieldNames {
  std::string_view cloudformation;  // property of AWS::CloudTrail::Trail
  std::string_view terraform;       // attribute of aws_cloudtrail (HCL, .tf.json and plans alike)
  std::string_view api_read;        // field of the `read_call` response
  std::string_view read_call;       // "DescribeTrails" | "GetTrailStatus"
  std::string_view api_write;       // UpdateTrail parameter; empty when another call writes it
  std::string_view write_call;      // "UpdateTrail" | "StartLogging" (IsLogging: StopLogging when false)
};

// A default per source; nullopt where the field is required (CloudFormation's IsLogging).
template <class T>
struct FieldDefaults {
  std::optional<T> cloudformation;
  std::optional<T> terraform;
  std::optional<T> api;
};

template <class T>
struct TrailField {
  std::string_view id;  // stance's name: "log_file_validation"
  FieldNames names;
  Value<T> Trail::*member;
  FieldDefaults<T> defaults;  // string fields: absent means "not set", so no default
};

using BoolField = TrailField<bool>;
using StringField = TrailField<std::string>;

std::span<const BoolField> bool_trail_fields();
std::span<const StringField> string_trail_fields();

// Rows by stance's name; they exist (a typo is a programming error caught by the schema test).
const BoolField& bool_trail_field(std::string_view id);
const StringField& string_trail_field(std::string_view id);

// The names of the row `id`, bool or string; nullptr when there is none (an id from a crafted journal).
const FieldNames* field_names(std::string_view id);

// The field's name as a reader of `source` knows it: "EnableLogFileValidation", "enable_log_file_validation"
// or "LogFileValidationEnabled".
std::string_view field_name(const FieldNames& names, SourceKind source);

template <class T>
std::optional<T> field_default(const TrailField<T>& field, SourceKind source) {
  switch (source) {
    case SourceKind::CloudFormation: return field.defaults.cloudformation;
    case SourceKind::Terraform: return field.defaults.terraform;
    case SourceKind::Aws:
    case SourceKind::Snapshot: return field.defaults.api;
  }
  return std::nullopt;
}

}  // namespace stance::model
