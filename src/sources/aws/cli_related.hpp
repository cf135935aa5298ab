// The JSON the AWS CLI prints for the trails' buckets and keys, as scan input: `aws s3api get-bucket-location
// | get-bucket-policy | get-bucket-policy-status | get-bucket-acl | get-public-access-block |
// get-bucket-versioning | get-bucket-logging | get-object-lock-configuration --bucket B` and `aws kms
// describe-key | get-key-rotation-status --key-id K`. Each becomes the call the live reader would have made
// (raw_bucket.hpp), in the API's own form (S3's XML; KMS's JSON as printed), so one adapter serves live
// scans, snapshots and CLI output.
//
// The S3 outputs do not name their bucket. A file belongs to bucket B when its name starts with "B." or it
// sits in a directory named B (trail-logs/get-bucket-acl.json); otherwise to the one bucket the input's
// trails name; otherwise it is not used, with a warning at the file. get-bucket-logging and
// get-bucket-versioning print nothing for a bucket never configured: an empty file is no input, and the
// fact stays unknown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/document.hpp"
#include "sources/aws/raw_bucket.hpp"
#include "sources/source.hpp"

namespace stance::sources::aws {

enum class CliRelatedKind {
  BucketLocation,       // {"LocationConstraint": "eu-west-1" | null}
  BucketPolicy,         // {"Policy": "<the policy's JSON text>"}
  BucketPolicyStatus,   // {"PolicyStatus": {"IsPublic": true}}
  BucketAcl,            // {"Owner": {...}, "Grants": [...]}
  PublicAccessBlock,    // {"PublicAccessBlockConfiguration": {...}}
  BucketVersioning,     // {"Status": "Enabled", "MFADelete": "Disabled"}
  BucketLogging,        // {"LoggingEnabled": {...}}
  ObjectLock,           // {"ObjectLockConfiguration": {...}}
  DescribeKey,          // {"KeyMetadata": {...}}
  KeyRotationStatus,    // {"KeyRotationEnabled": false}
};

const char* to_string(CliRelatedKind kind);  // "get-bucket-policy", ..., "describe-key"
// The API operation the output answers ("GetBucketPolicy", "DescribeKey").
const char* operation_of(CliRelatedKind kind);
std::optional<CliRelatedKind> cli_related_kind(const doc::Node& root);

struct CliRelatedFile {
  std::string path;
  CliRelatedKind kind = CliRelatedKind::BucketPolicy;
  const doc::Node* root = nullptr;  // owned by the caller's document
};

struct CliRelated {
  std::vector<RawBucket> buckets;
  std::vector<RawKey> keys;
};

// The API's response body for one output: S3's XML, or the JSON itself for KMS.
std::string api_body(CliRelatedKind kind, const doc::Node& root);

// Joins the outputs to their buckets and keys. named_buckets / named_keys: trail ARN -> S3BucketName /
// KmsKeyId of the input's trails (each RawBucket / RawKey lists the trails naming it). Unused outputs and
// second outputs of one call are warnings in `diagnostics`, at their file.
CliRelated join_cli_related(const std::vector<CliRelatedFile>& files,
                            const std::vector<std::pair<std::string, std::string>>& named_buckets,
                            const std::vector<std::pair<std::string, std::string>>& named_keys,
                            SourceResult& diagnostics);

}  // namespace stance::sources::aws
