#include "model/trail_fields.hpp"

#include <array>
#include <stdexcept>

namespace stance::model {

namespace {

// Defaults: the CloudFormation resource reference, the Terraform AWS provider's aws_cloudtrail schema and
// the CloudTrail API reference (CreateTrail, GetTrailStatus). ../shared/DESIGN.md section 3.
const std::array kBoolFields{
    BoolField{"is_logging",
              {"IsLogging", "enable_logging", "IsLogging", "GetTrailStatus", "", "StartLogging"},
              &Trail::is_logging,
              {std::nullopt, true, std::nullopt}},
    BoolField{"is_multi_region",
              {"IsMultiRegionTrail", "is_multi_region_trail", "IsMultiRegionTrail", "DescribeTrails",
               "IsMultiRegionTrail", "UpdateTrail"},
              &Trail::is_multi_region,
              {false, false, false}},
    BoolField{"is_organization_trail",
              {"IsOrganizationTrail", "is_organization_trail", "IsOrganizationTrail", "DescribeTrails",
               "IsOrganizationTrail", "UpdateTrail"},
              &Trail::is_organization_trail,
              {false, false, false}},
    BoolField{"include_global_service_events",
              {"IncludeGlobalServiceEvents", "include_global_service_events", "IncludeGlobalServiceEvents",
               "DescribeTrails", "IncludeGlobalServiceEvents", "UpdateTrail"},
              &Trail::include_global_service_events,
              {true, true, true}},
    BoolField{"log_file_validation",
              {"EnableLogFileValidation", "enable_log_file_validation", "LogFileValidationEnabled",
               "DescribeTrails", "EnableLogFileValidation", "UpdateTrail"},
              &Trail::log_file_validation,
              {false, false, false}},
};

const std::array kStringFields{
    StringField{"kms_key_id",
                {"KMSKeyId", "kms_key_id", "KmsKeyId", "DescribeTrails", "KmsKeyId", "UpdateTrail"},
                &Trail::kms_key_id,
                {}},
    StringField{"cloudwatch_logs_log_group_arn",
                {"CloudWatchLogsLogGroupArn", "cloud_watch_logs_group_arn", "CloudWatchLogsLogGroupArn",
                 "DescribeTrails", "CloudWatchLogsLogGroupArn", "UpdateTrail"},
                &Trail::cloudwatch_logs_log_group_arn,
                {}},
    StringField{"cloudwatch_logs_role_arn",
                {"CloudWatchLogsRoleArn", "cloud_watch_logs_role_arn", "CloudWatchLogsRoleArn", "DescribeTrails",
                 "CloudWatchLogsRoleArn", "UpdateTrail"},
                &Trail::cloudwatch_logs_role_arn,
                {}},
    StringField{"s3_bucket_name",
                {"S3BucketName", "s3_bucket_name", "S3BucketName", "DescribeTrails", "S3BucketName", "UpdateTrail"},
                &Trail::s3_bucket_name,
                {}},
    StringField{"s3_key_prefix",
                {"S3KeyPrefix", "s3_key_prefix", "S3KeyPrefix", "DescribeTrails", "S3KeyPrefix", "UpdateTrail"},
                &Trail::s3_key_prefix,
                {}},
};

template <class Rows>
const auto& find_row(const Rows& rows, std::string_view id) {
  for (const auto& row : rows) {
    if (row.id == id) return row;
  }
  throw std::logic_error("no trail field named " + std::string(id));
}

}  // namespace

std::span<const BoolField> bool_trail_fields() { return kBoolFields; }
std::span<const StringField> string_trail_fields() { return kStringFields; }

const BoolField& bool_trail_field(std::string_view id) { return find_row(kBoolFields, id); }
const StringField& string_trail_field(std::string_view id) { return find_row(kStringFields, id); }

const FieldNames* field_names(std::string_view id) {
  for (const auto& row : kBoolFields) {
    if (row.id == id) return &row.names;
  }
  for (const auto& row : kStringFields) {
    if (row.id == id) return &row.names;
  }
  return nullptr;
}

std::string_view field_name(const FieldNames& names, SourceKind source) {
  switch (source) {
    case SourceKind::CloudFormation: return names.cloudformation;
    case SourceKind::Terraform: return names.terraform;
    case SourceKind::Aws:
    case SourceKind::Snapshot: return names.api_read;
  }
  return names.api_read;
}

}  // namespace stance::model
