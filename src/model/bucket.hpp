// The normalised S3 bucket a trail delivers to. Every source's adapter builds these for the buckets its unit
// declares or reads; the bucket rules (issue 14: CT-003, CT-004, CT-008, CT-013) judge them. No I/O here.
// Every value carries provenance and position as a trail's do (model/value.hpp): a value only deployment
// knows is Unresolvable and never counts as public or private, on or off.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/resource.hpp"
#include "model/value.hpp"

namespace stance::model {

// The bucket's Block Public Access settings (PublicAccessBlockConfiguration, aws_s3_bucket_public_access_block,
// GetPublicAccessBlock). In IaC a bucket without one gets S3's default for new buckets: all four on.
struct PublicAccessBlock {
  Value<bool> block_public_acls;
  Value<bool> ignore_public_acls;       // neutralises every public ACL grant that exists
  Value<bool> block_public_policy;
  Value<bool> restrict_public_buckets;  // neutralises a public bucket policy
};

// One statement of the bucket policy, reduced to what decides whether it makes the bucket public.
struct PolicyStatement {
  Location where;               // the statement
  std::string sid;              // "" when it has none
  Value<std::string> effect;    // "Allow" | "Deny"
  // Principal "*" or {"AWS": "*"} (or a list holding "*"): anyone, signed or not.
  Value<bool> principal_everyone;
  // The condition keys present in any operator block, as written ("aws:SourceArn"); empty without Condition.
  Value<std::vector<std::string>> condition_keys;
  std::string excerpt;          // a short printable form for messages: Sid, Effect, Principal, Action
};

// A grant of the bucket's ACL to a group, from a canned ACL (AccessControl: PublicRead, acl = "public-read")
// or an explicit grant (aws_s3_bucket_acl access_control_policy, GetBucketAcl).
struct AclGrant {
  Location where;
  std::string grantee;     // "AllUsers" | "AuthenticatedUsers" | another grantee as written
  std::string permission;  // "READ", "WRITE", "FULL_CONTROL", ...
  std::string written;     // how the source says it: "AccessControl: PublicRead", "acl = \"public-read\""
  bool is_public() const { return grantee == "AllUsers" || grantee == "AuthenticatedUsers"; }
};

struct Bucket : ResourceHeader {
  Bucket() { resource_type = "AWS::S3::Bucket"; }
  // The bucket's name: CloudFormation BucketName, Terraform `bucket`; unresolvable when the source leaves it
  // to deployment (CloudFormation and Terraform generate one when it is absent).
  Value<std::string> name;
  std::string region;  // live: where the bucket is

  // CT-003. Defaulted policy = none (empty); Defaulted grants = the owner only (private).
  PublicAccessBlock public_access_block;
  Value<std::vector<PolicyStatement>> policy;
  Value<std::vector<AclGrant>> acl_grants;

  // CT-004. Status "Enabled" | "Suspended" | "Disabled" (never enabled; the default).
  Value<std::string> versioning_status;
  Value<bool> mfa_delete;
  // CloudFormation has no property for MFA delete: why the source cannot say it ("" elsewhere).
  std::string mfa_delete_not_settable;

  // CT-008: server access logging on, and its target ("" = the bucket itself, or not known).
  Value<bool> logging;
  std::string logging_target;

  // CT-013.
  Value<bool> object_lock_enabled;

  // Set when the source could not read this bucket completely (live: AccessDenied on GetBucketPolicy, a
  // bucket of an account not scanned): every bucket rule reports `error` (or `unknown`) with this instead.
  std::string unreadable;
  bool unreadable_is_unknown = false;  // not an error: the bucket is elsewhere (another account, not scanned)
};

// The group an ACL grant names, from the URI S3 uses (http://acs.amazonaws.com/groups/global/AllUsers) or a
// short name; "" for anything else.
std::string acl_group(std::string_view uri_or_name);

// The grants of a canned ACL, written either way (CloudFormation "PublicRead", Terraform and the API
// "public-read"); nullopt for a name S3 does not know.
std::optional<std::vector<AclGrant>> canned_acl_grants(std::string_view canned, const Location& where,
                                                       std::string written);

}  // namespace stance::model
