// AWS CLI output as `stance scan` input for the bucket and key rules: the `aws s3api` / `aws kms` outputs of
// the trails' bucket and key are joined to them (file_scan.cpp) and judged like a live read; a bucket whose
// outputs are not in the input is unknown, never a pass.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "engine/evaluator.hpp"
#include "sources/aws/helpers.hpp"
#include "sources/file_scan.hpp"

namespace stance::sources {
namespace {

namespace fs = std::filesystem;

constexpr const char* kKeyArn = "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666";

class CliBucketScan : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("cli_bucket_scan_" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "trail-logs");
    write("describe-trails.json",
          std::string(R"({"trailList": [{"Name": "main", "TrailARN": "arn:aws:cloudtrail:us-east-1:111111111111:trail/main",)"
                      R"( "S3BucketName": "trail-logs", "KmsKeyId": ")") +
              kKeyArn + R"(", "HomeRegion": "us-east-1"}]})");
  }
  void TearDown() override { fs::remove_all(dir_); }

  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  std::vector<engine::Finding> scan(const std::string& rule) {
    FileScanOptions options;
    options.cloudformation.related_resources = options.terraform.related_resources = true;
    SourceResult read = scan_paths({dir_.string()}, options);
    engine::Config config;
    engine::EvaluationOptions eval;
    eval.only_rules = {rule};
    return engine::evaluate(model::Inventory{read.trails, read.accounts, read.buckets, read.keys}, config,
                            aws::testing::builtin_kb(), eval);
  }

  fs::path dir_;
};

TEST_F(CliBucketScan, TheBucketsOutputsAreJudgedAndAMissingOneIsUnknown) {
  write("trail-logs/get-bucket-policy.json",
        R"({"Policy": "{\"Statement\":[{\"Sid\":\"Open\",\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\"}]}"})");
  write("trail-logs/get-public-access-block.json",
        R"({"PublicAccessBlockConfiguration": {"BlockPublicAcls": false, "IgnorePublicAcls": false,)"
        R"( "BlockPublicPolicy": false, "RestrictPublicBuckets": false}})");
  write("trail-logs/get-bucket-acl.json", R"({"Owner": {"ID": "abc"}, "Grants": []})");
  write("trail-logs/get-object-lock-configuration.json",
        R"({"ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled"}})");
  write("rotation.json", R"({"KeyRotationEnabled": false})");
  write("describe-key.json", std::string(R"({"KeyMetadata": {"Arn": ")") + kKeyArn + R"(", "KeyManager": "CUSTOMER"}})");

  auto findings = scan("CT-003");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, engine::Status::Fail) << findings[0].message;
  EXPECT_NE(findings[0].message.find("\"Open\""), std::string::npos) << findings[0].message;
  findings = scan("CT-013");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, engine::Status::Pass) << findings[0].message;
  // get-bucket-versioning is not in the input: unknown, saying what is missing.
  findings = scan("CT-004");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, engine::Status::Unknown) << findings[0].message;
  findings = scan("CT-015");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, engine::Status::Fail) << findings[0].message;
}

TEST_F(CliBucketScan, WithoutTheBucketsOutputsTheBucketIsUnknownNotPassed) {
  const auto findings = scan("CT-003");
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, engine::Status::Unknown) << findings[0].message;
}

}  // namespace
}  // namespace stance::sources
