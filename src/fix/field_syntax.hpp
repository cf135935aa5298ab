// A rule's field edits (rules::FixIntent) written out for a person: the AWS CLI command and the
// CloudFormation and Terraform lines, all from the schema rows (model/trail_fields), so no rule has code
// here. Strings are quoted for their syntax, so a configured value cannot break out of its place.
#pragma once

#include <string>
#include <vector>

#include "rules/rule.hpp"

namespace stance::fix::syntax {

// The API call that writes each edit: one `aws cloudtrail update-trail` with every UpdateTrail parameter, then
// `start-logging` / `stop-logging`. `region` and `trail` are shell words (quoted or a required variable).
std::vector<std::string> cli_commands(const std::vector<rules::FieldEdit>& edits, const std::string& region,
                                      const std::string& trail);

// "EnableLogFileValidation: true\n" lines for a trail's Properties (YAML), "\"EnableLogFileValidation\": true"
// members (JSON, comma-separated, one per line), "enable_log_file_validation = true" attributes (HCL, `=`
// aligned).
std::string cloudformation_yaml(const std::vector<rules::FieldEdit>& edits);
std::string cloudformation_json(const std::vector<rules::FieldEdit>& edits);
std::string terraform(const std::vector<rules::FieldEdit>& edits);

// The edit's field as a reader of `source` knows it: EnableLogFileValidation, enable_log_file_validation or the
// API's LogFileValidationEnabled.
std::string_view field_name(const rules::FieldEdit& edit, model::SourceKind source);

// UpdateTrail's parameter as the AWS CLI spells its option: EnableLogFileValidation -> enable-log-file-validation.
std::string cli_option(std::string_view parameter);

}  // namespace stance::fix::syntax
