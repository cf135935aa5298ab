#include "rules/ct004/check.hpp"

#include <string>

#include "rules/common/related.hpp"

namespace stance::rules::ct004 {

namespace {

const SourceNames kStatus{"VersioningConfiguration.Status", "versioning_configuration.status", "Status"};
const SourceNames kMfaDelete{"MFADelete", "mfa_delete", "MFADelete"};

}  // namespace

CheckOutcome check(const model::Bucket& bucket, const RuleSettings&) {
  const std::string status_name(name_in(kStatus, bucket.source));
  const model::Value<std::string>& status = bucket.versioning_status;
  // CloudFormation cannot turn MFA delete on: whatever the template says, the bucket fails until someone
  // enables it with the root user's MFA device, outside the template.
  if (!bucket.mfa_delete_not_settable.empty()) {
    const std::string versioning = status.known() ? "versioning is " + *status : "versioning is not known";
    return {Status::Fail, "MFA delete is not enabled: " + bucket.mfa_delete_not_settable + " (" + versioning + ")",
            status.known() && !status.is_defaulted() ? status.where : bucket.where};
  }
  if (status.is_invalid()) return {Status::Error, status_name + " could not be read: " + status.note, status.where};
  if (status.known() && *status != "Enabled") {
    return {Status::Fail,
            "versioning is not enabled: " + status_name + " is " +
                (status.is_defaulted() ? "not set (versioning never enabled)" : *status) +
                ", and MFA delete needs versioning",
            status.where};
  }
  const std::string mfa_name(name_in(kMfaDelete, bucket.source));
  CheckOutcome mfa = require_flag(bucket.mfa_delete, mfa_name, "versioning is enabled with MFA delete",
                                  "MFA delete is not enabled");
  if (mfa.status == Status::Pass && !status.known()) {
    return {Status::Unknown, status_name + " is known only at deployment" + (status.note.empty() ? "" : " (" + status.note + ")"),
            status.where};
  }
  return mfa;
}

const std::string_view kManualFix =
    "MFA delete can only be turned on by the bucket owner's root user with its MFA device: run `aws s3api "
    "put-bucket-versioning --bucket BUCKET --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa "
    "\"SERIAL CODE\"` with the root user's credentials (SERIAL: the device's ARN, CODE: its current code)";

}  // namespace stance::rules::ct004
