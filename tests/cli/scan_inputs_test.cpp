// What `stance scan` reads and where its report goes (issue 10): `-` for standard input, --skip-path and
// exclude:, names a template or module does not declare, AllowedValues, an unwritable -o, and a report
// document even when the scan fails before it has findings.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/path_filter.hpp"
#include "cli_harness.hpp"

namespace stance::cli {
namespace {

using testing::contains;
using testing::kFailingTemplate;
using testing::kPassingTemplate;
using testing::stance;
using testing::TempDir;

// ---- standard input ----------------------------------------------------------------------------------

TEST(ScanStdin, DashReadsATemplateFromStandardInput) {
  auto r = stance({"scan", "--no-config", "-"}, kFailingTemplate);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "BadTrail")) << r.out;
  EXPECT_TRUE(contains(r.out, "<stdin>:9:11")) << r.out;
}

TEST(ScanStdin, JsonFromStandardInput) {
  auto r = stance({"scan", "--no-config", "-f", "json", "-"},
                  R"({"Resources": {"T": {"Type": "AWS::CloudTrail::Trail",
                      "Properties": {"IsLogging": true, "S3BucketName": "b"}}}})");
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "\"file\": \"<stdin>\"") || contains(r.out, "\"file\":\"<stdin>\"")) << r.out;
}

TEST(ScanStdin, SomethingElseOnStandardInputIsAnError) {
  auto r = stance({"scan", "--no-config", "-"}, "just some text\n");
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "not a CloudFormation template")) << r.out;
}

TEST(ScanStdin, MixedWithFiles) {
  TempDir dir;
  const std::string good = dir.write("good.yaml", kPassingTemplate);
  auto r = stance({"scan", "--no-config", good, "-"}, kFailingTemplate);
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "2 trails checked")) << r.out;
}

// ---- --skip-path and exclude: ------------------------------------------------------------------------

TEST(SkipPath, SkipsFilesAndDirectoriesRelativeToTheScannedPath) {
  TempDir dir;
  dir.write("app/good.yaml", kPassingTemplate);
  dir.write("vendor/lib/bad.yaml", kFailingTemplate);
  dir.write("app/generated/bad.yaml", kFailingTemplate);
  auto all = stance({"scan", "--no-config", dir.str()});
  EXPECT_EQ(all.code, 1) << all.out;

  auto skipped = stance({"scan", "--no-config", "--skip-path", "vendor", "--skip-path", "**/generated/**", "-v",
                         dir.str()});
  EXPECT_EQ(skipped.code, 0) << skipped.out << skipped.err;
  EXPECT_TRUE(contains(skipped.out, "1 trail checked in 1 file")) << skipped.out;
  EXPECT_TRUE(contains(skipped.out, "matches --skip-path 'vendor'")) << skipped.out;  // said with -v

  auto glob = stance({"scan", "--no-config", "--skip-path", "*/*/bad.yaml", "--skip-path", "vendor/**", dir.str()});
  EXPECT_EQ(glob.code, 0) << glob.out;
}

TEST(SkipPath, MalformedPatternIsAUsageError) {
  TempDir dir;
  dir.write("t.yaml", kPassingTemplate);
  auto r = stance({"scan", "--no-config", "--skip-path", "vendor/[abc", dir.str()});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "--skip-path: 'vendor/[abc' is not a valid pattern")) << r.err;
}

TEST(SkipPath, ConfigExcludeIsRelativeToTheConfigFile) {
  TempDir dir;
  dir.write(".stance.yaml", "exclude:\n  - legacy/**\n");
  dir.write("legacy/bad.yaml", kFailingTemplate);
  dir.write("live/good.yaml", kPassingTemplate);
  auto r = stance({"scan", dir.str()});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "1 trail checked")) << r.out;
  // Scanning a subdirectory, the pattern still means the same files.
  auto sub = stance({"scan", dir / "legacy"});
  EXPECT_EQ(sub.code, 0) << sub.out << sub.err;
  EXPECT_TRUE(contains(sub.out, "no CloudTrail trails found in 0 files")) << sub.out;
}

TEST(SkipPath, PathMatching) {
  EXPECT_TRUE(path_matches("vendor", "vendor/a/b.yaml"));
  EXPECT_TRUE(path_matches("vendor/", "vendor/b.yaml"));
  EXPECT_TRUE(path_matches("./vendor", "vendor/b.yaml"));
  EXPECT_TRUE(path_matches("**/test/**", "a/b/test/c.yaml"));
  EXPECT_TRUE(path_matches("**/*.yaml", "a/b/c.yaml"));
  EXPECT_TRUE(path_matches("*.yaml", "c.yaml"));
  EXPECT_FALSE(path_matches("*.yaml", "a/c.json"));
  EXPECT_FALSE(path_matches("vendor", "app/vendorized.yaml"));
  EXPECT_FALSE(path_matches("app/vendor", "vendor/app.yaml"));
}

// ---- undeclared names and AllowedValues --------------------------------------------------------------

const char* kParameterised = R"(AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Mode:
    Type: String
    AllowedValues: [All, WriteOnly]
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: !Ref Mode
)";

TEST(Undeclared, ParameterTheTemplateDoesNotDeclare) {
  TempDir dir;
  const std::string file = dir.write("t.yaml", kParameterised);
  auto r = stance({"scan", "--no-config", "-p", "Mood=All", "-p", "Mode=All", file});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "--parameter Mood: no scanned template declares a parameter \"Mood\" (declared: Mode)"))
      << r.out;
  // Pseudo parameters are always there.
  auto pseudo = stance({"scan", "--no-config", "-p", "AWS::Region=eu-west-1", "-p", "Mode=All", file});
  EXPECT_EQ(pseudo.code, 0) << pseudo.out << pseudo.err;
}

TEST(Undeclared, ParameterFileNamesAreCheckedToo) {
  TempDir dir;
  const std::string file = dir.write("t.yaml", kParameterised);
  const std::string params =
      dir.write("p.json", R"([{"ParameterKey": "Mode", "ParameterValue": "All"}, {"ParameterKey": "Extra", "ParameterValue": "x"}])");
  auto r = stance({"scan", "--no-config", "--parameter-file", params, file});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "parameter \"Extra\"")) << r.out;
}

TEST(Undeclared, ValueOutsideAllowedValues) {
  TempDir dir;
  const std::string file = dir.write("t.yaml", kParameterised);
  auto r = stance({"scan", "--no-config", "-p", "Mode=Everything", file});
  EXPECT_EQ(r.code, 2) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "t.yaml:5:20")) << r.out;
  EXPECT_TRUE(contains(r.out, "parameter Mode: 'Everything' is not one of its AllowedValues ('All', 'WriteOnly')"))
      << r.out;
}

TEST(Undeclared, TerraformVarNoModuleDeclares) {
  TempDir dir;
  dir.write("main.tf", R"(variable "bucket" {
  type = string
}
resource "aws_cloudtrail" "t" {
  name           = "t"
  s3_bucket_name = var.bucket
}
)");
  auto ok = stance({"scan", "--no-config", "--var", "bucket=logs", dir.str()});
  EXPECT_EQ(ok.code, 0) << ok.out << ok.err;
  auto typo = stance({"scan", "--no-config", "--var", "buckett=logs", dir.str()});
  EXPECT_EQ(typo.code, 2) << typo.out << typo.err;
  EXPECT_TRUE(contains(typo.out, "--var buckett: no scanned Terraform root module declares a variable \"buckett\" "
                                 "(declared: bucket)"))
      << typo.out;
}

std::string with_allowed(const std::string& values) {
  std::string text = kParameterised;
  text.replace(text.find("[All, WriteOnly]"), 16, values);
  return text;
}

TEST(AllowedValues, NarrowAnUnknownWhenEveryAllowedValueAgrees) {
  TempDir dir;
  // Both allowed values record only half the events: the verdict is a fail whatever is deployed.
  const std::string bad = dir.write("bad.yaml", with_allowed("[ReadOnly, WriteOnly]"));
  auto f = stance({"scan", "--no-config", bad});
  EXPECT_EQ(f.code, 1) << f.out << f.err;
  EXPECT_TRUE(contains(f.out, "FAIL")) << f.out;
  EXPECT_TRUE(contains(f.out, "the same for every allowed value of parameter Mode")) << f.out;

  // The only allowed value passes.
  const std::string pass = dir.write("pass.yaml", with_allowed("[All]"));
  auto p = stance({"scan", "--no-config", "--fail-on-unknown", "--show-passed", pass});
  EXPECT_EQ(p.code, 0) << p.out << p.err;
  EXPECT_TRUE(contains(p.out, "PASS")) << p.out;

  // One allowed value fails, one passes: still unknown.
  const std::string open = dir.write("open.yaml", with_allowed("[All, ReadOnly]"));
  auto u = stance({"scan", "--no-config", "--fail-on-unknown", open});
  EXPECT_EQ(u.code, 1) << u.out << u.err;
  EXPECT_TRUE(contains(u.out, "UNKNOWN")) << u.out;
}

TEST(AllowedValues, TooManyCombinationsStayUnknown) {
  TempDir dir;
  // 17 allowed values is more than one parameter may fan out to: the unknown stands, quickly.
  std::string values = "[ReadOnly, WriteOnly";
  for (int i = 0; i < 15; ++i) values += ", ReadOnly";
  const std::string file = dir.write("many.yaml", with_allowed(values + "]"));
  auto r = stance({"scan", "--no-config", file});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_TRUE(contains(r.out, "UNKNOWN")) << r.out;
}

// ---- where the report goes ---------------------------------------------------------------------------

TEST(Output, UnwritablePathSaysWhy) {
  TempDir dir;
  const std::string file = dir.write("t.yaml", kPassingTemplate);
  auto r = stance({"scan", "--no-config", "-o", dir / "no/such/dir/report.json", file});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(contains(r.err, "No such file or directory")) << r.err;
  auto d = stance({"scan", "--no-config", "-o", dir.str(), file});
  EXPECT_EQ(d.code, 2);
  EXPECT_TRUE(contains(d.err, "Is a directory")) << d.err;
}

TEST(Output, BadConfigStillWritesADocumentOfTheChosenFormat) {
  TempDir dir;
  dir.write(".stance.yaml", "rules:\n  CT-010:\n    enabled: maybe\n");
  const std::string file = dir.write("t.yaml", kPassingTemplate);
  struct Case {
    const char* format;
    const char* name;
    const char* expect;
  };
  for (const Case& c : {Case{"json", "r.json", "\"errors\""}, Case{"sarif", "r.sarif", "toolExecutionNotifications"},
                        Case{"junit", "r.xml", "<testsuites"}, Case{"text", "r.txt", "source errors"}}) {
    auto r = stance({"scan", "-f", c.format, "-o", dir / c.name, file});
    EXPECT_EQ(r.code, 2) << c.format;
    EXPECT_TRUE(contains(r.err, ".stance.yaml:3:14")) << r.err;
    const std::string doc = dir.read(c.name);
    EXPECT_TRUE(contains(doc, c.expect)) << c.format << "\n" << doc;
    EXPECT_TRUE(contains(doc, ".stance.yaml")) << c.format << "\n" << doc;
  }
}

}  // namespace
}  // namespace stance::cli

namespace stance::cli {
namespace {

// Progress is one line redrawn in place on a terminal's standard error, and absent when it is not one.
TEST(Progress, OneLineInPlaceOnlyOnATerminal) {
  testing::TempDir dir;
  dir.write("a/t.yaml", testing::kPassingTemplate);
  dir.write("b/t.yaml", testing::kPassingTemplate);
  std::ostringstream out, err;
  Streams terminal{out, err, false, /*err_is_terminal=*/true, nullptr, false};
  EXPECT_EQ(run({"scan", "--no-config", dir.str()}, terminal), 0) << err.str();
  const std::string shown = err.str();
  EXPECT_TRUE(testing::contains(shown, "\r\033[2Kfinding files in " + dir.str())) << shown;
  EXPECT_TRUE(testing::contains(shown, "\r\033[2Kscanning 2/2 files")) << shown;
  EXPECT_EQ(shown.find('\n'), std::string::npos) << shown;  // never a new line: always the same one
  EXPECT_TRUE(shown.ends_with("\r\033[2K")) << shown;       // and cleared before the report

  auto piped = testing::stance({"scan", "--no-config", dir.str()});
  EXPECT_EQ(piped.err, "");
}

// While a large tree is walked, before there is a file count, the line counts the files found so far.
TEST(Progress, TheWalkCountsTheFilesFound) {
  testing::TempDir dir;
  for (int i = 0; i < 130; ++i) dir.write("d" + std::to_string(i % 7) + "/f" + std::to_string(i) + ".json", "{}");
  std::ostringstream out, err;
  Streams terminal{out, err, false, /*err_is_terminal=*/true, nullptr, false};
  run({"scan", "--no-config", dir.str()}, terminal);
  const std::string shown = err.str();
  EXPECT_TRUE(testing::contains(shown, "\r\033[2Kfinding files in " + dir.str() + "... 64 found")) << shown;
  EXPECT_TRUE(testing::contains(shown, "... 128 found")) << shown;
  EXPECT_EQ(shown.find('\n'), std::string::npos) << shown;
}

}  // namespace
}  // namespace stance::cli

namespace stance::cli {
namespace {

TEST(Output, CollectToAnUnwritablePathFailsBeforeReadingAnything) {
  testing::TempDir dir;
  // No endpoint is reachable here: the path is refused before any AWS call is tried.
  auto r = testing::stance({"collect", "--aws", "--endpoint-url", "http://127.0.0.1:9", "--region", "us-east-1",
                            "-o", dir / "missing/snapshot.json"});
  EXPECT_EQ(r.code, 2);
  EXPECT_TRUE(testing::contains(r.err, "missing/snapshot.json: No such file or directory")) << r.err;
}


// A .stance.yaml inside the scanned tree (written by whoever wrote the pull request) is honoured, and the
// report says what it changed and from which file; one outside the tree (--config) changes it silently.
TEST(ConfigInScannedTree, TheReportSaysWhatItSuppressedAndFromWhichFile) {
  TempDir dir;
  dir.write("repo/bad.yaml", kFailingTemplate);
  const std::string in_tree = dir.write("repo/.stance.yaml",
                                        "exceptions:\n  - rule: CT-010\n    resources: [\"*\"]\n    reason: trust me\n");
  auto json = stance({"scan", "--format", "json", dir / "repo"});
  EXPECT_EQ(json.code, 0) << json.out;
  EXPECT_TRUE(contains(json.out, "\"suppressed\": 1")) << json.out;
  EXPECT_TRUE(contains(json.out, "is inside the scanned tree and changed this report (1 finding suppressed)"))
      << json.out;
  EXPECT_TRUE(contains(json.out, in_tree)) << json.out;

  auto ignored = stance({"scan", "--no-config", dir / "repo"});
  EXPECT_EQ(ignored.code, 1) << ignored.out;
  EXPECT_FALSE(contains(ignored.out, "inside the scanned tree")) << ignored.out;

  const std::string trusted = dir.write("trusted/stance.yaml", "exceptions:\n  - rule: CT-010\n    resources: [\"*\"]\n    reason: reviewed\n");
  auto outside = stance({"scan", "--config", trusted, dir / "repo"});
  EXPECT_EQ(outside.code, 0) << outside.out;
  EXPECT_FALSE(contains(outside.out, "inside the scanned tree")) << outside.out;

  // A configuration that changes nothing is not mentioned.
  dir.write("repo/.stance.yaml", "rules:\n  CT-010:\n    enabled: true\n");
  auto quiet = stance({"scan", dir / "repo"});
  EXPECT_FALSE(contains(quiet.out, "inside the scanned tree")) << quiet.out;
}


// CloudFormation names a trail without TrailName at deployment: the report says so instead of showing the
// logical ID as if it were the name.
TEST(ResourceName, ACloudFormationTrailWithoutTrailNameHasAGeneratedName) {
  TempDir dir;
  const std::string path = dir.write("t.yaml",
      "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties: {IsLogging: true, S3BucketName: b}\n"
      "  Named:\n    Type: AWS::CloudTrail::Trail\n    Properties: {IsLogging: true, S3BucketName: b, TrailName: org}\n");
  auto json = stance({"scan", "--no-config", "--format", "json", path});
  EXPECT_EQ(json.code, 0) << json.out;
  EXPECT_TRUE(contains(json.out, "\"id\": \"Audit\",\n        \"name\": \"\",\n        \"name_generated\": true")) << json.out;
  EXPECT_TRUE(contains(json.out, "\"id\": \"Named\",\n        \"name\": \"org\"")) << json.out;
  EXPECT_EQ(json.out.find("\"name\": \"Audit\""), std::string::npos) << json.out;
}

}  // namespace
}  // namespace stance::cli
