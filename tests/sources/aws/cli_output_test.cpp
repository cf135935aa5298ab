// The JSON printed by `aws cloudtrail describe-trails`, `get-event-selectors` and `get-trail-status` as scan
// input (tests/sources/aws/data/cli): pieces joined by TrailARN across the files of one scan, missing
// pieces judged unknown (never pass), and CloudFormation templates never taken for AWS CLI output.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "sources/aws/file_input.hpp"
#include "sources/aws/helpers.hpp"
#include "sources/file_scan.hpp"

namespace stance::sources::aws {
namespace {

using engine::Status;
using namespace testing;
namespace fs = std::filesystem;

SourceResult scan(const std::vector<std::string>& names) {
  std::vector<std::string> paths;
  for (const auto& n : names) paths.push_back(data_path("cli/" + n));
  FileScanOptions options;
  options.jobs = 2;
  return scan_paths(paths, options);
}

std::map<std::string, engine::Finding> by_arn(const SourceResult& r) {
  std::map<std::string, engine::Finding> out;
  for (const auto& f : evaluate(r.trails)) out[f.resource.id] = f;
  return out;
}

TEST(AwsCliOutput, DescribedTrailWithoutSelectorsIsUnknownNeverPass) {
  const SourceResult r = scan({"describe-trails.json", "main-selectors.json"});
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_EQ(r.files_scanned, 2);
  auto findings = by_arn(r);
  ASSERT_EQ(findings.size(), 2u) << describe(r);
  EXPECT_EQ(findings[kArn].status, Status::Pass) << findings[kArn].message;
  EXPECT_EQ(findings[kArn].resource.name, "main");
  const engine::Finding& org = findings[kOrgArn];
  EXPECT_EQ(org.status, Status::Unknown) << org.message;
  EXPECT_NE(org.message.find(
                "event selectors not in the input: add the output of aws cloudtrail get-event-selectors "
                "--trail-name " +
                kOrgArn),
            std::string::npos)
      << org.message;
  EXPECT_EQ(org.location.account, "222222222222");
  EXPECT_EQ(org.location.region, "eu-west-1");
}

TEST(AwsCliOutput, SelectorsWithoutDescribeTrailsAreEvaluated) {
  const SourceResult r = scan({"org-selectors.json"});
  ASSERT_EQ(r.trails.size(), 1u) << describe(r);
  const model::Trail& t = r.trails[0];
  EXPECT_EQ(t.source, model::SourceKind::Snapshot);
  EXPECT_EQ(*t.name, "org-trail") << "the name comes from the ARN";
  EXPECT_FALSE(t.is_multi_region.known());
  const engine::Finding f = ct010(t);
  EXPECT_EQ(f.status, Status::Fail) << f.message;
  EXPECT_NE(f.message.find("records only write management events"), std::string::npos) << f.message;
}

TEST(AwsCliOutput, StatusIsAttachedToTheOnlyTrail) {
  const SourceResult r = scan({"main-selectors.json", "status-stopped.json"});
  EXPECT_TRUE(r.warnings.empty()) << describe(r);
  ASSERT_EQ(r.trails.size(), 1u) << describe(r);
  ASSERT_TRUE(r.trails[0].is_logging.known());
  EXPECT_FALSE(*r.trails[0].is_logging);
  const engine::Finding f = ct010(r.trails[0]);
  EXPECT_EQ(f.status, Status::Pass);
  EXPECT_NE(f.message.find("the trail is not logging"), std::string::npos) << f.message;
}

TEST(AwsCliOutput, StatusWithSeveralTrailsIsAWarningAndLeavesIsLoggingUnknown) {
  const SourceResult r =
      scan({"describe-trails.json", "main-selectors.json", "org-selectors.json", "status-stopped.json"});
  ASSERT_EQ(r.trails.size(), 2u) << describe(r);
  for (const auto& t : r.trails) EXPECT_FALSE(t.is_logging.known()) << t.id;
  ASSERT_EQ(r.warnings.size(), 1u) << describe(r);
  EXPECT_NE(
      r.warnings[0].message.find("does not name its trail, and the input has 2 trails and 1 status output:"),
      std::string::npos);
  EXPECT_EQ(r.warnings[0].location.file, data_path("cli/status-stopped.json"));
  EXPECT_EQ(r.warnings[0].location.line, 1);
  auto findings = by_arn(r);
  EXPECT_EQ(findings[kArn].status, Status::Pass);
  EXPECT_EQ(findings[kOrgArn].status, Status::Fail);
}

TEST(AwsCliOutput, TheSameFilesInADirectoryJoinToo) {
  const SourceResult r = scan({"."});  // the folder: also holds the broken files below
  auto findings = by_arn(r);
  EXPECT_EQ(findings[kOrgArn].status, Status::Fail) << describe(r);
}

TEST(AwsCliOutput, BrokenJsonNamesFileLineColumn) {
  const SourceResult r = scan({"broken-describe-trails.json"});
  ASSERT_EQ(r.errors.size(), 1u) << describe(r);
  EXPECT_NE(r.errors[0].message.find("not valid JSON"), std::string::npos) << r.errors[0].message;
  EXPECT_EQ(r.errors[0].location.file, data_path("cli/broken-describe-trails.json"));
  EXPECT_EQ(r.errors[0].location.line, 5);  // the trailing comma
  EXPECT_EQ(r.errors[0].location.column, 79);
  EXPECT_TRUE(r.trails.empty());
}

TEST(AwsCliOutput, MistypedFieldsMakeTheTrailAnErrorAtTheirPosition) {
  const SourceResult r = scan({"mistyped-describe-trails.json", "main-selectors.json"});
  ASSERT_EQ(r.errors.size(), 1u) << describe(r);
  EXPECT_NE(r.errors[0].message.find("has no TrailARN string; it is skipped"), std::string::npos);
  EXPECT_EQ(r.errors[0].location.line, 8);
  EXPECT_EQ(r.errors[0].location.column, 9);
  ASSERT_EQ(r.trails.size(), 1u);
  const engine::Finding f = ct010(r.trails[0]);
  EXPECT_EQ(f.status, Status::Error);
  EXPECT_NE(f.message.find(
                "cloudtrail:DescribeTrails: unexpected response: IsMultiRegionTrail is a string, expected "
                "true or false (" +
                data_path("cli/mistyped-describe-trails.json") + ":6:35)"),
            std::string::npos)
      << f.message;
}

TEST(AwsCliOutput, RecognisedByTopLevelKeys) {
  EXPECT_TRUE(read_file_input("{\"trailList\": []}", "a.json").cli_output);
  EXPECT_TRUE(read_file_input("\xEF\xBB\xBF {\"TrailARN\": \"x\", \"AdvancedEventSelectors\": []}", "a.json")
                  .cli_output);
  EXPECT_TRUE(read_file_input("{\"IsLogging\": true}", "a.json").cli_output);
  EXPECT_FALSE(read_file_input("{\"TrailARN\": \"x\"}", "a.json").claimed);
  EXPECT_FALSE(read_file_input("{\"Trails\": [{\"TrailARN\": \"x\"}]}", "list-trails.json").claimed);
  EXPECT_FALSE(read_file_input("[{\"IsLogging\": true}]", "a.json").claimed);
  EXPECT_FALSE(read_file_input("IsLogging: true\n", "a.yaml").claimed);
  EXPECT_FALSE(
      read_file_input("{\"Resources\": {\"T\": {\"Type\": \"AWS::CloudTrail::Trail\", \"Properties\": "
                      "{\"IsLogging\": true, \"TrailARN\": \"x\", \"EventSelectors\": []}}}}",
                      "t.json")
          .claimed);
  EXPECT_FALSE(read_file_input("{\"Resources\": {\"T\": {\"IsLogging\": tru", "t.json").claimed)
      << "broken templates stay CloudFormation's to report";
}

// No CloudFormation template of the project's tests, examples or the shared corpus is taken for AWS input.
TEST(AwsCliOutput, NeverClaimsACloudFormationTemplate) {
  std::vector<fs::path> roots = {fs::path(STANCE_SOURCE_DIR) / "tests/sources/cloudformation/data",
                                 fs::path(STANCE_SOURCE_DIR) / "src/rules/ct010/examples"};
  const fs::path shared = fs::path(STANCE_SHARED_DIR) / "corpus/cloudformation";
  if (fs::exists(shared)) roots.push_back(shared);
  int files = 0;
  for (const auto& root : roots) {
    for (const auto& entry : fs::recursive_directory_iterator(root)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      ++files;
      EXPECT_FALSE(read_file_input(text.str(), entry.path().string()).claimed) << entry.path();
    }
  }
  EXPECT_GT(files, 30);
  if (!fs::exists(shared))
    GTEST_SKIP() << "shared corpus not found at " << shared << "; checked the project's own";
}

}  // namespace
}  // namespace stance::sources::aws
