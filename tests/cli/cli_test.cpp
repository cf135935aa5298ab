// The command line end to end, through cli::run with captured streams: exit codes, formats, config,
// parameters, knowledge base commands.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli_harness.hpp"

namespace stance::cli {
namespace {

namespace fs = std::filesystem;
const std::string kSource = STANCE_SOURCE_DIR;
const std::string kExamples = kSource + "/src/rules/ct010/examples";

using testing::stance;
using testing::TempDir;
const char* const kPassing = testing::kPassingTemplate;
const char* const kFailing = testing::kFailingTemplate;

TEST(Cli, VersionAndHelp) {
  auto v = stance({"--version"});
  EXPECT_EQ(v.code, 0);
  EXPECT_NE(v.out.find("stance " STANCE_VERSION), std::string::npos) << v.out;
  auto h = stance({"scan", "--help"});
  EXPECT_EQ(h.code, 0);
  EXPECT_NE(h.out.find("--format"), std::string::npos);
  EXPECT_NE(h.out.find("--fail-on"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwo) {
  EXPECT_EQ(stance({}).code, 2);
  EXPECT_EQ(stance({"scan", "--bogus"}).code, 2);
  EXPECT_EQ(stance({"scan", "--format", "yaml", "."}).code, 2);
  auto r = stance({"scan", "--fail-on", "severe", "."});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--fail-on: 'severe' is not one of info, low, medium, high, critical"), std::string::npos) << r.err;
  r = stance({"scan", "-p", "NoEquals", kExamples + "/conditions.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("Key=Value"), std::string::npos);
}

TEST(Cli, ExitCodesFollowFindings) {
  TempDir dir;
  const std::string pass = dir.write("pass.yaml", kPassing);
  const std::string fail = dir.write("fail.yaml", kFailing);
  EXPECT_EQ(stance({"scan", "--no-config", pass}).code, 0);
  auto r = stance({"scan", "--no-config", fail});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("BadTrail"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("fail.yaml:9:11"), std::string::npos) << r.out;
  EXPECT_EQ(stance({"scan", "--no-config", "--fail-on", "high", fail}).code, 0) << "medium finding below threshold";
  EXPECT_EQ(stance({"scan", "--no-config", dir.str() + "/missing.yaml"}).code, 2);
}

TEST(Cli, UnknownVerdictFailsOnlyWhenAsked) {
  const std::string file = kExamples + "/unknown-parameter.yaml";
  EXPECT_EQ(stance({"scan", "--no-config", file}).code, 0);
  EXPECT_EQ(stance({"scan", "--no-config", "--fail-on-unknown", file}).code, 1);
  EXPECT_EQ(stance({"scan", "--no-config", "-p", "Mode=ReadOnly", file}).code, 1);
  EXPECT_EQ(stance({"scan", "--no-config", "--parameter", "Mode=All", file}).code, 0);
}

TEST(Cli, ParameterFile) {
  TempDir dir;
  const std::string params = dir.write("prod.json", R"([{"ParameterKey": "Mode", "ParameterValue": "WriteOnly"}])");
  auto r = stance({"scan", "--no-config", "--parameter-file", params, kExamples + "/unknown-parameter.yaml"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  // --parameter wins over the file.
  r = stance({"scan", "--no-config", "--parameter-file", params, "-p", "Mode=All", kExamples + "/unknown-parameter.yaml"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST(Cli, InvalidValueMakesTheScanIncomplete) {
  auto r = stance({"scan", "--no-config", kExamples + "/error-boolean-yes.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.out.find("error-boolean-yes.yaml:10:11"), std::string::npos) << r.out;
}

TEST(Cli, JsonGoesToStdoutOrFile) {
  TempDir dir;
  const std::string fail = dir.write("fail.yaml", kFailing);
  auto r = stance({"scan", "--no-config", "--format", "json", fail});
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.out.find("\"schema_version\": 1"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"status\": \"fail\""), std::string::npos);
  const std::string report = dir.str() + "/out.sarif";
  r = stance({"scan", "--no-config", "-f", "sarif", "-o", report, fail});
  EXPECT_EQ(r.code, 1);
  EXPECT_TRUE(r.out.empty());
  std::ifstream in(report);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("\"version\": \"2.1.0\""), std::string::npos);
}

TEST(Cli, ConfigFileFoundUpwardAppliesExceptions) {
  TempDir dir;
  dir.write(".stance.yaml", "exceptions:\n  - rule: CT-010\n    resources: [BadTrail]\n    reason: accepted risk\n");
  const std::string fail = dir.write("infra/fail.yaml", kFailing);
  auto r = stance({"scan", fail});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("accepted risk"), std::string::npos) << r.out;
  EXPECT_EQ(stance({"scan", "--no-config", fail}).code, 1);
}

TEST(Cli, BrokenConfigIsAnErrorWithPosition) {
  TempDir dir;
  const std::string cfg = dir.write("bad.yaml", "rules:\n  CT-010:\n    severity: severe\n");
  auto r = stance({"scan", "--config", cfg, kExamples + "/booleans.yaml"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("bad.yaml:3:15"), std::string::npos) << r.err;
}

TEST(Cli, TextHidesPassesUnlessAsked) {
  TempDir dir;
  const std::string pass = dir.write("pass.yaml", kPassing);
  auto hidden = stance({"scan", "--no-config", pass});
  EXPECT_EQ(hidden.out.find("GoodTrail"), std::string::npos) << hidden.out;
  auto shown = stance({"scan", "--no-config", "--show-passed", pass});
  EXPECT_NE(shown.out.find("GoodTrail"), std::string::npos) << shown.out;
  EXPECT_EQ(shown.out.find("\033["), std::string::npos) << "no colour when not a terminal";
  auto colour = stance({"scan", "--no-config", "--show-passed", "--color", "always", pass});
  EXPECT_NE(colour.out.find("\033["), std::string::npos);
}

TEST(Cli, VerboseSaysWhichFilesWereSkipped) {
  TempDir dir;
  dir.write("package.json", R"({"name": "not-a-template"})");
  dir.write("fail.yaml", kFailing);
  auto quiet = stance({"scan", "--no-config", dir.str()});
  EXPECT_EQ(quiet.out.find("package.json"), std::string::npos) << "skipped quietly by default\n" << quiet.out;
  auto verbose = stance({"scan", "--no-config", "-v", dir.str()});
  EXPECT_NE(verbose.out.find("skipped " + dir.str() + "/package.json: not a CloudFormation template"),
            std::string::npos)
      << verbose.out;
  EXPECT_EQ(verbose.code, 1);
}

TEST(Cli, KnowledgeBaseCommands) {
  auto list = stance({"kb", "list"});
  EXPECT_EQ(list.code, 0);
  EXPECT_NE(list.out.find("CT-010"), std::string::npos);
  EXPECT_NE(list.out.find("CloudTrail Management Events"), std::string::npos);
  auto show = stance({"kb", "show", "ct-010", "--format", "markdown"});
  EXPECT_EQ(show.code, 0);
  EXPECT_NE(show.out.find("put-event-selectors"), std::string::npos);
  auto json = stance({"kb", "show", "CT-010", "--format", "json"});
  EXPECT_EQ(json.code, 0);
  EXPECT_NE(json.out.find("\"id\": \"CT-010\""), std::string::npos) << json.out;
  auto missing = stance({"kb", "show", "CT-999"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("CT-999"), std::string::npos);
}

TEST(Cli, KnowledgeBaseListByFramework) {
  // An extra article that only the override's framework maps, so the filter has something to leave out.
  TempDir kb;
  kb.write("xx001/rule.yaml",
           "id: XX-001\ntitle: An extra article\nservice: CloudTrail\nrisk: Info\n"
           "resource_types: [AWS::CloudTrail::Trail]\nsummary: Extra.\nrationale: Extra.\n");
  kb.write("frameworks.yaml",
           "frameworks:\n  - id: acme\n    name: ACME\n    controls:\n      - {id: A-1, title: One}\n"
           "    rules:\n      XX-001: [A-1]\n");
  auto cis = stance({"kb", "list", "--kb-dir", kb.str(), "--framework", "CIS-AWS-Foundations-v3"});
  EXPECT_EQ(cis.code, 0) << cis.err;
  EXPECT_NE(cis.out.find("CT-010"), std::string::npos) << cis.out;
  EXPECT_EQ(cis.out.find("XX-001"), std::string::npos) << cis.out;
  auto acme = stance({"kb", "list", "--kb-dir", kb.str(), "--framework", "acme", "--format", "json"});
  EXPECT_EQ(acme.code, 0) << acme.err;
  EXPECT_NE(acme.out.find("\"id\": \"XX-001\""), std::string::npos) << acme.out;
  EXPECT_EQ(acme.out.find("CT-010"), std::string::npos) << acme.out;
  auto all = stance({"kb", "list", "--kb-dir", kb.str()});
  EXPECT_NE(all.out.find("XX-001"), std::string::npos) << all.out;
  EXPECT_NE(all.out.find("CT-010"), std::string::npos) << all.out;

  auto unknown = stance({"kb", "list", "--framework", "cis-v3"});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_EQ(unknown.out, "");
  EXPECT_NE(unknown.err.find("unknown framework \"cis-v3\""), std::string::npos) << unknown.err;
  for (const char* id : {"cis-aws-foundations-v3", "aws-fsbp", "nist-800-53-r5", "pci-dss-v4", "aws-well-architected"}) {
    EXPECT_NE(unknown.err.find(id), std::string::npos) << "the known ids are listed: " << id << "\n" << unknown.err;
  }
}

TEST(Cli, SeedArticleTemplatesPass) {
  const std::string seed = STANCE_SHARED_DIR "/seed";
  if (!fs::exists(seed)) GTEST_SKIP() << "../shared is absent: the CT-010 article's templates are not available";
  for (const char* name : {"ct010-template.yaml", "ct010-template.json"}) {
    auto r = stance({"scan", "--no-config", "--show-passed", "--format", "json", seed + "/" + name});
    EXPECT_EQ(r.code, 0) << name << "\n" << r.out << r.err;
    EXPECT_NE(r.out.find("\"status\": \"pass\""), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"id\": \"Trail\""), std::string::npos) << r.out;
  }
  auto r = stance({"scan", "--no-config", "--format", "json", seed + "/ct010-template.json"});
  EXPECT_NE(r.out.find("\"line\": 34,\n        \"column\": 57"), std::string::npos)
      << "the trailing-comma warning names its position\n" << r.out;
  EXPECT_NE(r.err.find("ct010-template.json:34:57: not valid JSON"), std::string::npos) << r.err;
}

TEST(Cli, BundledExamplesHaveFailuresAndAWarning) {
  auto r = stance({"scan", "--no-config", kSource + "/examples"});
  EXPECT_EQ(r.code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("AnalyticsTrail"), std::string::npos);
  EXPECT_NE(r.out.find("DataLakeTrail"), std::string::npos);
  EXPECT_NE(r.out.find("legacy-trail.json:14:"), std::string::npos) << "trailing comma warning\n" << r.out;
}

}  // namespace
}  // namespace stance::cli

namespace stance::cli {
namespace {

TEST(CliFix, TemplatesDiffThenWriteThenNothingLeft) {
  TempDir dir;
  const std::string path = dir.write("trail.yaml", kFailing);
  auto diff = stance({"fix", dir.str(), "--diff", "--no-config"});
  EXPECT_EQ(diff.code, 0) << diff.err;
  EXPECT_NE(diff.out.find("-        - ReadWriteType: ReadOnly\n+        - ReadWriteType: All\n"), std::string::npos) << diff.out;
  EXPECT_EQ(stance({"scan", path, "--no-config"}).code, 1) << "--diff writes nothing";

  auto write = stance({"fix", dir.str(), "--write", "--no-config", "--format", "json"});
  EXPECT_EQ(write.code, 0) << write.err;
  EXPECT_NE(write.out.find("\"status\": \"applied\""), std::string::npos) << write.out;
  EXPECT_EQ(stance({"scan", path, "--no-config"}).code, 0) << "the written fix passes";
  auto again = stance({"fix", dir.str(), "--no-config"});
  EXPECT_NE(again.out.find("nothing to fix"), std::string::npos) << again.out;
}

TEST(CliTerraform, VarAndVarFileApplyInCommandLineOrder) {
  TempDir dir;
  dir.write("main.tf", "variable \"rw\" {\n  default = \"ReadOnly\"\n}\n\nresource \"aws_cloudtrail\" \"t\" {\n"
                       "  name           = \"t\"\n  s3_bucket_name = \"b\"\n  event_selector {\n"
                       "    read_write_type = var.rw\n  }\n}\n");
  const std::string tfvars = dir.write("ro.tfvars", "rw = \"ReadOnly\"\n");
  EXPECT_EQ(stance({"scan", dir.str(), "--no-config"}).code, 1);
  EXPECT_EQ(stance({"scan", dir.str(), "--no-config", "--var", "rw=All"}).code, 0);
  EXPECT_EQ(stance({"scan", dir.str(), "--no-config", "--var", "rw=All", "--var-file", tfvars}).code, 1);
  EXPECT_EQ(stance({"scan", dir.str(), "--no-config", "--var-file", tfvars, "--var", "rw=All"}).code, 0);
}

TEST(CliFix, LiveAndTemplateOptionsDoNotMix) {
  EXPECT_EQ(stance({"fix", ".", "--apply"}).code, kExitIncomplete);
  EXPECT_EQ(stance({"fix", "--aws", "--diff"}).code, kExitIncomplete);
  EXPECT_EQ(stance({"fix", "x.yaml", "--aws"}).code, kExitIncomplete);
}

}  // namespace
}  // namespace stance::cli
