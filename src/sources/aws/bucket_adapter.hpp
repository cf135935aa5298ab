// S3 and KMS answers -> model::Bucket / model::Key, for the bucket and key rules (CT-003, CT-004, CT-008,
// CT-013, CT-015). One adapter for every way the answers reach stance: a live scan, a snapshot and AWS CLI
// output (all as RawBucket / RawKey, raw_bucket.hpp).
//
// A bucket's id and location are its ARN (arn:aws:s3:::NAME), a key's id is what the trails name (usually the
// key ARN) and its location the key's ARN; both carry the owning account when it is known.
//   - S3's "none" answers are facts: NoSuchBucketPolicy (no policy), NoSuchPublicAccessBlockConfiguration (no
//     block: every setting off), ObjectLockConfigurationNotFoundError (Object Lock off).
//   - Refused to every scanned account (AccessDenied): the bucket or key belongs to an account that is not
//     scanned, so every rule says unknown ("bucket owned by another account, not scanned").
//   - A bucket or key that does not exist (NoSuchBucket, NotFoundException) is unknown too: nothing to judge,
//     and CT-011 reports the failed delivery.
//   - Any other failure makes the values that call gives Invalid (the rules say error), naming the call and
//     AWS's error code; a call the input does not have (CLI output) leaves its values Unresolvable (unknown).
//   - Block Public Access: a setting true at the bucket or at the owning account (s3control) counts.
//   - GetBucketPolicyStatus (where it answers) is AWS's own verdict on the policy: IsPublic false clears the
//     statements stance would call public (AWS knows more confining conditions), IsPublic true with no
//     statement stance finds public adds one.
#pragma once

#include <string>

#include "model/bucket.hpp"
#include "model/key.hpp"
#include "sources/aws/api_call.hpp"
#include "sources/aws/raw_bucket.hpp"

namespace stance::sources::aws {

// account_block: s3control GetPublicAccessBlock of the account that read the bucket (not present: unknown to
// the input, and only the bucket's own settings count).
model::Bucket adapt_bucket(const RawBucket& raw, const ApiCall& account_block, model::SourceKind kind,
                           const std::string& partition = "aws");

model::Key adapt_key(const RawKey& raw, model::SourceKind kind);

}  // namespace stance::sources::aws
