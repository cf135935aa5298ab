// S3 and KMS answers -> model::Bucket / model::Key (bucket_adapter.hpp), judged by the bucket and key rules:
// S3's XML, the "none" answers, a bucket refused to every scanned account (unknown), failed calls (error,
// naming the call and AWS's code), Block Public Access at bucket and account level, GetBucketPolicyStatus,
// AWS managed keys. No network.
#include <gtest/gtest.h>

#include "rules/ct003/check.hpp"
#include "rules/ct015/check.hpp"
#include "sources/aws/bucket_adapter.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace stance::sources::aws {
namespace {

using rules::Status;

ApiCall ok(const std::string& operation, const std::string& body) {
  return ApiCall{operation, "eu-west-1", "2026-12-01T00:00:00Z", body, std::nullopt};
}
ApiCall failed(const std::string& operation, const std::string& code, int status, std::string message = "msg") {
  return ApiCall{operation, "eu-west-1", "2026-12-01T00:00:00Z", "", ApiError{code, std::move(message), status}};
}

const char* kPublicPolicy =
    R"({"Statement":[{"Sid":"Public","Effect":"Allow","Principal":"*","Action":"s3:GetObject"},)"
    R"({"Sid":"Trail","Effect":"Allow","Principal":{"Service":"cloudtrail.amazonaws.com"},"Action":"s3:PutObject"}]})";
const char* kNoBlock = "NoSuchPublicAccessBlockConfiguration";

RawBucket bucket(const std::string& policy = kPublicPolicy) {
  RawBucket b;
  b.name = "trail-logs";
  b.region = "eu-west-1";
  b.read_by_account = "111111111111";
  b.location = ok("GetBucketLocation", "<LocationConstraint>eu-west-1</LocationConstraint>");
  b.policy = ok("GetBucketPolicy", policy);
  b.policy_status = failed("GetBucketPolicyStatus", "NotImplemented", 501);
  b.acl = ok("GetBucketAcl",
             R"(<AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>abc</ID></Owner>)"
             R"(<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" )"
             R"(xsi:type="CanonicalUser"><ID>abc</ID></Grantee><Permission>FULL_CONTROL</Permission></Grant>)"
             R"(</AccessControlList></AccessControlPolicy>)");
  b.public_access_block = failed("GetPublicAccessBlock", kNoBlock, 404);
  b.versioning = ok("GetBucketVersioning",
                    "<VersioningConfiguration><Status>Enabled</Status><MfaDelete>Enabled</MfaDelete>"
                    "</VersioningConfiguration>");
  b.logging = ok("GetBucketLogging",
                 "<BucketLoggingStatus><LoggingEnabled><TargetBucket>access</TargetBucket><TargetPrefix>t/"
                 "</TargetPrefix></LoggingEnabled></BucketLoggingStatus>");
  b.object_lock = ok("GetObjectLockConfiguration",
                     "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>");
  return b;
}

std::string block(bool all) {
  const char* v = all ? "true" : "false";
  return std::string("<PublicAccessBlockConfiguration><BlockPublicAcls>") + v + "</BlockPublicAcls><IgnorePublicAcls>" +
         v + "</IgnorePublicAcls><BlockPublicPolicy>" + v + "</BlockPublicPolicy><RestrictPublicBuckets>" + v +
         "</RestrictPublicBuckets></PublicAccessBlockConfiguration>";
}

rules::CheckOutcome ct003(const model::Bucket& b) { return rules::ct003::check(b, {}); }

TEST(BucketAdapter, TheBucketIsItsArnWithTheReadingAccountAndEveryAnswerRead) {
  const model::Bucket b = adapt_bucket(bucket(), ApiCall{}, model::SourceKind::Aws);
  EXPECT_EQ(b.id, "arn:aws:s3:::trail-logs");
  EXPECT_EQ(b.where.arn.str(), "arn:aws:s3:::trail-logs");
  EXPECT_EQ(b.where.region, "eu-west-1");
  EXPECT_EQ(b.account_id, "111111111111");
  ASSERT_TRUE(b.name.known());
  EXPECT_EQ(*b.name, "trail-logs");
  EXPECT_TRUE(b.unreadable.empty());
  ASSERT_TRUE(b.policy.known());
  ASSERT_EQ(b.policy->size(), 2u);
  EXPECT_EQ((*b.policy)[0].sid, "Public");
  EXPECT_TRUE(*(*b.policy)[0].principal_everyone);
  EXPECT_FALSE(*(*b.policy)[1].principal_everyone);
  ASSERT_TRUE(b.acl_grants.known());
  ASSERT_EQ(b.acl_grants->size(), 1u);
  EXPECT_FALSE((*b.acl_grants)[0].is_public());
  EXPECT_EQ(*b.versioning_status, "Enabled");
  EXPECT_TRUE(*b.mfa_delete);
  EXPECT_TRUE(*b.logging);
  EXPECT_EQ(b.logging_target, "access");
  EXPECT_TRUE(*b.object_lock_enabled);
  // No block configured: every setting off, and a public statement fails, naming it.
  EXPECT_FALSE(*b.public_access_block.restrict_public_buckets);
  const auto verdict = ct003(b);
  EXPECT_EQ(verdict.status, Status::Fail) << verdict.message;
  EXPECT_NE(verdict.message.find("\"Public\""), std::string::npos) << verdict.message;
}

TEST(BucketAdapter, NoneAnswersAreFactsNotErrors) {
  RawBucket raw = bucket();
  raw.policy = failed("GetBucketPolicy", "NoSuchBucketPolicy", 404);
  raw.object_lock = failed("GetObjectLockConfiguration", "ObjectLockConfigurationNotFoundError", 404);
  raw.versioning = ok("GetBucketVersioning", "<VersioningConfiguration/>");
  raw.logging = ok("GetBucketLogging", "<BucketLoggingStatus/>");
  const model::Bucket b = adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws);
  ASSERT_TRUE(b.policy.known());
  EXPECT_TRUE(b.policy->empty());
  EXPECT_FALSE(*b.object_lock_enabled);
  EXPECT_EQ(*b.versioning_status, "Disabled");
  EXPECT_FALSE(*b.mfa_delete);
  EXPECT_FALSE(*b.logging);
  EXPECT_EQ(ct003(b).status, Status::Pass) << ct003(b).message;
}

TEST(BucketAdapter, AConfiningConditionKeepsAnAllowToAnyonePrivate) {
  const model::Bucket b = adapt_bucket(
      bucket(R"({"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"s3:PutObject",)"
             R"("Condition":{"StringEquals":{"aws:SourceAccount":"111111111111"}}}})"),
      ApiCall{}, model::SourceKind::Aws);
  EXPECT_EQ(ct003(b).status, Status::Pass) << ct003(b).message;
}

TEST(BucketAdapter, APublicAclGrantToAllUsersIsPublicUnlessIgnored) {
  RawBucket raw = bucket(R"({"Statement":[]})");
  raw.acl = ok("GetBucketAcl",
               R"(<AccessControlPolicy><AccessControlList><Grant><Grantee><URI>)"
               R"(http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee><Permission>READ</Permission>)"
               R"(</Grant></AccessControlList></AccessControlPolicy>)");
  model::Bucket b = adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws);
  ASSERT_TRUE(b.acl_grants.known());
  ASSERT_EQ(b.acl_grants->size(), 1u);
  EXPECT_EQ((*b.acl_grants)[0].grantee, "AllUsers");
  EXPECT_EQ(ct003(b).status, Status::Fail);
  EXPECT_NE(ct003(b).message.find("AllUsers"), std::string::npos) << ct003(b).message;
  raw.public_access_block = ok("GetPublicAccessBlock", block(true));
  b = adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws);
  EXPECT_EQ(ct003(b).status, Status::Pass) << ct003(b).message;
  EXPECT_NE(ct003(b).message.find("neutralised"), std::string::npos) << ct003(b).message;
}

TEST(BucketAdapter, TheAccountLevelBlockCountsWhenTheBucketsIsOff) {
  RawBucket raw = bucket();
  raw.public_access_block = ok("GetPublicAccessBlock", block(false));
  EXPECT_EQ(ct003(adapt_bucket(raw, ok("GetPublicAccessBlock", block(false)), model::SourceKind::Aws)).status,
            Status::Fail);
  const model::Bucket b = adapt_bucket(raw, ok("GetPublicAccessBlock", block(true)), model::SourceKind::Aws);
  EXPECT_EQ(ct003(b).status, Status::Pass) << ct003(b).message;
  EXPECT_NE(b.public_access_block.restrict_public_buckets.note.find("account"), std::string::npos);
  // No account block at all: only the bucket's settings count.
  EXPECT_EQ(ct003(adapt_bucket(raw, failed("GetPublicAccessBlock", kNoBlock, 404), model::SourceKind::Aws)).status,
            Status::Fail);
  // The account's block could not be read: a public bucket may or may not be neutralised -> error, never pass.
  EXPECT_EQ(ct003(adapt_bucket(raw, failed("GetPublicAccessBlock", "AccessDenied", 403), model::SourceKind::Aws)).status,
            Status::Error);
}

TEST(BucketAdapter, PolicyStatusIsAwsOwnVerdict) {
  RawBucket raw = bucket();
  raw.policy_status = ok("GetBucketPolicyStatus", "<PolicyStatus><IsPublic>false</IsPublic></PolicyStatus>");
  EXPECT_EQ(ct003(adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws)).status, Status::Pass);
  // AWS says public while stance's reading finds no Allow to anyone: fail, saying AWS said so.
  raw = bucket(R"({"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::222222222222:root"}}]})");
  raw.policy_status = ok("GetBucketPolicyStatus", "<PolicyStatus><IsPublic>true</IsPublic></PolicyStatus>");
  const auto verdict = ct003(adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws));
  EXPECT_EQ(verdict.status, Status::Fail);
  EXPECT_NE(verdict.message.find("GetBucketPolicyStatus"), std::string::npos) << verdict.message;
}

TEST(BucketAdapter, RefusedToEveryScannedAccountIsUnknownOwnedElsewhere) {
  RawBucket raw;
  raw.name = "org-logs";
  raw.region = "us-east-1";
  raw.read_by_account = "222222222222";
  raw.location = failed("GetBucketLocation", "AccessDenied", 403, "Access Denied");
  const model::Bucket b = adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws);
  EXPECT_TRUE(b.unreadable_is_unknown);
  EXPECT_NE(b.unreadable.find("bucket owned by another account, not scanned"), std::string::npos) << b.unreadable;
  EXPECT_NE(b.unreadable.find("s3:GetBucketLocation: AccessDenied"), std::string::npos) << b.unreadable;
  EXPECT_TRUE(b.account_id.empty());
}

TEST(BucketAdapter, OtherFailuresAreErrorsNamingTheCallAndCode) {
  RawBucket raw = bucket();
  raw.location = failed("GetBucketLocation", "SlowDown", 503);
  model::Bucket b = adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws);
  EXPECT_FALSE(b.unreadable_is_unknown);
  EXPECT_NE(b.unreadable.find("s3:GetBucketLocation: SlowDown"), std::string::npos);
  // A bucket that does not exist has nothing to judge (CT-011 reports the failed delivery): unknown, saying so.
  raw.location = failed("GetBucketLocation", "NoSuchBucket", 404);
  b = adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws);
  EXPECT_TRUE(b.unreadable_is_unknown);
  EXPECT_NE(b.unreadable.find("does not exist (s3:GetBucketLocation: NoSuchBucket"), std::string::npos);

  raw = bucket();
  raw.versioning = failed("GetBucketVersioning", "AccessDenied", 403);
  raw.policy = failed("GetBucketPolicy", "InternalError", 500);
  raw.acl = ok("GetBucketAcl", "<AccessControlPolicy><unclosed>");
  b = adapt_bucket(raw, ApiCall{}, model::SourceKind::Aws);
  EXPECT_TRUE(b.unreadable.empty());
  EXPECT_TRUE(b.versioning_status.is_invalid());
  EXPECT_NE(b.mfa_delete.note.find("s3:GetBucketVersioning: AccessDenied"), std::string::npos);
  EXPECT_TRUE(b.policy.is_invalid());
  EXPECT_TRUE(b.acl_grants.is_invalid());
  EXPECT_NE(b.acl_grants.note.find("not XML"), std::string::npos) << b.acl_grants.note;
  EXPECT_EQ(ct003(b).status, Status::Error);
  EXPECT_TRUE(*b.object_lock_enabled);  // the calls that answered still count
}

TEST(BucketAdapter, CallsTheInputLacksAreUnknownNotErrors) {
  RawBucket raw;
  raw.name = "trail-logs";
  raw.acl = ok("GetBucketAcl", "<AccessControlPolicy><AccessControlList/></AccessControlPolicy>");
  const model::Bucket b = adapt_bucket(raw, ApiCall{}, model::SourceKind::Snapshot);
  EXPECT_TRUE(b.unreadable.empty());
  EXPECT_EQ(b.policy.provenance, model::Provenance::Unresolvable);
  EXPECT_EQ(b.object_lock_enabled.provenance, model::Provenance::Unresolvable);
  EXPECT_EQ(ct003(b).status, Status::Unknown) << ct003(b).message;
}

RawKey key(const std::string& manager, const std::string& rotation) {
  RawKey k;
  k.key_id = "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666";
  k.region = "eu-west-1";
  k.read_by_account = "111111111111";
  k.describe = ok("DescribeKey", R"({"KeyMetadata":{"Arn":")" + k.key_id + R"(","KeyManager":")" + manager + R"("}})");
  k.rotation = ok("GetKeyRotationStatus", R"({"KeyRotationEnabled":)" + rotation + "}");
  return k;
}

TEST(KeyAdapter, RotationFromGetKeyRotationStatusAndAwsManagedKeysRotate) {
  model::Key k = adapt_key(key("CUSTOMER", "false"), model::SourceKind::Aws);
  EXPECT_EQ(k.id, "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666");
  EXPECT_EQ(k.account_id, "111111111111");
  EXPECT_EQ(rules::ct015::check(k, {}).status, Status::Fail);
  EXPECT_EQ(rules::ct015::check(adapt_key(key("CUSTOMER", "true"), model::SourceKind::Aws), {}).status, Status::Pass);
  const model::Key managed = adapt_key(key("AWS", "false"), model::SourceKind::Aws);
  EXPECT_EQ(rules::ct015::check(managed, {}).status, Status::Pass);
  EXPECT_NE(managed.rotation_enabled.note.find("AWS managed"), std::string::npos);
  EXPECT_EQ(rules::ct015::check(adapt_key(key("CUSTOMER", "\"yes\""), model::SourceKind::Aws), {}).status,
            Status::Error);
}

TEST(KeyAdapter, AKeyOfAnAccountNotScannedIsUnknownAndOtherFailuresErrors) {
  RawKey k = key("CUSTOMER", "true");
  k.key_id = "arn:aws:kms:eu-west-1:444444444444:key/0b3d6a4e-1111-2222-3333-444455556666";
  k.describe = failed("DescribeKey", "AccessDeniedException", 400);
  k.rotation = {};
  model::Key out = adapt_key(k, model::SourceKind::Aws);
  EXPECT_TRUE(out.unreadable_is_unknown);
  EXPECT_NE(out.unreadable.find("key owned by another account, not scanned"), std::string::npos) << out.unreadable;
  // Its own account refused it: the scanning role lacks kms:DescribeKey, an error.
  k.read_by_account = "444444444444";
  out = adapt_key(k, model::SourceKind::Aws);
  EXPECT_FALSE(out.unreadable_is_unknown);
  EXPECT_NE(out.unreadable.find("kms:DescribeKey: AccessDeniedException"), std::string::npos);
  k = key("CUSTOMER", "true");
  k.rotation = failed("GetKeyRotationStatus", "KMSInternalException", 500);
  out = adapt_key(k, model::SourceKind::Aws);
  EXPECT_EQ(rules::ct015::check(out, {}).status, Status::Error);
  EXPECT_NE(rules::ct015::check(out, {}).message.find("kms:GetKeyRotationStatus: KMSInternalException"),
            std::string::npos);
}

TEST(BucketAdapter, TrailsAreLinkedToTheBucketsAndKeysTheAccountsRead) {
  RawAccount account;
  account.account_id = "111111111111";
  RawTrail trail;
  trail.arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";
  trail.home_region = "us-east-1";
  trail.account_id = trail.seen_from_account = "111111111111";
  const RawKey k = key("CUSTOMER", "true");
  trail.describe = ok("DescribeTrails", R"({"trailList":[{"Name":"main","TrailARN":")" + trail.arn +
                                            R"(","S3BucketName":"trail-logs","KmsKeyId":")" + k.key_id + R"("}]})");
  trail.event_selectors = ok("GetEventSelectors", R"({"TrailARN":")" + trail.arn + R"(","EventSelectors":[]})");
  trail.status = ok("GetTrailStatus", R"({"IsLogging":true})");
  account.trails.push_back(trail);
  account.buckets.push_back(bucket());
  account.keys.push_back(k);
  const SourceResult result = adapt_accounts({account}, model::SourceKind::Aws);
  ASSERT_EQ(result.trails.size(), 1u);
  ASSERT_EQ(result.buckets.size(), 1u);
  ASSERT_EQ(result.keys.size(), 1u);
  EXPECT_EQ(result.trails[0].log_bucket.kind, model::Reference::Kind::Declared);
  EXPECT_EQ(result.trails[0].log_bucket.target, "arn:aws:s3:::trail-logs");
  EXPECT_EQ(result.trails[0].log_key.kind, model::Reference::Kind::Declared);
  EXPECT_EQ(result.trails[0].log_key.target, k.key_id);
}

}  // namespace
}  // namespace stance::sources::aws
