// A rule's field edits written out for a person (`stance kb show RULE --for`): every snippet, read back by the
// source it is written for, gives the trail the intended value and the rule passes; a value the user configured
// (a KMS key) cannot break out of its place in YAML, JSON, HCL or the shell.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "engine/evaluator.hpp"
#include "fix/field_syntax.hpp"
#include "fix/snippets/finding_snippets.hpp"
#include "kb/knowledge_base.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

const kb::KnowledgeBase& knowledge_base() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

// A value with everything that ends a string somewhere: quotes of each kind, a comment, a mapping
// indicator, HCL's interpolation, a shell expansion and a line break.
const std::string kHostileKey = "alias/k'\"# : ${jndi} %{x} $(touch /tmp/pwned) `id`\nnext";

engine::Config config_for(const std::string& rule, const std::string& key = "") {
  engine::Config c;
  c.rules[rule].enabled = true;
  if (!key.empty()) c.rules[rule].settings["kms_key_id"] = key;
  return c;
}

engine::EvaluationOptions only(const std::string& rule) {
  engine::EvaluationOptions o;
  o.only_rules = {rule};
  return o;
}

engine::Finding finding_of(const model::Trail& trail, const std::string& rule, const engine::Config& config) {
  auto findings = engine::evaluate(std::vector<model::Trail>{trail}, config, knowledge_base(), only(rule));
  EXPECT_EQ(findings.size(), 1u);
  return findings.empty() ? engine::Finding{} : findings.front();
}

report::FindingSnippets fill(const std::string& rule, const model::Trail& trail, const engine::Config& config) {
  return fill_finding_snippets(*knowledge_base().find(rule), trail, finding_of(trail, rule, config),
                               engine::rule_settings(rule, config, knowledge_base()));
}

std::string snippet_text(const report::FindingSnippets& s, const std::string& kind) {
  for (const auto& sn : s.snippets) {
    if (sn.kind == kind) return sn.text;
  }
  ADD_FAILURE() << "no " << kind << " snippet";
  return "";
}

// The snippet's lines without its leading comment line.
std::string body(const std::string& text) {
  return text.rfind("# ", 0) == 0 ? text.substr(text.find('\n') + 1) : text;
}

std::string indented(const std::string& text, const std::string& pad) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    out += pad + text.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return out;
}

const char* kTrailYaml = R"(Resources:
  T:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: audit
      IsLogging: true
      S3BucketName: logs
)";

model::Trail cloudformation_trail(const std::string& yaml) {
  sources::SourceResult r = sources::cloudformation::scan_text(yaml, "template.yaml", {});
  EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors.front().message) << "\n" << yaml;
  return r.trails.empty() ? model::Trail{} : r.trails.front();
}

model::Trail terraform_trail(const std::string& hcl) {
  const fs::path dir = fs::temp_directory_path() / ("stance-field-snippets-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "main.tf") << hcl;
  sources::SourceResult r = terraform::scan_directories({dir.string()}, {});
  fs::remove_all(dir);
  EXPECT_TRUE(r.errors.empty()) << (r.errors.empty() ? "" : r.errors.front().message) << "\n" << hcl;
  return r.trails.empty() ? model::Trail{} : r.trails.front();
}

TEST(FieldSnippets, TheCloudFormationLinesMakeTheRulePass) {
  for (const std::string rule : {"CT-002", "CT-005", "CT-014", "CT-007"}) {
    const engine::Config config = config_for(rule, rule == "CT-007" ? kHostileKey : "");
    std::string yaml = kTrailYaml;
    if (rule == "CT-005") yaml += "      IncludeGlobalServiceEvents: false\n";
    const model::Trail before = cloudformation_trail(yaml);
    const report::FindingSnippets s = fill(rule, before, config);
    ASSERT_EQ(s.finding.status, engine::Status::Fail) << rule;
    // The YAML lines added under Properties (CT-005 replaces the false value, as a person would).
    std::string edited = yaml;
    if (rule == "CT-005") edited.resize(edited.find("      IncludeGlobalServiceEvents"));
    edited += indented(body(snippet_text(s, "cloudformation-yaml")), "      ");
    const model::Trail after = cloudformation_trail(edited);
    EXPECT_EQ(finding_of(after, rule, config).status, engine::Status::Pass) << rule << "\n" << edited;
    if (rule == "CT-007") {
      EXPECT_EQ(*after.kms_key_id, kHostileKey);
    }

    // The JSON members in a JSON template.
    const std::string json = R"({"Resources": {"T": {"Type": "AWS::CloudTrail::Trail", "Properties": {
      "TrailName": "audit", "IsLogging": true, "S3BucketName": "logs",
)" + snippet_text(s, "cloudformation-json") + "}}}}";
    const model::Trail from_json = cloudformation_trail(json);
    EXPECT_EQ(finding_of(from_json, rule, config).status, engine::Status::Pass) << rule << "\n" << json;
    if (rule == "CT-007") {
      EXPECT_EQ(*from_json.kms_key_id, kHostileKey);
    }
  }
}

TEST(FieldSnippets, TheTerraformAttributesMakeTheRulePass) {
  for (const std::string rule : {"CT-002", "CT-012", "CT-014", "CT-007"}) {
    const engine::Config config = config_for(rule, rule == "CT-007" ? kHostileKey : "");
    const std::string head = "resource \"aws_cloudtrail\" \"t\" {\n  name           = \"audit\"\n  s3_bucket_name = \"logs\"\n";
    const std::string hcl = head + (rule == "CT-012" ? "  enable_logging = false\n" : "") + "}\n";
    const model::Trail before = terraform_trail(hcl);
    const report::FindingSnippets s = fill(rule, before, config);
    ASSERT_EQ(s.finding.status, engine::Status::Fail) << rule;
    const std::string edited = head + indented(body(snippet_text(s, "terraform")), "  ") + "}\n";
    const model::Trail after = terraform_trail(edited);
    EXPECT_EQ(finding_of(after, rule, config).status, engine::Status::Pass) << rule << "\n" << edited;
    if (rule == "CT-007") {
      EXPECT_EQ(*after.kms_key_id, kHostileKey);
    }
  }
}

// The command run by a POSIX shell with `aws` standing for a program that prints its arguments: the value is
// one argument, exactly as configured, and nothing in it ran.
TEST(FieldSnippets, TheCliCommandPassesTheValueAsOneArgument) {
  const engine::Config config = config_for("CT-007", kHostileKey);
  const report::FindingSnippets s = fill("CT-007", cloudformation_trail(kTrailYaml), config);
  std::string command = snippet_text(s, "cli");
  ASSERT_EQ(command.rfind("aws cloudtrail update-trail", 0), 0u) << command;
  const std::string script = "aws() { for a in \"$@\"; do printf '[%s]' \"$a\"; done; }\nREGION=eu-west-1\n" + command;
  const fs::path file = fs::temp_directory_path() / ("stance-cli-" + std::to_string(::getpid()) + ".sh");
  std::ofstream(file) << script;
  FILE* pipe = ::popen(("/bin/sh " + file.string()).c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string out;
  char buf[512];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, pipe)) out.append(buf, n);
  ::pclose(pipe);
  fs::remove(file);
  EXPECT_EQ(out, "[cloudtrail][update-trail][--region][eu-west-1][--name][audit][--kms-key-id][" + kHostileKey + "]");
}

TEST(FieldSnippets, StartLoggingAndBothMultiRegionFlagsAreTheirCalls) {
  std::vector<rules::FieldEdit> edits{{"is_multi_region", true}, {"include_global_service_events", true},
                                      {"log_file_validation", false}, {"is_logging", true}};
  const auto commands = syntax::cli_commands(edits, "'eu-west-1'", "'audit'");
  ASSERT_EQ(commands.size(), 2u);
  EXPECT_EQ(commands[0],
            "aws cloudtrail update-trail --region 'eu-west-1' --name 'audit' \\\n  --is-multi-region-trail \\\n"
            "  --include-global-service-events \\\n  --no-enable-log-file-validation");
  EXPECT_EQ(commands[1], "aws cloudtrail start-logging --region 'eu-west-1' --name 'audit'");
  EXPECT_EQ(syntax::cli_option("CloudWatchLogsLogGroupArn"), "cloud-watch-logs-log-group-arn");
}

TEST(FieldSnippets, AValueStanceCannotInventIsAskedForNotGuessed) {
  const report::FindingSnippets s = fill("CT-007", cloudformation_trail(kTrailYaml), config_for("CT-007"));
  EXPECT_TRUE(s.snippets.empty());
  ASSERT_FALSE(s.notes.empty());
  EXPECT_NE(s.notes.back().find("kms_key_id"), std::string::npos) << s.notes.back();
}

}  // namespace
}  // namespace stance::fix
