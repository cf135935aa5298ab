#include "rules/ct008/check.hpp"

#include <string>

namespace stance::rules::ct008 {

// stance cannot choose where access logs go: a bucket that is not this one (logging a bucket to itself
// logs its own log writes, forever), in the same region and account, writable by the S3 logging service.
FixIntent fix(const model::Bucket&, const RuleSettings& settings) {
  const std::string_view target = settings.text("log_bucket");
  if (target.empty()) return {.manual = std::string(kManualFix)};
  const std::string prefix(settings.text("log_prefix"));
  ResourceSetting logging;
  logging.cloudformation_property = "LoggingConfiguration";
  logging.cloudformation_members = {{"DestinationBucketName", std::string(target)}};
  if (!prefix.empty()) logging.cloudformation_members.push_back({"LogFilePrefix", prefix});
  logging.terraform_companion = "aws_s3_bucket_logging";
  logging.terraform_members = {{"target_bucket", std::string(target)}, {"target_prefix", prefix}};
  return {.settings = {logging},
          .note = "the target bucket " + std::string(target) +
                  " must allow the S3 logging service (logging.s3.amazonaws.com) to write to it"};
}

}  // namespace stance::rules::ct008
