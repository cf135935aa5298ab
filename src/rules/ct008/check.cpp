#include "rules/ct008/check.hpp"

#include <string>

#include "rules/common/related.hpp"

namespace stance::rules::ct008 {

namespace {

const SourceNames kLogging{"LoggingConfiguration", "aws_s3_bucket_logging (or the logging block)", "LoggingEnabled"};

}  // namespace

CheckOutcome check(const model::Bucket& bucket, const RuleSettings&) {
  const std::string name(name_in(kLogging, bucket.source));
  const std::string target = bucket.logging_target.empty() ? "" : " to " + bucket.logging_target;
  CheckOutcome out = require_flag(bucket.logging, name, "server access logging is on" + target,
                                  "server access logging is off");
  if (out.status == Status::Fail && bucket.logging.is_defaulted()) {
    out.message = "server access logging is off: no " + name + " applies to the bucket";
  }
  return out;
}

const std::string_view kManualFix =
    "needs a bucket to receive the access logs: name it as CT-008's setting log_bucket (and optionally "
    "log_prefix) in .stance.yaml, or add a logging configuration by hand (see `stance kb show CT-008`)";

}  // namespace stance::rules::ct008
