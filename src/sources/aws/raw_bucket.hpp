// What the live reader collected about the buckets and keys the trails name, before the adapter makes
// model::Bucket / model::Key of them: each call's outcome as AWS returned it (ApiCall, api_call.hpp). S3
// answers in XML (GetBucketPolicy: the policy's JSON text), KMS in JSON. A snapshot records these too.
//
// An error is a fact, never an absence: NoSuchBucketPolicy (no policy), NoSuchPublicAccessBlockConfiguration
// (no block), ObjectLockConfigurationNotFoundError (Object Lock off) say "none"; AccessDenied says the
// scanned account may not read it (the bucket may belong to an account that is not scanned).
#pragma once
#include <string>
#include <vector>

#include "sources/aws/api_call.hpp"

namespace stance::sources::aws {

struct RawBucket {
  std::string name;
  // Where its configuration was read: GetBucketLocation's answer, else the region S3 redirected to, else
  // the region that was asked ("" when nothing answered).
  std::string region;
  // The scanned account whose session read it. When another scanned account's session could read it and
  // the naming account's could not (a log-archive account), that account; otherwise the naming account.
  std::string read_by_account;
  std::vector<std::string> trails;  // ARNs of the trails that name it (S3BucketName), sorted
  ApiCall location;             // GetBucketLocation: <LocationConstraint>region</...> ("" = us-east-1)
  ApiCall policy;               // GetBucketPolicy: the policy document (JSON text)
  ApiCall policy_status;        // GetBucketPolicyStatus: <PolicyStatus><IsPublic>
  ApiCall acl;                  // GetBucketAcl: <AccessControlPolicy><AccessControlList><Grant>...
  ApiCall public_access_block;  // GetPublicAccessBlock: <PublicAccessBlockConfiguration>
  ApiCall versioning;           // GetBucketVersioning: <VersioningConfiguration><Status><MfaDelete>
  ApiCall logging;              // GetBucketLogging: <BucketLoggingStatus><LoggingEnabled>
  ApiCall object_lock;          // GetObjectLockConfiguration: <ObjectLockConfiguration>
};

struct RawKey {
  std::string key_id;  // as the trails name it (KmsKeyId: usually the key ARN; an alias ARN or key ID too)
  std::string region;  // where it was read (from the ARN; else the naming trail's home region)
  std::string read_by_account;      // as for RawBucket
  std::vector<std::string> trails;  // ARNs of the trails that name it (KmsKeyId), sorted
  ApiCall describe;  // DescribeKey: {"KeyMetadata": {KeyId, Arn, KeyManager (AWS | CUSTOMER), KeyState, ...}}
  ApiCall rotation;  // GetKeyRotationStatus: {"KeyRotationEnabled": bool}
};

// The S3 operations of RawBucket, in its member order (snapshot.cpp and the tests name them).
inline constexpr const char* kBucketOperations[] = {
    "GetBucketLocation",  "GetBucketPolicy",     "GetBucketPolicyStatus", "GetBucketAcl",
    "GetPublicAccessBlock", "GetBucketVersioning", "GetBucketLogging",      "GetObjectLockConfiguration"};

inline std::vector<ApiCall*> bucket_calls(RawBucket& b) {
  return {&b.location, &b.policy, &b.policy_status, &b.acl, &b.public_access_block, &b.versioning, &b.logging,
          &b.object_lock};
}
inline std::vector<const ApiCall*> bucket_calls(const RawBucket& b) {
  return {&b.location, &b.policy, &b.policy_status, &b.acl, &b.public_access_block, &b.versioning, &b.logging,
          &b.object_lock};
}

}  // namespace stance::sources::aws
