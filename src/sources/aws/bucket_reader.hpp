// Reads the buckets and KMS keys the trails name (S3BucketName, KmsKeyId), once each however many trails
// name them, after every account's trails were read:
//   bucket: s3:GetBucketLocation, then in the bucket's region GetBucketPolicy, GetBucketPolicyStatus,
//           GetBucketAcl, GetPublicAccessBlock, GetBucketVersioning, GetBucketLogging,
//           GetObjectLockConfiguration; per account that read a bucket, s3control GetPublicAccessBlock;
//   key:    kms:DescribeKey, then GetKeyRotationStatus by the key's ARN, in the key's region.
// Which session reads: the naming account's. When it is refused (AccessDenied: the bucket belongs to another
// account) another scanned account's session is tried, so a log-archive account that is also scanned reads
// its own bucket; keys go straight to the account in their ARN when it is scanned. Every call's outcome is
// kept (raw_bucket.hpp); nothing here decides what it means.
#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "sources/aws/raw_trail.hpp"

namespace stance::sources::aws {

struct RelatedReadOptions {
  bool buckets = true;
  bool keys = true;
  int workers = 8;
  std::string default_region = "us-east-1";  // s3control's region when no bucket names one
};

// accounts: the scan's accounts, as read_account / collect_accounts returned them; each gets the buckets and
// keys its session read. sessions: account ID -> the client to read that account's resources with (an
// account without one is never used to read).
void read_buckets_and_keys(std::vector<RawAccount>& accounts,
                           const std::map<std::string, std::shared_ptr<stance::aws::AwsClient>>& sessions,
                           const RelatedReadOptions& options);

// The S3BucketName and KmsKeyId a trail's DescribeTrails response names ("" when absent or unreadable).
struct TrailTargets {
  std::string bucket;
  std::string key;
};
TrailTargets trail_targets(const RawTrail& trail);

}  // namespace stance::sources::aws
