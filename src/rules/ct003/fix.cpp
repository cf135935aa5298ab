#include "rules/ct003/check.hpp"

#include <string>

namespace stance::rules::ct003 {

namespace {

constexpr std::string_view kBlocks[] = {"BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy",
                                        "RestrictPublicBuckets"};
constexpr std::string_view kTerraformBlocks[] = {"block_public_acls", "ignore_public_acls", "block_public_policy",
                                                 "restrict_public_buckets"};

// The policy statements and ACL grants that would make the bucket public without the block: the fix
// neutralises them, and a person removes or confines them.
std::string exposures(const model::Bucket& bucket) {
  std::string out;
  if (bucket.policy.known()) {
    for (const model::PolicyStatement& s : *bucket.policy) {
      const bool allow = s.effect.known() && *s.effect == "Allow";
      const bool everyone = s.principal_everyone.known() && *s.principal_everyone;
      if (!allow || !everyone) continue;
      out += (out.empty() ? "" : "; ") + std::string("the policy statement ") +
             (s.sid.empty() ? "" : "Sid " + s.sid + " ") + "(" + s.excerpt + ") at " + model::to_string(s.where);
    }
  }
  if (bucket.acl_grants.known()) {
    for (const model::AclGrant& g : *bucket.acl_grants) {
      if (g.is_public()) out += (out.empty() ? "" : "; ") + g.written + " at " + model::to_string(g.where);
    }
  }
  return out;
}

}  // namespace

// Block Public Access, all four on, neutralises every public policy statement and ACL grant. A bucket
// policy is never edited: what it grants is the owner's decision, and a wrong edit locks CloudTrail out.
FixIntent fix(const model::Bucket& bucket, const RuleSettings&) {
  ResourceSetting block;
  block.cloudformation_property = "PublicAccessBlockConfiguration";
  block.terraform_companion = "aws_s3_bucket_public_access_block";
  for (std::string_view name : kBlocks) block.cloudformation_members.push_back({name, true});
  for (std::string_view name : kTerraformBlocks) block.terraform_members.push_back({name, true});
  FixIntent intent{.settings = {block}};
  if (const std::string found = exposures(bucket); !found.empty()) {
    intent.note = "stance never edits a bucket policy or ACL: remove or confine (for example with an "
                  "aws:SourceArn condition) " + found + " by hand";
  }
  return intent;
}

}  // namespace stance::rules::ct003
