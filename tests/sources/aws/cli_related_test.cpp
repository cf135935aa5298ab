// `aws s3api get-bucket-*` and `aws kms describe-key / get-key-rotation-status` output as scan input
// (cli_related.hpp): recognised by their keys, turned into the API's own responses, joined to the bucket or
// key the trails name, and never silently dropped.
#include <gtest/gtest.h>

#include "aws/xml.hpp"
#include "sources/aws/cli_output.hpp"
#include "sources/aws/file_input.hpp"

namespace stance::sources::aws {
namespace {

constexpr const char* kTrailArn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/main";
constexpr const char* kKeyArn = "arn:aws:kms:eu-west-1:111111111111:key/0b3d6a4e-1111-2222-3333-444455556666";

CliOutputFile input(const std::string& path, const std::string& text) {
  FileInput in = read_file_input(text, path);
  EXPECT_TRUE(in.claimed) << path;
  EXPECT_TRUE(in.result.errors.empty()) << path;
  if (!in.cli_output) {
    ADD_FAILURE() << path << " was not read as AWS CLI output";
    return {};
  }
  return std::move(*in.cli_output);
}

std::string describe_trails(const std::string& bucket) {
  return std::string(R"({"trailList": [{"Name": "main", "TrailARN": ")") + kTrailArn + R"(", "S3BucketName": ")" +
         bucket + R"(", "KmsKeyId": ")" + kKeyArn + R"(", "HomeRegion": "us-east-1"}]})";
}

TEST(AwsCliRelated, OutputsAreRecognisedAndTemplatesAreNot) {
  const std::pair<std::string, CliRelatedKind> cases[] = {
      {R"({"LocationConstraint": "eu-west-1"})", CliRelatedKind::BucketLocation},
      {R"({"Policy": "{\"Version\":\"2012-10-17\"}"})", CliRelatedKind::BucketPolicy},
      {R"({"PolicyStatus": {"IsPublic": false}})", CliRelatedKind::BucketPolicyStatus},
      {R"({"Owner": {"ID": "abc"}, "Grants": []})", CliRelatedKind::BucketAcl},
      {R"({"PublicAccessBlockConfiguration": {"BlockPublicAcls": true}})", CliRelatedKind::PublicAccessBlock},
      {R"({"Status": "Enabled", "MFADelete": "Enabled"})", CliRelatedKind::BucketVersioning},
      {R"({"LoggingEnabled": {"TargetBucket": "x", "TargetPrefix": ""}})", CliRelatedKind::BucketLogging},
      {R"({"ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled"}})", CliRelatedKind::ObjectLock},
      {R"({"KeyMetadata": {"Arn": "x"}})", CliRelatedKind::DescribeKey},
      {R"({"KeyRotationEnabled": true, "KeyId": "x", "RotationPeriodInDays": 365})", CliRelatedKind::KeyRotationStatus},
  };
  for (const auto& [text, kind] : cases) {
    CliOutputFile f = input("x.json", text);
    ASSERT_TRUE(f.related) << text;
    EXPECT_EQ(*f.related, kind) << text;
  }
  EXPECT_FALSE(read_file_input(R"({"Resources": {}, "Policy": "x"})", "t.json").claimed);
  EXPECT_FALSE(read_file_input(R"({"Policy": "x", "Other": 1})", "t.json").claimed);
}

TEST(AwsCliRelated, OutputsBecomeTheApiResponsesOfTheTrailsBucketAndKey) {
  std::vector<CliOutputFile> files;
  files.push_back(input("describe-trails.json", describe_trails("trail-logs")));
  files.push_back(input("trail-logs.versioning.json", R"({"Status": "Enabled", "MFADelete": "Disabled"})"));
  files.push_back(input("acl.json", R"({"Owner": {"ID": "abc"}, "Grants": [
      {"Grantee": {"Type": "Group", "URI": "http://acs.amazonaws.com/groups/global/AllUsers"}, "Permission": "READ"}]})"));
  files.push_back(input("policy.json", R"({"Policy": "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\"}]}"})"));
  files.push_back(input("pab.json", R"({"PublicAccessBlockConfiguration": {"BlockPublicAcls": true,
      "IgnorePublicAcls": false, "BlockPublicPolicy": true, "RestrictPublicBuckets": false}})"));
  files.push_back(input("lock.json", R"({"ObjectLockConfiguration": {"ObjectLockEnabled": "Enabled",
      "Rule": {"DefaultRetention": {"Mode": "GOVERNANCE", "Days": 30}}}})"));
  files.push_back(input("describe-key.json", std::string(R"({"KeyMetadata": {"Arn": ")") + kKeyArn +
                                                 R"(", "KeyManager": "CUSTOMER"}})"));
  files.push_back(input("rotation.json", R"({"KeyRotationEnabled": false})"));
  CliRelated related;
  SourceResult r = join_cli_outputs(std::move(files), &related);
  EXPECT_TRUE(r.warnings.empty()) << r.warnings.front().message;
  ASSERT_EQ(r.trails.size(), 1u);
  ASSERT_EQ(related.buckets.size(), 1u);
  const RawBucket& b = related.buckets[0];
  EXPECT_EQ(b.name, "trail-logs");
  EXPECT_EQ(b.trails, std::vector<std::string>{kTrailArn});
  auto xml = stance::aws::parse_xml(b.versioning.response);
  ASSERT_TRUE(xml.root) << b.versioning.response;
  EXPECT_EQ(xml.root->name, "VersioningConfiguration");
  EXPECT_EQ(xml.root->text_at({"MfaDelete"}), "Disabled") << "the CLI's MFADelete is S3's MfaDelete";
  auto acl = stance::aws::parse_xml(b.acl.response);
  ASSERT_TRUE(acl.root) << b.acl.response;
  EXPECT_EQ(acl.root->text_at({"AccessControlList", "Grant", "Grantee", "URI"}),
            "http://acs.amazonaws.com/groups/global/AllUsers");
  EXPECT_EQ(acl.root->text_at({"AccessControlList", "Grant", "Permission"}), "READ");
  EXPECT_EQ(b.policy.response, R"({"Statement":[{"Effect":"Allow","Principal":"*"}]})");
  auto pab = stance::aws::parse_xml(b.public_access_block.response);
  ASSERT_TRUE(pab.root);
  EXPECT_EQ(pab.root->text_at({"BlockPublicPolicy"}), "true");
  EXPECT_EQ(pab.root->text_at({"IgnorePublicAcls"}), "false");
  auto lock = stance::aws::parse_xml(b.object_lock.response);
  ASSERT_TRUE(lock.root);
  EXPECT_EQ(lock.root->text_at({"Rule", "DefaultRetention", "Days"}), "30");
  EXPECT_FALSE(b.logging.present()) << "not in the input: left for the adapter to call unknown";
  ASSERT_EQ(related.keys.size(), 1u);
  EXPECT_EQ(related.keys[0].key_id, kKeyArn);
  EXPECT_EQ(related.keys[0].trails, std::vector<std::string>{kTrailArn});
  EXPECT_NE(related.keys[0].describe.response.find("CUSTOMER"), std::string::npos);
  EXPECT_EQ(related.keys[0].rotation.response, R"({"KeyRotationEnabled":false})");
}

TEST(AwsCliRelated, AnOutputThatCannotBePlacedIsAWarningNeverDropped) {
  std::vector<CliOutputFile> files;
  files.push_back(input("acl.json", R"({"Owner": {"ID": "abc"}, "Grants": []})"));
  files.push_back(input("rotation.json", R"({"KeyRotationEnabled": true})"));
  CliRelated related;
  SourceResult r = join_cli_outputs(std::move(files), &related);
  ASSERT_EQ(r.warnings.size(), 2u);
  EXPECT_NE(r.warnings[0].message.find("does not name its key"), std::string::npos) << r.warnings[0].message;
  EXPECT_NE(r.warnings[1].message.find("does not name its bucket"), std::string::npos) << r.warnings[1].message;
  EXPECT_EQ(r.warnings[1].location.line, 1);
  EXPECT_TRUE(related.buckets.empty());

  // Two buckets named: the file's name or directory says which.
  std::vector<CliOutputFile> two;
  two.push_back(input("a.json", describe_trails("logs-a")));
  two.push_back(input("b.json", R"({"trailList": [{"Name": "b", "TrailARN": "arn:aws:cloudtrail:us-east-1:111111111111:trail/b",
      "S3BucketName": "logs-b"}]})"));
  two.push_back(input("out/logs-b/acl.json", R"({"Owner": {"ID": "abc"}, "Grants": []})"));
  two.push_back(input("out/acl.json", R"({"Owner": {"ID": "abc"}, "Grants": []})"));
  CliRelated placed;
  SourceResult p = join_cli_outputs(std::move(two), &placed);
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_EQ(p.warnings[0].source, "out/acl.json");
  ASSERT_EQ(placed.buckets.size(), 2u);
  EXPECT_FALSE(placed.buckets[0].acl.present());
  EXPECT_TRUE(placed.buckets[1].acl.present());
  EXPECT_EQ(placed.buckets[1].name, "logs-b");

  // Without a consumer (no rule reads buckets), each such output says it was not used.
  std::vector<CliOutputFile> unused;
  unused.push_back(input("policy.json", R"({"Policy": "{}"})"));
  SourceResult u = join_cli_outputs(std::move(unused));
  ASSERT_EQ(u.warnings.size(), 1u);
  EXPECT_NE(u.warnings[0].message.find("not used"), std::string::npos);
}

}  // namespace
}  // namespace stance::sources::aws
