// `stance kb show RULE --for FINDING [PATH...]` and `stance scan --explain`, end to end through cli::run: how a
// finding is named (what the text report prints), errors for no match or several, the three formats, a
// bundled example, a Terraform module and a live snapshot.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"

namespace stance::cli {
namespace {

namespace fs = std::filesystem;
const std::string kSource = STANCE_SOURCE_DIR;
const std::string kTeam = kSource + "/examples/team-trails.yaml";
const std::string kSnapshot = kSource + "/tests/cli/data/snapshot-failing.json";

struct Result {
  int code;
  std::string out;
  std::string err;
};

Result stance(std::vector<std::string> args) {
  std::ostringstream out, err;
  int code = run(args, Streams{out, err, false, false});
  return {code, out.str(), err.str()};
}

std::string read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Output with the checkout's path replaced, so expected files read the same on every machine.
std::string portable(std::string text) {
  for (std::size_t at; (at = text.find(kSource)) != std::string::npos;) text.replace(at, kSource.size(), "<source>");
  return text;
}

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() / ("stance-kbfor-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string write(const std::string& name, const std::string& text) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  std::string str() const { return path_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

// The expected text output, read by hand: tests/cli/data/kb-for-analytics.txt.
TEST(KbShowFor, BundledExampleByLogicalId) {
  Result r = stance({"kb", "show", "CT-010", "--for", "AnalyticsTrail", kTeam});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(portable(r.out), read(kSource + "/tests/cli/data/kb-for-analytics.txt"));
}

TEST(KbShowFor, EveryWayTheReportNamesATrailFindsIt) {
  // The text report prints the resource ID, then the finding's location (here the ReadWriteType line).
  for (const std::string& name : {std::string("AnalyticsTrail"), std::string("analytics"), kTeam + ":12:11",
                                  kTeam + ":12", kTeam + ":5", kTeam + ":9"}) {
    SCOPED_TRACE(name);
    Result r = stance({"kb", "show", "CT-010", "--for", name, kTeam, "--format", "json"});
    ASSERT_EQ(r.code, 0) << r.err;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    ASSERT_FALSE(parser.parse(r.out).get(doc)) << r.out;
    std::string_view id;
    ASSERT_FALSE(doc["finding"]["resource"]["id"].get(id));
    EXPECT_EQ(id, "AnalyticsTrail");
  }
  // A path spelled differently from the scan's is the same file.
  fs::path relative = fs::relative(kTeam);
  Result r = stance({"kb", "show", "CT-010", "--for", "./" + relative.string() + ":20", kTeam});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("DataLakeTrail"), std::string::npos);
}

TEST(KbShowFor, JsonAndMarkdownCarryTheSameSnippets) {
  Result json = stance({"kb", "show", "ct-010", "--for", "DataLakeTrail", kTeam, "-f", "json"});
  ASSERT_EQ(json.code, 0) << json.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_FALSE(parser.parse(json.out).get(doc)) << json.out;
  std::string_view status, name, change;
  EXPECT_FALSE(doc["finding"]["status"].get(status));
  EXPECT_EQ(status, "fail");
  EXPECT_FALSE(doc["trail"]["name"].get(name));
  EXPECT_EQ(name, "data-lake");
  EXPECT_TRUE(doc["trail"]["region"].is_null());
  EXPECT_FALSE(doc["change"].get(change));
  EXPECT_NE(change.find("advanced event selector"), std::string_view::npos);
  simdjson::dom::array snippets;
  ASSERT_FALSE(doc["snippets"].get(snippets));
  std::vector<std::string> kinds;
  for (simdjson::dom::element s : snippets) kinds.emplace_back(std::string_view(s["kind"]));
  EXPECT_EQ(kinds, (std::vector<std::string>{"cli", "cloudformation-yaml", "cloudformation-json", "terraform"}));

  Result md = stance({"kb", "show", "CT-010", "--for", "DataLakeTrail", kTeam, "--format", "markdown"});
  ASSERT_EQ(md.code, 0) << md.err;
  EXPECT_NE(md.out.find("# CT-010: CloudTrail Management Events — DataLakeTrail"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("```bash\naws cloudtrail get-event-selectors"), std::string::npos) << md.out;
  EXPECT_NE(md.out.find("```hcl\n# In the trail's aws_cloudtrail resource"), std::string::npos) << md.out;
}

TEST(KbShowFor, NoMatchAndSeveralMatchesAreUsageErrorsThatListCandidates) {
  Result none = stance({"kb", "show", "CT-010", "--for", "NoSuchTrail", kTeam});
  EXPECT_EQ(none.code, 2);
  EXPECT_EQ(none.out, "");
  EXPECT_NE(none.err.find("no CT-010 finding matches \"NoSuchTrail\""), std::string::npos) << none.err;
  EXPECT_NE(none.err.find("trails found:\n  AnalyticsTrail  " + kTeam + ":5:3  trail analytics  FAIL\n"),
            std::string::npos)
      << none.err;

  // The same logical ID in two templates: FILE:LINE tells them apart.
  TempDir dir;
  const std::string trail = "Resources:\n  Audit:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                            "      S3BucketName: logs\n      IsLogging: true\n      EventSelectors:\n"
                            "        - IncludeManagementEvents: false\n";
  const std::string a = dir.write("a.yaml", trail);
  const std::string b = dir.write("b.yaml", trail);
  Result several = stance({"kb", "show", "CT-010", "--for", "Audit", dir.str()});
  EXPECT_EQ(several.code, 2);
  EXPECT_NE(several.err.find("\"Audit\" matches 2 trails"), std::string::npos) << several.err;
  EXPECT_NE(several.err.find("  Audit  " + a + ":2:3  FAIL\n"), std::string::npos) << several.err;
  EXPECT_NE(several.err.find("  Audit  " + b + ":2:3  FAIL\n"), std::string::npos) << several.err;
  Result one = stance({"kb", "show", "CT-010", "--for", b + ":2", dir.str()});
  EXPECT_EQ(one.code, 0) << one.err;

  Result paths_without_for = stance({"kb", "show", "CT-010", kTeam});
  EXPECT_EQ(paths_without_for.code, 2);
  EXPECT_NE(paths_without_for.err.find("--for"), std::string::npos);
}

TEST(KbShowFor, TerraformModule) {
  TempDir dir;
  dir.write("main.tf", R"(resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "logs"

  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = true
  }
}
)");
  Result r = stance({"kb", "show", "CT-010", "--for", "aws_cloudtrail.audit", dir.str()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Widen ReadWriteType WriteOnly to All in event selector 1."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("# In resource \"aws_cloudtrail\" \"audit\" (aws_cloudtrail.audit)"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("set REGION to it"), std::string::npos) << r.out;
}

TEST(KbShowFor, TerraformFindingGetsCliAndTerraformSnippetsOnly) {
  TempDir dir;
  dir.write("main.tf", R"(resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "logs"
  event_selector {
    read_write_type = "ReadOnly"
  }
}
)");
  Result r = stance({"kb", "show", "CT-010", "--for", "aws_cloudtrail.audit", dir.str(), "--format", "json"});
  ASSERT_EQ(r.code, 0) << r.err;
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(r.out);
  std::vector<std::string> kinds;
  for (simdjson::dom::element snippet : doc["snippets"].get_array()) {
    kinds.emplace_back(std::string_view(snippet["kind"].get_string().value()));
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"cli", "terraform"})) << r.out;
}

// --for finds the trail as `scan` saw it with the same -p and --var, and rejects names nothing declares.
TEST(KbShowFor, TakesTheScanTemplateInputs) {
  TempDir dir;
  const std::string cfn = dir.write("cfn/t.yaml", R"(Parameters:
  Mode:
    Type: String
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: !Ref Mode
)");
  Result unknown = stance({"kb", "show", "CT-010", "--for", "Trail", cfn, "--format", "json"});
  ASSERT_EQ(unknown.code, 0) << unknown.err;
  EXPECT_NE(unknown.out.find("\"status\": \"unknown\""), std::string::npos) << unknown.out;
  Result given = stance({"kb", "show", "CT-010", "--for", "Trail", cfn, "-p", "Mode=ReadOnly", "--format", "json"});
  ASSERT_EQ(given.code, 0) << given.err;
  EXPECT_NE(given.out.find("\"status\": \"fail\""), std::string::npos) << given.out;
  Result typo = stance({"kb", "show", "CT-010", "--for", "Trail", cfn, "-p", "Mood=ReadOnly"});
  EXPECT_EQ(typo.code, 2);
  EXPECT_NE(typo.err.find("no scanned template declares a parameter \"Mood\""), std::string::npos) << typo.err;

  const std::string tf = dir.str() + "/tf";
  dir.write("tf/main.tf", R"(variable "mode" {
  type = string
}
resource "aws_cloudtrail" "audit" {
  name           = "audit"
  s3_bucket_name = "logs"
  event_selector {
    read_write_type = var.mode
  }
}
)");
  Result var = stance({"kb", "show", "CT-010", "--for", "aws_cloudtrail.audit", tf, "--var", "mode=WriteOnly"});
  ASSERT_EQ(var.code, 0) << var.err;
  EXPECT_NE(var.out.find("Widen ReadWriteType WriteOnly to All"), std::string::npos) << var.out;
  Result var_typo = stance({"kb", "show", "CT-010", "--for", "aws_cloudtrail.audit", tf, "--var", "mood=WriteOnly"});
  EXPECT_EQ(var_typo.code, 2);
  EXPECT_NE(var_typo.err.find("declares a variable \"mood\""), std::string::npos) << var_typo.err;
}

TEST(KbShowFor, LiveSnapshotKeepsDataSelectorsAndQuotesForTheShell) {
  const std::string arn = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/data-events";
  Result r = stance({"kb", "show", "CT-010", "--for", arn, kSnapshot});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("Trail name: data-events   Region: eu-west-1\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("      aws cloudtrail put-event-selectors --region 'eu-west-1' --trail-name '" + arn +
                       "' \\\n        --event-selectors '[\n"
                       "          {\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":false,\"DataResources\":["
                       "{\"Type\":\"AWS::S3::Object\",\"Values\":[\"arn:aws:s3:::payments-bucket/\","
                       "\"arn:aws:s3:::it'\\''s-quoted/\"]}],\"ExcludeManagementEventSources\":[]},\n"
                       "          {\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"DataResources\":[],"
                       "\"ExcludeManagementEventSources\":[]}\n"
                       "        ]'\n"),
            std::string::npos)
      << r.out;

  // The trail's name finds it too; advanced selectors stay advanced.
  Result lake = stance({"kb", "show", "CT-010", "--for", "lake", kSnapshot});
  ASSERT_EQ(lake.code, 0) << lake.err;
  EXPECT_NE(lake.out.find("--region 'us-east-1' --trail-name 'arn:aws:cloudtrail:us-east-1:111111111111:trail/lake' \\\n"
                          "        --advanced-event-selectors '[\n"
                          "          {\"Name\":\"Lambda data events\",\"FieldSelectors\":[{\"Field\":\"eventCategory\","
                          "\"Equals\":[\"Data\"]},{\"Field\":\"resources.type\",\"Equals\":[\"AWS::Lambda::Function\"]}]},\n"),
            std::string::npos)
      << lake.out;
}

TEST(KbShowFor, PassingTrailHasNothingToChange) {
  Result r = stance({"kb", "show", "CT-010", "--for", "OrganizationTrail", kSource + "/examples/organization-trail.yaml"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("CT-010 passes for this trail: nothing to change."), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("REMEDIATION FOR THIS TRAIL"), std::string::npos) << r.out;
}

// `scan --explain`: the expected report, read by hand, is tests/cli/data/scan-explain.txt.
TEST(ScanExplain, TextReportShowsTheSnippetsUnderEachFailingFinding) {
  Result r = stance({"scan", "--explain", "--no-config", "--color", "never", kTeam});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_EQ(portable(r.out), read(kSource + "/tests/cli/data/scan-explain.txt"));

  Result plain = stance({"scan", "--no-config", kTeam});
  EXPECT_EQ(plain.out.find("put-event-selectors"), std::string::npos);

  // Other formats are contracts: --explain leaves them alone and says so.
  Result json = stance({"scan", "--explain", "--no-config", "--format", "json", kTeam});
  Result json_plain = stance({"scan", "--no-config", "--format", "json", kTeam});
  EXPECT_EQ(json.code, 1);
  EXPECT_EQ(json.out, json_plain.out);
  EXPECT_NE(json.err.find("--explain applies to the text report only"), std::string::npos) << json.err;
}

TEST(ScanExplain, LiveSnapshot) {
  Result r = stance({"scan", "--explain", "--no-config", kSnapshot});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("Fix: Add an event selector for all management events"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--trail-name 'arn:aws:cloudtrail:us-east-1:111111111111:trail/lake'"), std::string::npos);
}

}  // namespace
}  // namespace stance::cli
