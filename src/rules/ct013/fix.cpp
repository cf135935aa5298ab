#include "rules/ct013/check.hpp"

namespace stance::rules::ct013 {

// Object Lock cannot be turned off again, and on a bucket that already exists the template edit does not
// simply turn it on: the Terraform AWS provider documents object_lock_enabled as "forces new resource" (the
// plan destroys the bucket, logs and all, and creates it again), and whether CloudFormation can update a
// deployed bucket in place has to be checked in the change set. So the edit is made only when the user asks
// for CT-013 by name.
FixIntent fix(const model::Bucket& bucket, const RuleSettings&) {
  ResourceSetting lock;
  lock.cloudformation_property = "ObjectLockEnabled";
  lock.terraform_attribute = "object_lock_enabled";
  lock.value = true;
  FixIntent intent{.settings = {lock}, .needs_explicit_opt_in = true};
  if (bucket.source == model::SourceKind::Aws || bucket.source == model::SourceKind::Snapshot) {
    intent.settings.clear();
    intent.manual = "Object Lock on an existing bucket is PutObjectLockConfiguration (ObjectLockEnabled: Enabled), "
                    "which can never be undone: versioning can no longer be suspended and the bucket can no longer "
                    "receive server access logs; stance does not make this change, run `aws s3api "
                    "put-object-lock-configuration` yourself after choosing the retention (see `stance kb show "
                    "CT-013`)";
    return intent;
  }
  intent.note = "Object Lock cannot be turned off once enabled. For a bucket not yet created this edit is all it "
                "takes; for a bucket that already exists, Terraform's AWS provider marks object_lock_enabled as "
                "forcing a new resource (terraform plan shows the bucket destroyed and created again: do not apply "
                "that for a log bucket), and CloudFormation must be checked in a change set before deploying; "
                "there, enable it with PutObjectLockConfiguration instead (see `stance kb show CT-013`)";
  return intent;
}

}  // namespace stance::rules::ct013
