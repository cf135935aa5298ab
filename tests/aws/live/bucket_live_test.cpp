// The bucket and key rules (CT-003, CT-004, CT-008, CT-013, CT-015) end to end on the live path: `stance scan
// --aws` against the test endpoint's S3 and KMS with fake_aws/data/bucket_rules.json (three scanned accounts,
// one log-archive bucket among them, one bucket and key of an account not scanned), and `stance collect` +
// an offline scan of the snapshot giving the same findings. Only a selected rule that needs buckets or keys
// makes stance read them.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/report_findings.hpp"
#include "aws/live/run_stance.hpp"

namespace stance::testing {
namespace {

const char* kSecretKey = "bucket-rules-secret-1";
const std::set<std::string> kRelatedRules = {"CT-003", "CT-004", "CT-008", "CT-013", "CT-015"};

std::string bucket_arn(const std::string& name) { return "arn:aws:s3:::" + name; }

class BucketLive : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    aws_ = std::make_unique<FakeAws>(FakeAws::read_file(FakeAws::data_file("bucket_rules.json")));
  }

  StanceRun run(std::vector<std::string> args) {
    args.insert(args.end(), {"--accounts", "111111111111,222222222222,333333333333", "--role-arn",
                             "arn:aws:iam::{account}:role/Audit", "--max-attempts", "2", "--timeout", "5"});
    StanceRun r = run_stance(args, {{"AWS_ACCESS_KEY_ID", "AKIDBUCKETRULES001"},
                                    {"AWS_SECRET_ACCESS_KEY", kSecretKey},
                                    {"AWS_ENDPOINT_URL", aws_->endpoint()},
                                    {"AWS_REGION", "us-east-1"}});
    EXPECT_EQ(r.out.find(kSecretKey), std::string::npos);
    EXPECT_EQ(r.err.find(kSecretKey), std::string::npos);
    return r;
  }

  std::unique_ptr<FakeAws> aws_;
};

std::map<RuleKey, RuleFinding> related(const std::string& json) {
  return findings_by_rule(json, [](std::string_view rule) { return kRelatedRules.count(std::string(rule)) > 0; });
}

const RuleFinding& at(const std::map<RuleKey, RuleFinding>& f, const std::string& rule, const std::string& id,
                      const std::string& output) {
  static const RuleFinding none{"(none)", "", "", "", "", "", ""};
  auto it = f.find({rule, id});
  if (it == f.end()) {
    ADD_FAILURE() << rule << " has no finding for " << id << "\n" << output;
    return none;
  }
  return it->second;
}

TEST_F(BucketLive, EachRuleJudgesEachBucketAndKeyOnceWithItsOwner) {
  const StanceRun r = run({"scan", "--aws", "--rule", "CT-003", "--rule", "CT-004", "--rule", "CT-008", "--rule", "CT-013",
                          "--rule", "CT-015", "-f", "json"});
  EXPECT_EQ(r.code, 1) << r.err;  // failures, and nothing that could not be read as an error
  const auto f = related(r.out);
  const std::string shared = bucket_arn("shared-logs-111111111111");

  // Two trails share one bucket: one finding per rule, naming both trails.
  const RuleFinding& public_ = at(f, "CT-003", shared, r.out);
  EXPECT_EQ(public_.status, "fail");
  EXPECT_NE(public_.message.find("\"Public\""), std::string::npos) << public_.message;
  EXPECT_NE(public_.message.find("trail/main"), std::string::npos) << public_.message;
  EXPECT_NE(public_.message.find("trail/second"), std::string::npos) << public_.message;
  EXPECT_EQ(public_.arn, shared);
  EXPECT_EQ(public_.region, "eu-west-1");
  EXPECT_EQ(public_.account, "111111111111");
  EXPECT_EQ(public_.type, "AWS::S3::Bucket");
  EXPECT_EQ(public_.name, "shared-logs-111111111111");
  for (const char* rule : {"CT-004", "CT-008", "CT-013"}) EXPECT_EQ(at(f, rule, shared, r.out).status, "pass") << rule;

  // A confining condition keeps an Allow to anyone private; no MFA delete, logging or Object Lock.
  const std::string confined = bucket_arn("confined-logs-222222222222");
  EXPECT_EQ(at(f, "CT-003", confined, r.out).status, "pass") << at(f, "CT-003", confined, r.out).message;
  for (const char* rule : {"CT-004", "CT-008", "CT-013"}) EXPECT_EQ(at(f, rule, confined, r.out).status, "fail") << rule;

  // Block Public Access neutralises a public grant and statement: the bucket's own, and the account's.
  const RuleFinding& blocked = at(f, "CT-003", bucket_arn("blocked-logs-222222222222"), r.out);
  EXPECT_EQ(blocked.status, "pass") << blocked.message;
  EXPECT_NE(blocked.message.find("neutralised"), std::string::npos) << blocked.message;

  // The log-archive bucket of a second scanned account is read with that account's session and carries it.
  const std::string archive = bucket_arn("archive-logs-333333333333");
  const RuleFinding& archived = at(f, "CT-003", archive, r.out);
  EXPECT_EQ(archived.status, "pass") << archived.message;
  EXPECT_EQ(archived.account, "333333333333");
  EXPECT_NE(archived.message.find("owned by account 333333333333"), std::string::npos) << archived.message;
  for (const char* rule : {"CT-004", "CT-008", "CT-013"}) EXPECT_EQ(at(f, rule, archive, r.out).status, "pass") << rule;

  // A bucket and a key of an account not scanned: unknown, saying so.
  for (const char* rule : {"CT-003", "CT-004", "CT-008", "CT-013"}) {
    const RuleFinding& outside = at(f, rule, bucket_arn("org-logs-444444444444"), r.out);
    EXPECT_EQ(outside.status, "unknown") << rule;
    EXPECT_NE(outside.message.find("bucket owned by another account, not scanned"), std::string::npos)
        << outside.message;
  }
  const RuleFinding& foreign_key =
      at(f, "CT-015", "arn:aws:kms:us-east-1:444444444444:key/44444444-4444-4444-8444-444444444444", r.out);
  EXPECT_EQ(foreign_key.status, "unknown");
  EXPECT_NE(foreign_key.message.find("key owned by another account, not scanned"), std::string::npos);

  // Keys: rotation off fails, on passes, an AWS managed key rotates.
  EXPECT_EQ(at(f, "CT-015", "arn:aws:kms:us-east-1:111111111111:key/11111111-1111-4111-8111-111111111111", r.out)
                .status,
            "fail");
  EXPECT_EQ(at(f, "CT-015", "arn:aws:kms:eu-west-1:111111111111:key/12121212-1212-4121-8121-121212121212", r.out)
                .status,
            "pass");
  EXPECT_EQ(at(f, "CT-015", "arn:aws:kms:us-east-1:222222222222:key/22222222-2222-4222-8222-222222222222", r.out)
                .status,
            "pass");
  // 5 buckets x 4 bucket rules + 4 keys.
  EXPECT_EQ(f.size(), 5u * 4u + 4u) << r.out;
  // Each bucket and key is read once, however many trails name it.
  EXPECT_EQ(aws_->call_count("GetBucketPolicy"), 4);  // the refused bucket's other calls are not made
  EXPECT_EQ(aws_->call_count("DescribeKey"), 4);
}

TEST_F(BucketLive, TheTrailRulesAloneReadNoBucketOrKey) {
  const StanceRun r = run({"scan", "--aws", "--rule", "CT-010", "-f", "json"});
  EXPECT_EQ(aws_->call_count("GetBucketLocation"), 0) << r.err;
  EXPECT_EQ(aws_->call_count("DescribeKey"), 0);
  // CT-015 alone reads keys, not buckets.
  aws_->reset_calls();
  run({"scan", "--aws", "--rule", "CT-015", "-f", "json"});
  EXPECT_EQ(aws_->call_count("GetBucketLocation"), 0);
  EXPECT_GT(aws_->call_count("DescribeKey"), 0);
}

TEST_F(BucketLive, ACollectedSnapshotScansToTheSameFindings) {
  const StanceRun live = run({"scan", "--aws", "--all-rules", "-f", "json"});
  const StanceRun collected = run({"collect", "--aws"});
  ASSERT_EQ(collected.code, 0) << collected.err;
  const std::string path = ::testing::TempDir() + "bucket_live_snapshot_" + std::to_string(::getpid()) + ".json";
  {
    std::ofstream out(path, std::ios::binary);
    out << collected.out;
  }
  const StanceRun offline = run_stance({"scan", path, "--all-rules", "-f", "json"}, {});
  std::filesystem::remove(path);
  EXPECT_EQ(offline.code, live.code) << offline.err;
  const auto want = related(live.out), got = related(offline.out);
  EXPECT_EQ(got.size(), want.size());
  for (const auto& [key, finding] : want) {
    auto it = got.find(key);
    ASSERT_NE(it, got.end()) << key.first << " " << key.second;
    EXPECT_EQ(it->second.status, finding.status) << key.first << " " << key.second;
    EXPECT_EQ(it->second.message, finding.message) << key.first << " " << key.second;
    EXPECT_EQ(it->second.account, finding.account) << key.first << " " << key.second;
  }
}

}  // namespace
}  // namespace stance::testing
