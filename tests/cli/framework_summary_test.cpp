// `stance scan --framework ID` on real templates: each report format carries the framework's per-control
// summary (issue 13), with verdicts decided from the mapped rules' findings and manual controls listed.
#include <gtest/gtest.h>
#include <simdjson.h>

#include "cli_harness.hpp"

namespace stance::cli {
namespace {

using testing::stance;
using testing::TempDir;

const std::string kCases = std::string(STANCE_SOURCE_DIR) + "/src/rules/ct002/examples/cases.yaml";

// One trail every CIS v3 section 3 trail rule passes.
const char* kGoodTrail = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  GoodTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      IsMultiRegionTrail: true
      IncludeGlobalServiceEvents: true
      EnableLogFileValidation: true
      KMSKeyId: arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab
)";

std::vector<std::string> scan_args(const std::string& format, const std::string& path) {
  return {"scan", "--no-config", "-q", "--format", format, "--framework", "cis-aws-foundations-v3", path};
}

TEST(FrameworkSummary, TextListsEveryControlWithItsVerdict) {
  auto run = stance(scan_args("text", kCases));
  EXPECT_EQ(run.code, 1) << run.err;
  const std::string& out = run.out;
  // 3.4 (CT-008) is unknown: the trails' bucket is not declared in the template; 3.6 (CT-015) has no finding:
  // no trail names a KMS key.
  EXPECT_NE(out.find("CIS AWS Foundations Benchmark v3.0.0 (cis-aws-foundations-v3): 9 controls: 3 fail, 1 unknown, "
                     "1 no findings, 4 manual\n"),
            std::string::npos)
      << out;
  // 3.1 maps CT-001, CT-010, CT-012 and CT-014: CT-014 fails every single-region trail of the template.
  EXPECT_NE(out.find("  FAIL         3.1  Ensure CloudTrail is enabled in all regions\n"
                     "               CT-001, CT-010, CT-012, CT-014: 6 fail, 12 pass\n"
                     "               CT-001: no finding (judges AWS accounts, on live scans and snapshots only)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  FAIL         3.2  Ensure CloudTrail log file validation is enabled\n"
                     "               CT-002: 4 fail, 2 pass\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("  MANUAL       3.3  Ensure AWS Config is enabled in all regions\n"), std::string::npos) << out;
  // After the findings, before the summary line.
  EXPECT_LT(out.find("CT-002 CloudTrail Log File Integrity Validation"), out.find("CIS AWS Foundations"));
  EXPECT_LT(out.find("CIS AWS Foundations"), out.find("6 trails checked"));
}

TEST(FrameworkSummary, PassingTrailPassesItsControls) {
  TempDir dir;
  const std::string path = dir.write("good.yaml", kGoodTrail);
  auto run = stance(scan_args("text", path));
  EXPECT_EQ(run.code, 0) << run.out << run.err;
  // The bucket and key the trail names are not declared in the template: 3.4 (CT-008) and 3.6 (CT-015) unknown.
  EXPECT_NE(run.out.find("9 controls: 2 unknown, 3 pass, 4 manual\n"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("  PASS         3.1  Ensure CloudTrail is enabled in all regions\n"
                         "               CT-001, CT-010, CT-012, CT-014: 3 pass\n"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("  PASS         3.5  Ensure CloudTrail logs are encrypted at rest using KMS CMKs\n"),
            std::string::npos)
      << run.out;
}

TEST(FrameworkSummary, JsonControlRows) {
  auto run = stance(scan_args("json", kCases));
  EXPECT_EQ(run.code, 1) << run.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(run.out);
  EXPECT_EQ(int64_t(doc["schema_version"]), 1);
  simdjson::dom::array frameworks = doc["compliance"];
  ASSERT_EQ(frameworks.size(), 1u);
  simdjson::dom::element fw = frameworks.at(0);
  EXPECT_EQ(std::string_view(fw["framework"]), "cis-aws-foundations-v3");
  EXPECT_EQ(std::string_view(fw["name"]), "CIS AWS Foundations Benchmark v3.0.0");
  EXPECT_EQ(int64_t(fw["summary"]["fail"]), 3);
  EXPECT_EQ(int64_t(fw["summary"]["manual"]), 4);
  simdjson::dom::array controls = fw["controls"];
  ASSERT_EQ(controls.size(), 9u);
  simdjson::dom::element c31 = controls.at(0);
  EXPECT_EQ(std::string_view(c31["id"]), "3.1");
  EXPECT_EQ(std::string_view(c31["status"]), "fail");
  std::vector<std::string> rules;
  for (simdjson::dom::element r : simdjson::dom::array(c31["rules"])) rules.emplace_back(std::string_view(r));
  EXPECT_EQ(rules, (std::vector<std::string>{"CT-001", "CT-010", "CT-012", "CT-014"}));
  EXPECT_EQ(int64_t(c31["fail"]), 6);
  EXPECT_EQ(int64_t(c31["pass"]), 12);
  EXPECT_NE(std::string_view(c31["note"]).find("CT-001: no finding"), std::string_view::npos);
  simdjson::dom::element c33 = controls.at(2);
  EXPECT_EQ(std::string_view(c33["id"]), "3.3");
  EXPECT_EQ(std::string_view(c33["status"]), "manual");
  EXPECT_EQ(simdjson::dom::array(c33["rules"]).size(), 0u);
}

TEST(FrameworkSummary, NoComplianceKeyWithoutFramework) {
  auto run = stance({"scan", "--no-config", "-q", "--format", "json", kCases});
  EXPECT_EQ(run.out.find("\"compliance\""), std::string::npos) << run.out;
}

TEST(FrameworkSummary, SarifRunProperties) {
  auto run = stance(scan_args("sarif", kCases));
  EXPECT_EQ(run.code, 1) << run.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(run.out);
  simdjson::dom::array frameworks = doc["runs"].at(0)["properties"]["stance/compliance"];
  ASSERT_EQ(frameworks.size(), 1u);
  simdjson::dom::element c32 = simdjson::dom::array(frameworks.at(0)["controls"]).at(1);
  EXPECT_EQ(std::string_view(c32["id"]), "3.2");
  EXPECT_EQ(std::string_view(c32["status"]), "fail");
  EXPECT_EQ(int64_t(c32["fail"]), 4);
}

TEST(FrameworkSummary, JunitSuitePerFrameworkCasePerControl) {
  auto args = scan_args("junit", kCases);
  args.insert(args.end() - 1, {"--framework", "aws-fsbp", "--framework", "CIS-AWS-Foundations-v3"});
  auto run = stance(args);
  EXPECT_EQ(run.code, 1) << run.err;
  const std::string& out = run.out;
  // Named twice (in another letter case): one suite.
  const std::string cis = "<testsuite name=\"compliance: CIS AWS Foundations Benchmark v3.0.0 (cis-aws-foundations-v3)\" "
                          "tests=\"9\" failures=\"3\" errors=\"0\" skipped=\"6\">";
  ASSERT_NE(out.find(cis), std::string::npos) << out;
  EXPECT_EQ(out.find(cis, out.find(cis) + 1), std::string::npos) << out;
  EXPECT_NE(out.find("<testsuite name=\"compliance: AWS Foundational Security Best Practices"), std::string::npos)
      << out;
  EXPECT_NE(out.find("<testcase classname=\"cis-aws-foundations-v3\" name=\"3.2 Ensure CloudTrail log file validation "
                     "is enabled\">\n      <failure "),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<testcase classname=\"cis-aws-foundations-v3\" name=\"3.3 Ensure AWS Config is enabled in all "
                     "regions\">\n      <skipped message=\"manual: no rule covers this control; check it by hand\"/>"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace stance::cli
