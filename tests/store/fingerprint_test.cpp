// Fingerprints: stable across scans and line moves, different for different rules or resources, and
// relative to the scanned path.
#include "store/fingerprint.hpp"

#include <gtest/gtest.h>

#include "store/finding_records.hpp"

namespace stance::store {
namespace {

engine::Finding file_finding(const std::string& file, int line, const std::string& id,
                             engine::Status status = engine::Status::Fail, const std::string& rule = "CT-010") {
  engine::Finding f;
  f.rule_id = rule;
  f.status = status;
  f.resource = {"AWS::CloudTrail::Trail", id, "", "", false};
  f.location = model::Location::in_file(file, line, 7);
  f.message = "m";
  return f;
}

TEST(Fingerprint, IsSha256PrefixOfTheIdentityAndStable) {
  const std::string a = fingerprint("CT-010", "AWS::CloudTrail::Trail", {"file", "t.yaml", "Trail"});
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(a, fingerprint("CT-010", "AWS::CloudTrail::Trail", {"file", "t.yaml", "Trail"}));
  // A fixed value: changing how fingerprints are made would cut every stored history in two.
  // The first 16 bytes of SHA-256 over "20:stance-fingerprint-1" "6:CT-010" "22:AWS::CloudTrail::Trail" "3:aws" "0:"
  // "N:arn...", as fingerprint.hpp documents.
  EXPECT_EQ(fingerprint("CT-010", "AWS::CloudTrail::Trail", {"aws", "", "arn:aws:cloudtrail:us-east-1:1:trail/t"}),
            "46dc7cbc5de54c764087faaf8a43b416");
}

TEST(Fingerprint, EachPartOfTheIdentityCounts) {
  const std::string base = fingerprint("CT-010", "T", {"file", "t.yaml", "Trail"});
  EXPECT_NE(base, fingerprint("CT-002", "T", {"file", "t.yaml", "Trail"}));
  EXPECT_NE(base, fingerprint("CT-010", "U", {"file", "t.yaml", "Trail"}));
  EXPECT_NE(base, fingerprint("CT-010", "T", {"terraform", "t.yaml", "Trail"}));
  EXPECT_NE(base, fingerprint("CT-010", "T", {"file", "u.yaml", "Trail"}));
  EXPECT_NE(base, fingerprint("CT-010", "T", {"file", "t.yaml", "Trail2"}));
  // Fields are length-prefixed: moving a character from one field to the next changes the fingerprint.
  EXPECT_NE(fingerprint("CT-010", "T", {"file", "ab", "c"}), fingerprint("CT-010", "T", {"file", "a", "bc"}));
}

TEST(FindingRecords, MovingAResourceInItsFileKeepsTheFingerprint) {
  auto before = finding_records({file_finding("/repo/t.yaml", 3, "Trail")}, {"/repo"});
  auto after = finding_records({file_finding("/repo/t.yaml", 40, "Trail")}, {"/repo"});
  ASSERT_EQ(before.size(), 1u);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(before[0].fingerprint, after[0].fingerprint);
  EXPECT_NE(before[0].location, after[0].location);  // the location is kept beside it, as the report printed it
  EXPECT_EQ(before[0].fingerprint, fingerprint("CT-010", "AWS::CloudTrail::Trail", {"file", "t.yaml", "Trail"}));
}

TEST(FindingRecords, PathsAreRelativeToTheScannedPath) {
  // The same checkout in two places: the same fingerprints.
  auto here = finding_records({file_finding("/a/repo/sub/t.yaml", 3, "Trail")}, {"/a/repo"});
  auto there = finding_records({file_finding("/b/checkout/sub/t.yaml", 3, "Trail")}, {"/b/checkout"});
  EXPECT_EQ(here[0].fingerprint, there[0].fingerprint);
  EXPECT_EQ(identity_of(file_finding("/a/repo/sub/t.yaml", 3, "T"), {"/a/repo"}).container, "sub/t.yaml");
  EXPECT_EQ(identity_of(file_finding("/a/repo/t.yaml", 3, "T"), {"/a/repo/t.yaml"}).container, "t.yaml");
  EXPECT_EQ(identity_of(file_finding("<stdin>", 3, "T"), {"<stdin>"}).container, "<stdin>");
}

TEST(FindingRecords, TerraformIsTheRootModuleAndAddressAndLiveIsTheArn) {
  engine::Finding tf = file_finding("/repo/modules/audit/main.tf", 12, "module.audit.aws_cloudtrail.this");
  tf.resource.root_module = "/repo/envs/prod";
  ResourceIdentity id = identity_of(tf, {"/repo"});
  EXPECT_EQ(id.kind, "terraform");
  EXPECT_EQ(id.container, "envs/prod");
  EXPECT_EQ(id.id, "module.audit.aws_cloudtrail.this");
  engine::Finding staging = tf;
  staging.resource.root_module = "/repo/envs/staging";  // another root calling the same module: another trail
  EXPECT_NE(finding_records({tf}, {"/repo"})[0].fingerprint, finding_records({staging}, {"/repo"})[0].fingerprint);

  engine::Finding live;
  live.rule_id = "CT-010";
  live.resource = {"AWS::CloudTrail::Trail", "arn:aws:cloudtrail:us-east-1:111122223333:trail/t", "t", "", false};
  live.location = model::Location::in_cloud(live.resource.id, "us-east-1", "111122223333");
  id = identity_of(live, {});
  EXPECT_EQ(id.kind, "aws");
  EXPECT_EQ(id.id, live.resource.id);
  auto records = finding_records({live}, {});
  EXPECT_EQ(records[0].account, "111122223333");
  EXPECT_EQ(records[0].region, "us-east-1");
}

TEST(FindingRecords, ADuplicateFingerprintKeepsTheWorseVerdict) {
  auto records = finding_records({file_finding("/repo/t.yaml", 3, "Trail", engine::Status::Pass),
                                  file_finding("/repo/t.yaml", 3, "Trail", engine::Status::Fail),
                                  file_finding("/repo/t.yaml", 3, "Trail", engine::Status::Unknown)},
                                 {"/repo"});
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].status, "fail");
}

TEST(FindingRecords, SuppressionIsRecorded) {
  engine::Finding f = file_finding("/repo/t.yaml", 3, "Trail");
  f.suppression = engine::Suppression{engine::Suppression::Kind::Config, "replaced in Q3", {}};
  auto records = finding_records({f}, {"/repo"});
  EXPECT_TRUE(records[0].suppressed);
  EXPECT_EQ(records[0].suppression_reason, "replaced in Q3");
}

}  // namespace
}  // namespace stance::store
