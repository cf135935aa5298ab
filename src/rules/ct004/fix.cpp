#include "rules/ct004/check.hpp"

#include <string>

#include "common/shell_quote.hpp"

namespace stance::rules::ct004 {

// Never automatic: S3 accepts MFADelete only from the bucket owner's root user, with the code of the root
// user's MFA device, which no credentials stance runs with can provide. The exact command is printed.
FixIntent fix(const model::Bucket& bucket, const RuleSettings&) {
  const std::string name = bucket.name.known() && !bucket.name->empty() ? *bucket.name : "BUCKET";
  const std::string account = bucket.account_id.empty() ? "ACCOUNT" : bucket.account_id;
  const std::string command = "aws s3api put-bucket-versioning --bucket " + shell::quote(name) +
                              " --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa " +
                              shell::quote("arn:aws:iam::" + account + ":mfa/root-account-mfa-device 123456");
  std::string why = "MFA delete can only be turned on by the bucket owner's root user with the root user's MFA "
                    "device, which stance never has";
  if (bucket.source == model::SourceKind::CloudFormation) {
    why += " (and CloudFormation has no property for it)";
  }
  return {.manual = why + ": signed in as root, run `" + command +
                    "` with the device's serial (ARN) and its current code in place of the example"};
}

}  // namespace stance::rules::ct004
