// The bucket and key reader against the test endpoint (tests/aws/fake_aws: S3 and KMS over their real wire
// protocols, signatures checked with botocore's S3 rules): every call of a bucket and a key, the bucket read
// in its own region after a redirect, a log-archive bucket read with its owner's session, a bucket of an
// account that is not scanned, one read per bucket however many trails name it, faults kept as errors.
#include <gtest/gtest.h>

#include <algorithm>

#include "aws/aws_client.hpp"
#include "aws/credentials/basic_providers.hpp"
#include "aws/fake_aws/fixture.hpp"
#include "sources/aws/accounts.hpp"
#include "sources/aws/bucket_reader.hpp"

namespace stance::sources::aws {
namespace {

using stance::testing::FakeAws;

constexpr const char* kState = R"({
  "credentials": {
    "AKIDTRAILS00000001": {"secret": "trails-secret", "account": "111111111111"},
    "AKIDARCHIVE0000002": {"secret": "archive-secret", "account": "222222222222"}
  },
  "accounts": {
    "111111111111": {"public_access_block": {"BlockPublicAcls": true, "IgnorePublicAcls": true,
                                             "BlockPublicPolicy": true, "RestrictPublicBuckets": true},
                     "regions": ["us-east-1"],
                     "trails": [{"Name": "main", "HomeRegion": "us-east-1", "S3BucketName": "trail-logs",
                                 "KmsKeyId": "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666"}]}
  },
  "buckets": {
    "trail-logs": {"owner": "111111111111", "region": "eu-west-1",
      "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                 "Resource": "arn:aws:s3:::trail-logs/*"}]},
      "acl": [{"grantee": "AllUsers", "permission": "READ"}],
      "versioning": {"Status": "Enabled", "MfaDelete": "Enabled"},
      "logging": {"TargetBucket": "access-logs", "TargetPrefix": "trail/"},
      "object_lock": {"ObjectLockEnabled": "Enabled"}},
    "archive-logs": {"owner": "222222222222", "region": "us-east-1"},
    "foreign-logs": {"owner": "999999999999", "region": "us-east-1"}
  },
  "keys": {
    "0b3d6a4e-1111-2222-3333-444455556666": {"owner": "111111111111", "region": "eu-west-1", "rotation": false,
                                             "aliases": ["alias/trail"]}
  }
})";

std::shared_ptr<stance::aws::AwsClient> client_for(const FakeAws& fake, const std::string& key,
                                                   const std::string& secret) {
  stance::aws::Endpoints endpoints;
  endpoints.override_url = fake.endpoint();
  stance::aws::RetryPolicy retry;
  retry.max_attempts = 2;
  retry.base_delay = std::chrono::milliseconds(1);
  return std::make_shared<stance::aws::AwsClient>(
      std::shared_ptr<stance::aws::HttpClient>(stance::aws::make_curl_http_client()),
      stance::aws::credentials::make_static_provider({key, secret, ""}, "test"), endpoints, retry);
}

RawTrail trail(const std::string& account, const std::string& name, const std::string& bucket,
               const std::string& key = "") {
  RawTrail t;
  t.arn = "arn:aws:cloudtrail:us-east-1:" + account + ":trail/" + name;
  t.home_region = "us-east-1";
  t.account_id = account;
  t.seen_from_account = account;
  std::string entry = "{\"Name\":\"" + name + "\",\"TrailARN\":\"" + t.arn + "\",\"S3BucketName\":\"" + bucket + "\"";
  if (!key.empty()) entry += ",\"KmsKeyId\":\"" + key + "\"";
  t.describe = ApiCall{"DescribeTrails", "us-east-1", "", "{\"trailList\":[" + entry + "}]}", std::nullopt};
  return t;
}

const RawBucket* find_bucket(const RawAccount& a, const std::string& name) {
  for (const auto& b : a.buckets) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

class BucketReader : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    fake = std::make_unique<FakeAws>(kState);
    sessions["111111111111"] = client_for(*fake, "AKIDTRAILS00000001", "trails-secret");
  }
  std::unique_ptr<FakeAws> fake;
  std::map<std::string, std::shared_ptr<stance::aws::AwsClient>> sessions;
};

TEST_F(BucketReader, ReadsEveryCallOfABucketInItsRegionAndItsKey) {
  const std::string key_arn = "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666";
  RawAccount a;
  a.account_id = "111111111111";
  // Two trails share the bucket and the key: each is read once.
  a.trails = {trail("111111111111", "main", "trail-logs", key_arn), trail("111111111111", "second", "trail-logs",
                                                                          "arn:aws:kms:eu-west-1:111111111111:alias/trail")};
  std::vector<RawAccount> accounts = {a};
  read_buckets_and_keys(accounts, sessions, {});
  ASSERT_EQ(accounts[0].buckets.size(), 1u);
  const RawBucket& b = accounts[0].buckets[0];
  EXPECT_EQ(b.region, "eu-west-1");
  EXPECT_EQ(b.read_by_account, "111111111111");
  EXPECT_EQ(b.trails.size(), 2u);
  for (const ApiCall* call : bucket_calls(b)) {
    ASSERT_TRUE(call->present());
    if (call == &b.public_access_block) continue;  // none: below
    EXPECT_FALSE(call->error) << call->operation << ": " << call->error->code << " " << call->error->message;
    if (call != &b.location) {
      EXPECT_EQ(call->region, "eu-west-1") << call->operation;
    }
  }
  EXPECT_EQ(b.location.region, "us-east-1") << "asked where the naming trail is; S3 answers from there";
  EXPECT_NE(b.location.response.find(">eu-west-1</LocationConstraint>"), std::string::npos);
  EXPECT_NE(b.policy.response.find("\"Principal\": \"*\""), std::string::npos) << b.policy.response;
  EXPECT_NE(b.policy_status.response.find("<IsPublic>true</IsPublic>"), std::string::npos);
  EXPECT_NE(b.acl.response.find("groups/global/AllUsers"), std::string::npos);
  EXPECT_NE(b.versioning.response.find("<MfaDelete>Enabled</MfaDelete>"), std::string::npos);
  EXPECT_NE(b.logging.response.find("<TargetBucket>access-logs</TargetBucket>"), std::string::npos);
  EXPECT_NE(b.object_lock.response.find("<ObjectLockEnabled>Enabled</ObjectLockEnabled>"), std::string::npos);
  // No bucket-level block: a fact, kept as AWS's error code.
  EXPECT_EQ(b.public_access_block.error->code, "NoSuchPublicAccessBlockConfiguration");
  EXPECT_EQ(fake->call_count("GetBucketPolicy"), 1);
  // The account's own block, through s3control.
  ASSERT_TRUE(accounts[0].account_public_access_block.present());
  EXPECT_FALSE(accounts[0].account_public_access_block.error);
  EXPECT_NE(accounts[0].account_public_access_block.response.find("<BlockPublicPolicy>true</BlockPublicPolicy>"),
            std::string::npos);
  // Two names of one key are two entries, each read (the alias through DescribeKey's ARN).
  ASSERT_EQ(accounts[0].keys.size(), 2u);
  for (const RawKey& k : accounts[0].keys) {
    EXPECT_EQ(k.region, "eu-west-1");
    ASSERT_FALSE(k.describe.error) << k.describe.error->code;
    EXPECT_NE(k.describe.response.find("\"KeyManager\": \"CUSTOMER\""), std::string::npos) << k.describe.response;
    ASSERT_FALSE(k.rotation.error) << k.rotation.error->code;
    EXPECT_NE(k.rotation.response.find("\"KeyRotationEnabled\": false"), std::string::npos);
  }
}

TEST_F(BucketReader, ALogArchiveBucketIsReadWithItsOwnersSessionAnotherAccountsIsDenied) {
  sessions["222222222222"] = client_for(*fake, "AKIDARCHIVE0000002", "archive-secret");
  RawAccount trails, archive;
  trails.account_id = "111111111111";
  archive.account_id = "222222222222";
  trails.trails = {trail("111111111111", "to-archive", "archive-logs"), trail("111111111111", "to-foreign", "foreign-logs")};
  std::vector<RawAccount> accounts = {trails, archive};
  read_buckets_and_keys(accounts, sessions, {.keys = false});
  const RawBucket* archived = find_bucket(accounts[1], "archive-logs");
  ASSERT_NE(archived, nullptr) << "the archive account's session reads its bucket";
  EXPECT_EQ(archived->read_by_account, "222222222222");
  EXPECT_FALSE(archived->location.error);
  EXPECT_EQ(archived->public_access_block.error->code, "NoSuchPublicAccessBlockConfiguration");
  EXPECT_EQ(archived->trails, std::vector<std::string>{"arn:aws:cloudtrail:us-east-1:111111111111:trail/to-archive"});
  const RawBucket* foreign = find_bucket(accounts[0], "foreign-logs");
  ASSERT_NE(foreign, nullptr) << "a bucket no session may read stays with the naming account";
  ASSERT_TRUE(foreign->location.error);
  EXPECT_EQ(foreign->location.error->code, "AccessDenied");
  EXPECT_EQ(foreign->location.error->http_status, 403);
  EXPECT_FALSE(foreign->policy.present()) << "nothing more is asked of a bucket that refused";
}

TEST_F(BucketReader, FaultsAreKeptAsTheCallsErrors) {
  fake->set_faults(R"([{"operation": "GetBucketAcl", "kind": "access_denied"},
                       {"operation": "GetBucketVersioning", "kind": "throttle"},
                       {"operation": "GetKeyRotationStatus", "kind": "server_error"}])");
  RawAccount a;
  a.account_id = "111111111111";
  a.trails = {trail("111111111111", "main", "trail-logs", "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666")};
  std::vector<RawAccount> accounts = {a};
  read_buckets_and_keys(accounts, sessions, {});
  const RawBucket& b = accounts[0].buckets.at(0);
  EXPECT_EQ(b.acl.error->code, "AccessDenied");
  EXPECT_EQ(b.versioning.error->code, "SlowDown");
  EXPECT_EQ(fake->call_count("GetBucketVersioning"), 2) << "SlowDown is retried";
  EXPECT_FALSE(b.logging.error);
  EXPECT_EQ(accounts[0].keys.at(0).rotation.error->code, "InternalFailure");
}

TEST_F(BucketReader, NothingIsReadWhenNoTrailNamesABucket) {
  RawAccount a;
  a.account_id = "111111111111";
  std::vector<RawAccount> accounts = {a};
  read_buckets_and_keys(accounts, sessions, {});
  EXPECT_TRUE(accounts[0].buckets.empty());
  EXPECT_FALSE(accounts[0].account_public_access_block.present());
  EXPECT_EQ(fake->call_count(), 0);
}

TEST_F(BucketReader, TheLiveReadReadsBucketsAndKeysOnlyWhenAsked) {
  ReadOptions read;
  read.regions = {"us-east-1"};
  auto no_roles = [](std::shared_ptr<stance::aws::AwsClient>, const std::string&, const std::string&) {
    return std::shared_ptr<stance::aws::CredentialProvider>();
  };
  CollectResult plain = collect_accounts(sessions.at("111111111111"), "us-east-1", {}, read, no_roles);
  ASSERT_EQ(plain.accounts.size(), 1u);
  EXPECT_EQ(plain.accounts[0].trails.size(), 1u);
  EXPECT_TRUE(plain.accounts[0].buckets.empty());
  EXPECT_EQ(fake->call_count("GetBucketLocation") + fake->call_count("DescribeKey"), 0);

  read.read_buckets = true;
  read.read_keys = true;
  CollectResult full = collect_accounts(sessions.at("111111111111"), "us-east-1", {}, read, no_roles);
  ASSERT_EQ(full.accounts.size(), 1u);
  ASSERT_EQ(full.accounts[0].buckets.size(), 1u);
  EXPECT_EQ(full.accounts[0].buckets[0].name, "trail-logs");
  EXPECT_EQ(full.accounts[0].buckets[0].region, "eu-west-1");
  ASSERT_EQ(full.accounts[0].keys.size(), 1u);
  EXPECT_FALSE(full.accounts[0].keys[0].rotation.error);
  EXPECT_TRUE(full.accounts[0].account_public_access_block.present());
}

}  // namespace
}  // namespace stance::sources::aws
