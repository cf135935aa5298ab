// Template fixes for the whole CloudTrail rule family: each rule's fix intent (src/rules/ctNNN/fix.cpp)
// realised in CloudFormation (YAML block, YAML flow, JSON) and Terraform (HCL, .tf.json) through the field
// schema, with no rule-specific code in the backends. Every fix is re-read and re-checked here again: the
// rules it names pass and the edited text holds exactly the intended value.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "engine/evaluator.hpp"
#include "fix/template_fix.hpp"
#include "rules/registry.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

const kb::KnowledgeBase& knowledge_base() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

FixOptions options_for(std::vector<std::string> rules) {
  FixOptions o;
  o.rules.only_rules = std::move(rules);
  return o;
}

std::string apply_all(const std::string& text, const std::vector<TemplateFix>& fixes) {
  std::vector<TextEdit> edits;
  for (const auto& f : fixes) edits.insert(edits.end(), f.edits.begin(), f.edits.end());
  std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
  return apply_edits(text, edits);
}

std::string describe(const std::vector<TemplateFix>& fixes) {
  std::string out;
  for (const auto& f : fixes) {
    out += f.resource_id + " " + f.status + " [";
    for (const auto& r : f.rule_ids) out += r + " ";
    out += "] " + f.reason + "\n";
  }
  return out;
}

const TemplateFix* planned(const std::vector<TemplateFix>& fixes) {
  for (const auto& f : fixes) {
    if (f.status == "planned") return &f;
  }
  return nullptr;
}

struct CfnRun {
  std::vector<TemplateFix> fixes;
  std::string after;
  sources::SourceResult read;           // the edited template, read again
  std::vector<engine::Finding> findings;  // of the selected rules
};

CfnRun fix_cfn(const std::string& name, const std::string& text, const FixOptions& options) {
  CfnRun run;
  run.fixes = plan_cloudformation_fixes(name, text, options, knowledge_base());
  run.after = apply_all(text, run.fixes);
  run.read = sources::cloudformation::scan_text(run.after, name, options.cloudformation);
  run.findings = engine::evaluate(run.read.trails, options.config, knowledge_base(), options.rules);
  return run;
}

std::string status_of(const std::vector<engine::Finding>& findings, const std::string& rule, const std::string& id) {
  for (const auto& f : findings) {
    if (f.rule_id == rule && f.resource.id == id) return engine::to_string(f.status);
  }
  return "absent";
}

// ---------------------------------------------------------------------------------------------------------
// CloudFormation

constexpr const char* kYamlBlock = R"(Resources:
  Absent:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true   # keep this comment
  False:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      EnableLogFileValidation: False
)";

constexpr const char* kYamlFlow = R"(Resources:
  Absent:
    Type: AWS::CloudTrail::Trail
    Properties: {S3BucketName: logs, IsLogging: true}
  False:
    Type: AWS::CloudTrail::Trail
    Properties: {S3BucketName: logs, IsLogging: true, EnableLogFileValidation: 'false'}
)";

constexpr const char* kJson = R"({
  "Resources": {
    "Absent": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {
        "S3BucketName": "logs",
        "IsLogging": true
      }
    },
    "False": {
      "Type": "AWS::CloudTrail::Trail",
      "Properties": {"S3BucketName": "logs", "IsLogging": true, "EnableLogFileValidation": false}
    }
  }
}
)";

class CfnSyntax : public ::testing::TestWithParam<const char*> {};

TEST_P(CfnSyntax, Ct002InsertsValidationWhenAbsentAndFlipsItWhenFalse) {
  const std::string name = std::string(GetParam()) == kJson ? "t.json" : "t.yaml";
  const CfnRun run = fix_cfn(name, GetParam(), options_for({"CT-002"}));
  ASSERT_EQ(run.fixes.size(), 2u) << describe(run.fixes);
  for (const auto& f : run.fixes) {
    EXPECT_EQ(f.status, "planned") << describe(run.fixes);
    EXPECT_EQ(f.rule_ids, std::vector<std::string>{"CT-002"});
  }
  EXPECT_NE(run.fixes[0].reason.find("added EnableLogFileValidation: true (CT-002)"), std::string::npos)
      << describe(run.fixes);
  EXPECT_EQ(status_of(run.findings, "CT-002", "Absent"), "pass") << run.after;
  EXPECT_EQ(status_of(run.findings, "CT-002", "False"), "pass") << run.after;
  EXPECT_TRUE(run.read.errors.empty()) << run.after;
  // Nothing left to fix.
  EXPECT_TRUE(plan_cloudformation_fixes(name, run.after, options_for({"CT-002"}), knowledge_base()).empty())
      << run.after;
}

INSTANTIATE_TEST_SUITE_P(All, CfnSyntax, ::testing::Values(kYamlBlock, kYamlFlow, kJson));

TEST(CfnRuleFix, InsertedPropertyIsIndentedLikeItsSiblingsAndKeepsQuotesAndComments) {
  const CfnRun run = fix_cfn("t.yaml", kYamlBlock, options_for({"CT-002"}));
  EXPECT_NE(run.after.find("    Properties:\n      EnableLogFileValidation: true\n      S3BucketName: logs\n"),
            std::string::npos)
      << run.after;
  EXPECT_NE(run.after.find("IsLogging: true   # keep this comment"), std::string::npos) << run.after;
  EXPECT_NE(run.after.find("EnableLogFileValidation: True\n"), std::string::npos) << run.after;  // case kept
  const CfnRun flow = fix_cfn("t.yaml", kYamlFlow, options_for({"CT-002"}));
  EXPECT_NE(flow.after.find("{S3BucketName: logs, IsLogging: true, EnableLogFileValidation: true}"), std::string::npos)
      << flow.after;
  EXPECT_NE(flow.after.find("EnableLogFileValidation: 'true'}"), std::string::npos) << flow.after;  // quotes kept
  const CfnRun json = fix_cfn("t.json", kJson, options_for({"CT-002"}));
  EXPECT_NE(json.after.find("        \"IsLogging\": true,\n        \"EnableLogFileValidation\": true\n"),
            std::string::npos)
      << json.after;
}

TEST(CfnRuleFix, Ct014SetsMultiRegionAndGlobalEventsTogether) {
  const std::string text = R"(Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      IncludeGlobalServiceEvents: false
)";
  const CfnRun run = fix_cfn("t.yaml", text, options_for({"CT-014"}));
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  EXPECT_NE(run.after.find("IsMultiRegionTrail: true"), std::string::npos) << run.after;
  EXPECT_NE(run.after.find("IncludeGlobalServiceEvents: true"), std::string::npos) << run.after;
  EXPECT_EQ(status_of(run.findings, "CT-014", "Trail"), "pass") << run.after;
}

TEST(CfnRuleFix, Ct012TurnsLoggingOn) {
  const std::string text = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                           "      S3BucketName: logs\n      IsLogging: false\n";
  const CfnRun run = fix_cfn("t.yaml", text, options_for({"CT-012"}));
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  EXPECT_NE(planned(run.fixes)->reason.find("IsLogging false -> true (CT-012)"), std::string::npos)
      << describe(run.fixes);
  EXPECT_EQ(status_of(run.findings, "CT-012", "Trail"), "pass") << run.after;
}

constexpr const char* kNoKey = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                               "      S3BucketName: logs\n      IsLogging: true\n";

TEST(CfnRuleFix, Ct007IsSkippedWithoutTheSettingAndInsertsTheConfiguredKeyQuoted) {
  const auto without = plan_cloudformation_fixes("t.yaml", kNoKey, options_for({"CT-007"}), knowledge_base());
  ASSERT_EQ(without.size(), 1u) << describe(without);
  EXPECT_EQ(without[0].status, "skipped");
  EXPECT_EQ(without[0].rule_ids, std::vector<std::string>{"CT-007"});
  EXPECT_NE(without[0].reason.find("kms_key_id"), std::string::npos) << without[0].reason;
  EXPECT_TRUE(without[0].edits.empty());

  FixOptions options = options_for({"CT-007"});
  const std::string key = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  options.config.rules["CT-007"].settings["kms_key_id"] = key;
  const CfnRun run = fix_cfn("t.yaml", kNoKey, options);
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  EXPECT_NE(run.after.find("      KMSKeyId: \"" + key + "\"\n"), std::string::npos) << run.after;
  EXPECT_EQ(status_of(run.findings, "CT-007", "Trail"), "pass") << run.after;
}

TEST(CfnRuleFix, AValueFromAParameterDefaultIsChangedThere) {
  const std::string text = R"(Parameters:
  Validate:
    Type: String
    Default: "false"
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      EnableLogFileValidation: !Ref Validate
)";
  const CfnRun run = fix_cfn("t.yaml", text, options_for({"CT-002"}));
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  EXPECT_NE(run.after.find("    Default: \"true\"\n"), std::string::npos) << run.after;
  EXPECT_NE(run.after.find("EnableLogFileValidation: !Ref Validate"), std::string::npos) << run.after;
  EXPECT_EQ(status_of(run.findings, "CT-002", "Trail"), "pass") << run.after;
}

TEST(CfnRuleFix, AKnownFnIfBranchIsChangedThere) {
  const std::string text = R"(Conditions:
  Never: !Equals [a, b]
Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      EnableLogFileValidation: !If [Never, true, false]
)";
  const CfnRun run = fix_cfn("t.yaml", text, options_for({"CT-002"}));
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  EXPECT_NE(run.after.find("!If [Never, true, true]"), std::string::npos) << run.after;
  EXPECT_EQ(status_of(run.findings, "CT-002", "Trail"), "pass") << run.after;
}

TEST(CfnRuleFix, AValueOnlyDeploymentKnowsIsSkippedWithItsLocation) {
  const std::string text = R"(Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      IsMultiRegionTrail: false
      IncludeGlobalServiceEvents: !GetAtt Other.Flag
)";
  const auto fixes = plan_cloudformation_fixes("t.yaml", text, options_for({"CT-014"}), knowledge_base());
  ASSERT_EQ(fixes.size(), 1u) << describe(fixes);
  EXPECT_EQ(fixes[0].status, "skipped");
  EXPECT_EQ(fixes[0].rule_ids, std::vector<std::string>{"CT-014"});
  EXPECT_NE(fixes[0].reason.find("Fn::GetAtt"), std::string::npos) << fixes[0].reason;
  EXPECT_NE(fixes[0].reason.find("t.yaml:8:"), std::string::npos) << fixes[0].reason;

  // With another rule: that one is fixed, and nothing of the skipped rule's fix goes with it (its other field).
  const CfnRun run = fix_cfn("t.yaml", text, options_for({"CT-014", "CT-002"}));
  ASSERT_EQ(run.fixes.size(), 2u) << describe(run.fixes);
  EXPECT_EQ(run.fixes[0].status, "skipped");
  EXPECT_EQ(run.fixes[1].status, "planned") << describe(run.fixes);
  EXPECT_EQ(run.fixes[1].rule_ids, std::vector<std::string>{"CT-002"});
  EXPECT_NE(run.after.find("IsMultiRegionTrail: false"), std::string::npos) << run.after;
  EXPECT_EQ(status_of(run.findings, "CT-002", "Trail"), "pass") << run.after;
}

TEST(CfnRuleFix, Ct010Ct002AndCt005OnOneTrailAreOneVerifiedFix) {
  const std::string text = R"(Resources:
  Trail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      IncludeGlobalServiceEvents: false
      EventSelectors:
        - IncludeManagementEvents: false
          ReadWriteType: All
)";
  const CfnRun run = fix_cfn("t.yaml", text, options_for({"CT-010", "CT-002", "CT-005"}));
  ASSERT_EQ(run.fixes.size(), 1u) << describe(run.fixes);
  const TemplateFix& f = run.fixes[0];
  EXPECT_EQ(f.status, "planned") << describe(run.fixes);
  std::vector<std::string> rules = f.rule_ids;
  std::sort(rules.begin(), rules.end());
  EXPECT_EQ(rules, (std::vector<std::string>{"CT-002", "CT-005", "CT-010"}));
  for (const char* rule : {"CT-002", "CT-005", "CT-010"}) EXPECT_EQ(status_of(run.findings, rule, "Trail"), "pass") << rule;
}

TEST(CfnRuleFix, ARuleWhoseEditWouldChangeAnotherFindingIsLeftOutAndTheOthersAreFixed) {
  // CT-014 sets IncludeGlobalServiceEvents, which CT-005 judges an error ("yes"): fixing CT-014 would change that
  // finding too, so CT-014 is skipped, and CT-002 is fixed on its own.
  const std::string text = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                           "      S3BucketName: logs\n      IsLogging: true\n      IncludeGlobalServiceEvents: yes\n";
  const CfnRun run = fix_cfn("t.yaml", text, options_for({"CT-002", "CT-005", "CT-014"}));
  const TemplateFix* fix = planned(run.fixes);
  ASSERT_NE(fix, nullptr) << describe(run.fixes);
  EXPECT_EQ(fix->rule_ids, std::vector<std::string>{"CT-002"}) << describe(run.fixes);
  EXPECT_NE(describe(run.fixes).find("skipped [CT-014 ] the edit did not verify: CT-005 for Trail changed from error to "
                                     "pass (when fixed together with the other rules)"),
            std::string::npos)
      << describe(run.fixes);
  EXPECT_EQ(status_of(run.findings, "CT-002", "Trail"), "pass");
  EXPECT_EQ(status_of(run.findings, "CT-005", "Trail"), "error");
}

TEST(CfnRuleFix, TwoRulesWantingOneValueWriteItOnce) {
  const std::string text = "Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                           "      S3BucketName: logs\n      IsLogging: true\n      IncludeGlobalServiceEvents: false\n";
  const CfnRun run = fix_cfn("t.yaml", text, options_for({"CT-005", "CT-014"}));
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  EXPECT_NE(planned(run.fixes)->reason.find("IncludeGlobalServiceEvents false -> true (CT-014, CT-005)"),
            std::string::npos)
      << describe(run.fixes);
  EXPECT_EQ(planned(run.fixes)->edits.size(), 2u);
}

// A string setting is data: whatever it holds, the edited template has exactly that value and nothing more.
const std::string kHostile = "arn:aws:kms:x\" # : \n  IsLogging: false\n'q' \\ ${a} %{b} - [x]: {y}";

TEST(CfnRuleFix, AHostileStringSettingCannotInject) {
  for (const std::string& name : {std::string("t.yaml"), std::string("t.json")}) {
    const std::string text = name == "t.json" ? std::string(kJson) : std::string(kYamlBlock);
    FixOptions options = options_for({"CT-007"});
    options.config.rules["CT-007"].settings["kms_key_id"] = kHostile;
    const CfnRun run = fix_cfn(name, text, options);
    ASSERT_EQ(run.fixes.size(), 2u) << describe(run.fixes);
    EXPECT_TRUE(run.read.errors.empty()) << run.after;
    ASSERT_EQ(run.read.trails.size(), 2u) << run.after;
    for (const auto& trail : run.read.trails) {
      ASSERT_TRUE(trail.kms_key_id.known()) << run.after;
      EXPECT_EQ(*trail.kms_key_id, kHostile) << run.after;
      EXPECT_TRUE(trail.is_logging.known() && *trail.is_logging) << run.after;
    }
  }
  // In place of a value written single-quoted or plain.
  const std::string text = "Resources:\n  A:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                           "      S3BucketName: logs\n      IsLogging: true\n      KMSKeyId: ''\n"
                           "  B:\n    Type: AWS::CloudTrail::Trail\n    Properties: {S3BucketName: logs, "
                           "IsLogging: true, KMSKeyId: ''}\n";
  FixOptions options = options_for({"CT-007"});
  options.config.rules["CT-007"].settings["kms_key_id"] = kHostile;
  const CfnRun run = fix_cfn("t.yaml", text, options);
  ASSERT_TRUE(run.read.errors.empty()) << run.after;
  for (const auto& trail : run.read.trails) {
    ASSERT_TRUE(trail.kms_key_id.known()) << run.after;
    EXPECT_EQ(*trail.kms_key_id, kHostile) << run.after;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Terraform

struct TfRun {
  std::vector<TemplateFix> fixes;
  std::map<std::string, std::string> after;  // edited files
  sources::SourceResult read;
  std::vector<engine::Finding> findings;
};

class TfFix : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("stance-rule-fix-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  TfRun fix(const std::map<std::string, std::string>& files, const FixOptions& options) {
    for (const auto& [name, text] : files) write(dir_ / name, text);
    TfRun run;
    run.fixes = plan_terraform_fixes({dir_.string()}, options, knowledge_base());
    std::map<std::string, std::vector<TextEdit>> edits;
    for (const auto& f : run.fixes) edits[f.file].insert(edits[f.file].end(), f.edits.begin(), f.edits.end());
    terraform::Options tf = options.terraform;
    for (auto& [file, list] : edits) {
      if (list.empty()) continue;
      std::sort(list.begin(), list.end(), [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
      run.after[fs::path(file).filename().string()] = tf.file_texts[file] = apply_edits(read(file), list);
    }
    run.read = terraform::scan_directories({dir_.string()}, tf);
    run.findings = engine::evaluate(run.read.trails, options.config, knowledge_base(), options.rules);
    return run;
  }

  fs::path dir_;
};

constexpr const char* kHcl = R"(resource "aws_cloudtrail" "absent" {
  name           = "absent"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "false" {
  name                       = "false"
  s3_bucket_name             = "logs"
  enable_log_file_validation = false
}
)";

constexpr const char* kTfJson = R"({
  "resource": {
    "aws_cloudtrail": {
      "absent": {
        "name": "absent",
        "s3_bucket_name": "logs"
      },
      "false": {"name": "false", "s3_bucket_name": "logs", "enable_log_file_validation": false}
    }
  }
}
)";

TEST_F(TfFix, Ct002InsertsValidationWhenAbsentAndFlipsItWhenFalseInHcl) {
  const TfRun run = fix({{"main.tf", kHcl}}, options_for({"CT-002"}));
  ASSERT_EQ(run.fixes.size(), 2u) << describe(run.fixes);
  for (const auto& f : run.fixes) EXPECT_EQ(f.status, "planned") << describe(run.fixes);
  const std::string& main = run.after.at("main.tf");
  // Joined the aligned group: every `=` moved to stay aligned, as terraform fmt writes it.
  EXPECT_NE(main.find("  name                       = \"absent\"\n  s3_bucket_name             = \"logs\"\n"
                      "  enable_log_file_validation = true\n}"),
            std::string::npos)
      << main;
  EXPECT_NE(main.find("enable_log_file_validation = true\n}\n"), std::string::npos) << main;
  EXPECT_EQ(status_of(run.findings, "CT-002", "aws_cloudtrail.absent"), "pass") << main;
  EXPECT_EQ(status_of(run.findings, "CT-002", "aws_cloudtrail.false"), "pass") << main;
}

TEST_F(TfFix, Ct002InsertsValidationWhenAbsentAndFlipsItWhenFalseInTfJson) {
  const TfRun run = fix({{"main.tf.json", kTfJson}}, options_for({"CT-002"}));
  ASSERT_EQ(run.fixes.size(), 2u) << describe(run.fixes);
  for (const auto& f : run.fixes) EXPECT_EQ(f.status, "planned") << describe(run.fixes);
  const std::string& main = run.after.at("main.tf.json");
  EXPECT_NE(main.find("\"absent\": {\n        \"enable_log_file_validation\": true,\n        \"name\""),
            std::string::npos)
      << main;
  EXPECT_EQ(status_of(run.findings, "CT-002", "aws_cloudtrail.absent"), "pass") << main;
  EXPECT_EQ(status_of(run.findings, "CT-002", "aws_cloudtrail.false"), "pass") << main;
}

TEST_F(TfFix, Ct014AndCt012) {
  const TfRun run = fix({{"main.tf", R"(resource "aws_cloudtrail" "t" {
  name                          = "t"
  s3_bucket_name                = "logs"
  include_global_service_events = false
  enable_logging                = false
}
)"}},
                        options_for({"CT-014", "CT-012"}));
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  const std::string& main = run.after.at("main.tf");
  EXPECT_NE(main.find("include_global_service_events = true"), std::string::npos) << main;
  EXPECT_NE(main.find("enable_logging                = true"), std::string::npos) << main;
  EXPECT_NE(main.find("is_multi_region_trail         = true"), std::string::npos) << main;
  EXPECT_EQ(status_of(run.findings, "CT-014", "aws_cloudtrail.t"), "pass") << main;
  EXPECT_EQ(status_of(run.findings, "CT-012", "aws_cloudtrail.t"), "pass") << main;
}

TEST_F(TfFix, Ct007SkippedWithoutTheSettingAndInsertedQuotedWithIt) {
  const std::string main = "resource \"aws_cloudtrail\" \"t\" {\n  name           = \"t\"\n  s3_bucket_name = \"logs\"\n}\n";
  const TfRun without = fix({{"main.tf", main}}, options_for({"CT-007"}));
  ASSERT_EQ(without.fixes.size(), 1u) << describe(without.fixes);
  EXPECT_EQ(without.fixes[0].status, "skipped");
  EXPECT_NE(without.fixes[0].reason.find("kms_key_id"), std::string::npos);

  FixOptions options = options_for({"CT-007"});
  options.config.rules["CT-007"].settings["kms_key_id"] = "arn:aws:kms:us-east-1:111122223333:key/k";
  const TfRun run = fix({{"main.tf", main}}, options);
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  EXPECT_NE(run.after.at("main.tf").find("  kms_key_id     = \"arn:aws:kms:us-east-1:111122223333:key/k\"\n"),
            std::string::npos)
      << run.after.at("main.tf");
  EXPECT_EQ(status_of(run.findings, "CT-007", "aws_cloudtrail.t"), "pass");
}

TEST_F(TfFix, AVariableDefaultIsChangedThere) {
  const TfRun run = fix({{"main.tf", R"(variable "validate" {
  default = false
}

resource "aws_cloudtrail" "t" {
  name                       = "t"
  s3_bucket_name             = "logs"
  enable_log_file_validation = var.validate
}
)"}},
                        options_for({"CT-002"}));
  ASSERT_NE(planned(run.fixes), nullptr) << describe(run.fixes);
  const std::string& main = run.after.at("main.tf");
  EXPECT_NE(main.find("  default = true\n"), std::string::npos) << main;
  EXPECT_NE(main.find("= var.validate"), std::string::npos) << main;
  EXPECT_EQ(status_of(run.findings, "CT-002", "aws_cloudtrail.t"), "pass");
}

TEST_F(TfFix, Ct010Ct002AndCt005OnOneTrailAreOneVerifiedFix) {
  const TfRun run = fix({{"main.tf", R"(resource "aws_cloudtrail" "t" {
  name                          = "t"
  s3_bucket_name                = "logs"
  include_global_service_events = false

  event_selector {
    read_write_type           = "ReadOnly"
    include_management_events = true
  }
}
)"}},
                        options_for({"CT-010", "CT-002", "CT-005"}));
  ASSERT_EQ(run.fixes.size(), 1u) << describe(run.fixes);
  EXPECT_EQ(run.fixes[0].status, "planned") << describe(run.fixes);
  EXPECT_EQ(run.fixes[0].rule_ids.size(), 3u) << describe(run.fixes);
  for (const char* rule : {"CT-002", "CT-005", "CT-010"})
    EXPECT_EQ(status_of(run.findings, rule, "aws_cloudtrail.t"), "pass") << rule << "\n" << run.after.at("main.tf");
}

TEST_F(TfFix, ARuleThatCannotBeFixedTakesNoneOfItsEditsAlong) {
  FixOptions options = options_for({"CT-009", "CT-002"});
  options.config.rules["CT-009"].settings["log_group_arn"] = "arn:aws:logs:us-east-1:1:log-group:g:*";
  options.config.rules["CT-009"].settings["role_arn"] = "arn:aws:iam::1:role/r";
  const TfRun run = fix({{"main.tf", R"(resource "aws_cloudtrail" "t" {
  count                     = 1
  name                      = "t"
  s3_bucket_name            = "logs"
  cloud_watch_logs_role_arn = count.index == 0 ? "" : "x"
}
)"}},
                        options);
  const TemplateFix* fix = planned(run.fixes);
  ASSERT_NE(fix, nullptr) << describe(run.fixes);
  EXPECT_EQ(fix->rule_ids, std::vector<std::string>{"CT-002"}) << describe(run.fixes);
  EXPECT_NE(describe(run.fixes).find("skipped [CT-009 ] no safe edit: "), std::string::npos) << describe(run.fixes);
  EXPECT_EQ(run.after.at("main.tf").find("cloud_watch_logs_group_arn"), std::string::npos) << run.after.at("main.tf");
}

TEST_F(TfFix, AllInstancesOfACountAreFixedTogether) {
  const TfRun run = fix({{"main.tf", R"(resource "aws_cloudtrail" "t" {
  count          = 2
  name           = "t${count.index}"
  s3_bucket_name = "logs"
}
)"}},
                        options_for({"CT-002"}));
  ASSERT_EQ(run.fixes.size(), 1u) << describe(run.fixes);
  EXPECT_EQ(run.fixes[0].status, "planned") << describe(run.fixes);
  EXPECT_EQ(status_of(run.findings, "CT-002", "aws_cloudtrail.t[0]"), "pass");
  EXPECT_EQ(status_of(run.findings, "CT-002", "aws_cloudtrail.t[1]"), "pass");
}

TEST_F(TfFix, AHostileStringSettingCannotInject) {
  FixOptions options = options_for({"CT-007"});
  options.config.rules["CT-007"].settings["kms_key_id"] = kHostile;
  const TfRun hcl = fix({{"main.tf", kHcl}}, options);
  ASSERT_EQ(hcl.fixes.size(), 2u) << describe(hcl.fixes);
  EXPECT_TRUE(hcl.read.errors.empty());
  ASSERT_EQ(hcl.read.trails.size(), 2u);
  for (const auto& trail : hcl.read.trails) {
    ASSERT_TRUE(trail.kms_key_id.known()) << hcl.after.at("main.tf");
    EXPECT_EQ(*trail.kms_key_id, kHostile) << hcl.after.at("main.tf");
  }
  fs::remove(dir_ / "main.tf");
  const TfRun json = fix({{"main.tf.json", kTfJson}}, options);
  ASSERT_EQ(json.fixes.size(), 2u) << describe(json.fixes);
  EXPECT_TRUE(json.read.errors.empty());
  for (const auto& trail : json.read.trails) {
    ASSERT_TRUE(trail.kms_key_id.known()) << json.after.at("main.tf.json");
    EXPECT_EQ(*trail.kms_key_id, kHostile) << json.after.at("main.tf.json");
  }
}

// ---------------------------------------------------------------------------------------------------------
// stance fix: the rules selected on the command line, named in both formats

struct CliRun {
  int code = 0;
  std::string out, err;
};

CliRun stance(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = cli::run(args, cli::Streams{out, err, false, false});
  return {code, out.str(), err.str()};
}

TEST_F(TfFix, CliNamesTheRulesOfEachFix) {
  write(dir_ / "t.yaml", kNoKey);
  write(dir_ / "main.tf", "resource \"aws_cloudtrail\" \"t\" {\n  name           = \"t\"\n  s3_bucket_name = \"logs\"\n}\n");
  const CliRun json = stance({"fix", dir_.string(), "--rule", "CT-002", "--rule", "CT-007", "--no-config", "--format", "json"});
  EXPECT_EQ(json.code, 0) << json.err;
  EXPECT_NE(json.out.find("\"rule_id\": \"CT-002\",\n      \"rule_ids\": [\n        \"CT-002\"\n      ],\n      "
                          "\"status\": \"planned\""),
            std::string::npos)
      << json.out;
  EXPECT_NE(json.out.find("\"rule_ids\": [\n        \"CT-007\"\n      ],\n      \"status\": \"skipped\""),
            std::string::npos)
      << json.out;

  const CliRun text = stance({"fix", dir_.string(), "--rule", "CT-002", "--no-config"});
  EXPECT_NE(text.out.find("  aws_cloudtrail.t  CT-002  added enable_log_file_validation = true (CT-002)"),
            std::string::npos)
      << text.out;
  const CliRun write_run = stance({"fix", dir_.string(), "--rule", "CT-002", "--no-config", "--write"});
  EXPECT_EQ(write_run.code, 0) << write_run.err;
  const CliRun again = stance({"fix", dir_.string(), "--rule", "CT-002", "--rule", "CT-012", "--no-config"});
  EXPECT_NE(again.out.find("nothing to fix: no CloudFormation or Terraform trail fails CT-002, CT-012"),
            std::string::npos)
      << again.out;
  const CliRun live_only = stance({"fix", dir_.string(), "--rule", "CT-011", "--no-config"});
  EXPECT_NE(live_only.out.find("nothing to fix: the selected rules judge live accounts only"), std::string::npos)
      << live_only.out;
}

}  // namespace
}  // namespace stance::fix
