// Snapshots record the trails' buckets and keys (raw_bucket.hpp): every call's body (S3's XML kept as text,
// the policy and KMS answers embedded as JSON) and error, read back exactly; problems name file:line:col.
#include <gtest/gtest.h>

#include "sources/aws/snapshot.hpp"

namespace stance::sources::aws {
namespace {

constexpr const char* kTrail = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";

ApiCall ok(const std::string& operation, const std::string& body) {
  return ApiCall{operation, "eu-west-1", "2026-12-01T00:00:00Z", body, std::nullopt};
}
ApiCall failed(const std::string& operation, const std::string& code, int status) {
  return ApiCall{operation, "eu-west-1", "2026-12-01T00:00:00Z", "", ApiError{code, "the message", status}};
}

RawAccount account_with_bucket_and_key() {
  RawAccount a;
  a.account_id = "111111111111";
  a.regions = {"us-east-1"};
  RawBucket b;
  b.name = "trail-logs";
  b.region = "eu-west-1";
  b.read_by_account = "111111111111";
  b.trails = {kTrail};
  b.location = ok("GetBucketLocation", "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                       "eu-west-1</LocationConstraint>");
  b.policy = ok("GetBucketPolicy", R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*"}]})");
  b.policy_status = ok("GetBucketPolicyStatus", "<PolicyStatus><IsPublic>true</IsPublic></PolicyStatus>");
  b.acl = failed("GetBucketAcl", "AccessDenied", 403);
  b.public_access_block = failed("GetPublicAccessBlock", "NoSuchPublicAccessBlockConfiguration", 404);
  b.versioning = ok("GetBucketVersioning", "<VersioningConfiguration><Status>Enabled</Status></VersioningConfiguration>");
  b.logging = ok("GetBucketLogging", "<BucketLoggingStatus/>");
  b.object_lock = failed("GetObjectLockConfiguration", "ObjectLockConfigurationNotFoundError", 404);
  a.buckets.push_back(b);
  RawKey k;
  k.key_id = "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666";
  k.region = "eu-west-1";
  k.read_by_account = "111111111111";
  k.trails = {kTrail};
  k.describe = ok("DescribeKey", R"({"KeyMetadata":{"KeyId":"0b3d6a4e-1111-2222-3333-444455556666","KeyManager":"CUSTOMER"}})");
  k.rotation = ok("GetKeyRotationStatus", R"({"KeyRotationEnabled":false})");
  a.keys.push_back(k);
  a.account_public_access_block = failed("GetPublicAccessBlock", "NoSuchPublicAccessBlockConfiguration", 404);
  return a;
}

void expect_same(const ApiCall& a, const ApiCall& b) {
  EXPECT_EQ(a.operation, b.operation);
  EXPECT_EQ(a.region, b.region);
  EXPECT_EQ(a.time, b.time);
  EXPECT_EQ(a.error.has_value(), b.error.has_value()) << a.operation;
  if (a.error && b.error) {
    EXPECT_EQ(a.error->code, b.error->code);
    EXPECT_EQ(a.error->http_status, b.error->http_status);
  }
}

TEST(SnapshotBuckets, RoundTripKeepsEveryCall) {
  const RawAccount written = account_with_bucket_and_key();
  const std::string text = write_snapshot({written}, {"0.1.0", "2026-12-01T00:00:00Z"});
  const SnapshotRead read = read_snapshot_text(text, "snap.json");
  ASSERT_TRUE(read.errors.empty()) << read.errors.front().message;
  EXPECT_TRUE(read.warnings.empty());
  ASSERT_EQ(read.accounts.size(), 1u);
  const RawAccount& a = read.accounts[0];
  ASSERT_EQ(a.buckets.size(), 1u);
  const RawBucket& b = a.buckets[0];
  EXPECT_EQ(b.name, "trail-logs");
  EXPECT_EQ(b.region, "eu-west-1");
  EXPECT_EQ(b.read_by_account, "111111111111");
  EXPECT_EQ(b.trails, std::vector<std::string>{kTrail});
  const auto before = bucket_calls(written.buckets[0]);
  const auto after = bucket_calls(b);
  for (std::size_t i = 0; i < before.size(); ++i) expect_same(*before[i], *after[i]);
  // XML bodies come back byte for byte; the policy (JSON) as equivalent compact JSON.
  EXPECT_EQ(b.location.response, written.buckets[0].location.response);
  EXPECT_EQ(b.versioning.response, written.buckets[0].versioning.response);
  EXPECT_EQ(b.policy.response, written.buckets[0].policy.response);
  ASSERT_EQ(a.keys.size(), 1u);
  EXPECT_EQ(a.keys[0].key_id, written.keys[0].key_id);
  expect_same(a.keys[0].describe, written.keys[0].describe);
  EXPECT_EQ(a.keys[0].rotation.response, R"({"KeyRotationEnabled":false})");
  expect_same(a.account_public_access_block, written.account_public_access_block);
  // Readable: the policy is embedded as JSON, XML kept as a string.
  EXPECT_NE(text.find("\"response_text\": \"<PolicyStatus>"), std::string::npos) << text;
}

TEST(SnapshotBuckets, ATrailsOnlyCollectionWritesNoBucketSections) {
  RawAccount a;
  a.account_id = "111111111111";
  const std::string text = write_snapshot({a}, {"0.1.0", "2026-12-01T00:00:00Z"});
  EXPECT_EQ(text.find("\"buckets\""), std::string::npos);
  EXPECT_EQ(text.find("account_public_access_block"), std::string::npos);
}

TEST(SnapshotBuckets, ProblemsNameFileLineColumn) {
  const std::string text = R"({"stance_snapshot": 1, "accounts": [{"account_id": "111111111111",
  "buckets": [{"region": "eu-west-1", "calls": []},
              {"name": "b", "calls": [{"operation": "GetBucketAcl", "region": "eu-west-1", "response_text": "<x/>"},
                                      {"operation": "GetBucketAcl", "region": "eu-west-1", "response_text": "<x/>"},
                                      {"operation": "DeleteBucket", "region": "eu-west-1", "response_text": ""}]}],
  "keys": [{"key_id": "k", "calls": [{"operation": "DescribeKey"}]}]}]})";
  const SnapshotRead read = read_snapshot_text(text, "s.json");
  ASSERT_EQ(read.errors.size(), 3u);
  EXPECT_NE(read.errors[0].message.find("a bucket needs its name"), std::string::npos);
  EXPECT_EQ(read.errors[0].location.line, 2);
  EXPECT_NE(read.errors[1].message.find("a second GetBucketAcl call for bucket b"), std::string::npos);
  EXPECT_EQ(read.errors[1].location.line, 4);
  EXPECT_NE(read.errors[2].message.find("a call needs its response"), std::string::npos);
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_NE(read.warnings[0].message.find("DeleteBucket"), std::string::npos);
  ASSERT_EQ(read.accounts.size(), 1u);
  EXPECT_EQ(read.accounts[0].buckets.size(), 1u);
  EXPECT_EQ(read.accounts[0].keys.size(), 1u);
}

}  // namespace
}  // namespace stance::sources::aws
