// Every command stance prints for a trail (kb show --for / scan --explain snippets, fix --aws dry runs) is
// pasted into bash, dash and zsh (those installed) with a stub `aws` first on PATH, for trails whose
// names, ARNs and regions an attacker chose: nothing else runs, and the stub receives each hostile value
// exactly, as one argument.
#include <gtest/gtest.h>

#include <sstream>

#include "common/json_writer.hpp"
#include "common/shell_paste.hpp"
#include "engine/evaluator.hpp"
#include "fix/snippets/finding_snippets.hpp"
#include "fix/live/live_fix.hpp"
#include "kb/knowledge_base.hpp"
#include "sources/aws/trail_adapter.hpp"
#include "sources/cloudformation/cloudformation.hpp"

namespace stance::fix {
namespace {

const std::vector<std::string> kHostileNames = {
    "}\"; touch PWNED; #",
    "$(touch PWNED)",
    "`touch PWNED`",
    "it's'; touch PWNED; echo '",
    "a\nb; touch PWNED",
    "\x1b]0;title\x07\x1b[2K\rtouch PWNED",
    "\xe2\x80\xae" "DENWP hcuot",
};

const kb::KnowledgeBase& knowledge_base() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

engine::RuleSettings settings() { return engine::rule_settings("CT-010", {}, knowledge_base()); }

std::string json_string(const std::string& text) {
  std::ostringstream out;
  json::write_escaped(out, text);
  return out.str();
}

struct Evaluated {
  model::Trail trail;
  engine::Finding finding;
};

Evaluated evaluate(const model::Trail& trail) {
  auto findings = engine::evaluate({trail}, {}, knowledge_base());
  EXPECT_EQ(findings.size(), 1u);
  return {trail, findings.empty() ? engine::Finding{} : findings.front()};
}

// A CloudFormation trail named `name` (a JSON string is a YAML double-quoted scalar).
Evaluated from_template(const std::string& name) {
  const std::string yaml = "Resources:\n  T:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                           "      IsLogging: true\n      S3BucketName: b\n      TrailName: " + json_string(name) +
                           "\n      EventSelectors:\n        - ReadWriteType: ReadOnly\n";
  sources::SourceResult read = sources::cloudformation::scan_text(yaml, "t.yaml", {});
  EXPECT_FALSE(read.trails.empty()) << (read.errors.empty() ? "" : read.errors.front().message);
  return read.trails.empty() ? Evaluated{} : evaluate(read.trails.front());
}

sources::aws::RawTrail raw_trail(const std::string& arn, const std::string& region) {
  sources::aws::RawTrail raw;
  raw.arn = arn;
  raw.home_region = region;
  raw.account_id = "111111111111";
  raw.seen_from_account = "111111111111";
  raw.describe = {"DescribeTrails", region, "2026-11-27T10:00:00Z",
                  R"({"trailList":[{"Name":"n","TrailARN":)" + json_string(arn) + R"(,"HomeRegion":)" +
                      json_string(region) + R"(,"IsMultiRegionTrail":true,"IsOrganizationTrail":false}]})",
                  std::nullopt};
  raw.event_selectors = {"GetEventSelectors", region, "2026-11-27T10:00:00Z",
                         R"({"TrailARN":)" + json_string(arn) +
                             R"(,"EventSelectors":[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true}]})",
                         std::nullopt};
  raw.status = {"GetTrailStatus", region, "2026-11-27T10:00:00Z", R"({"IsLogging":true})", std::nullopt};
  return raw;
}

std::string cli_snippet(const Evaluated& e) {
  report::FindingSnippets s = fill_finding_snippets(*knowledge_base().find("CT-010"), e.trail, e.finding, settings());
  for (const auto& snippet : s.snippets) {
    if (snippet.kind == "cli") return snippet.text;
  }
  ADD_FAILURE() << "no CLI snippet";
  return "";
}

void expect_safe(const std::string& command, const std::string& trail, const std::string& region,
                 std::size_t calls, const std::map<std::string, std::string>& environment = {}) {
  for (const std::string& shell : testing::installed_shells()) {
    const testing::Pasted run = testing::paste_into(shell, command, environment);
    EXPECT_FALSE(run.pwned) << shell << " ran the attacker's command:\n" << command;
    ASSERT_EQ(run.aws_calls.size(), calls) << shell << ":\n" << command << "\n" << run.err;
    for (const auto& call : run.aws_calls) {
      EXPECT_EQ(testing::argument_after(call, "--trail-name"), trail) << shell << ":\n" << command;
      EXPECT_EQ(testing::argument_after(call, "--region"), region) << shell << ":\n" << command;
    }
  }
}

TEST(ShellSafety, KbSnippetsForHostileTemplateTrailNames) {
  for (const std::string& name : kHostileNames) {
    Evaluated e = from_template(name);
    ASSERT_EQ(e.finding.status, engine::Status::Fail) << e.finding.message;
    const std::string command = cli_snippet(e);
    // The region is not in a template: the placeholder must hold no quote, and REGION fills it.
    EXPECT_EQ(command.find("REGION:?set REGION to the home region of the trail}"), command.find("REGION:?"));
    expect_safe(command, name, "eu-west-1", 2, {{"REGION", "eu-west-1"}});
  }
}

TEST(ShellSafety, TheRegionPlaceholderRefusesToRunWithoutRegion) {
  Evaluated e = from_template("}\"; touch PWNED; #");
  const std::string command = cli_snippet(e);
  for (const std::string& shell : testing::installed_shells()) {
    const testing::Pasted run = testing::paste_into(shell, command);
    EXPECT_FALSE(run.pwned) << shell;
    EXPECT_TRUE(run.aws_calls.empty()) << shell;
    EXPECT_NE(run.code, 0) << shell;
    EXPECT_NE(run.err.find("set REGION to the home region of the trail"), std::string::npos) << shell << run.err;
  }
}

TEST(ShellSafety, KbSnippetsAndFixCommandsForHostileArnsAndRegions) {
  const std::vector<std::string> regions = {"eu-west-1", "eu-west-1$(touch PWNED)", "eu-west-1'; touch PWNED; '"};
  for (const std::string& name : kHostileNames) {
    for (const std::string& region : regions) {
      const std::string arn = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/" + name;
      const sources::aws::RawTrail raw = raw_trail(arn, region);
      Evaluated e = evaluate(sources::aws::adapt(raw, model::SourceKind::Aws));
      ASSERT_EQ(e.finding.status, engine::Status::Fail) << e.finding.message;
      expect_safe(cli_snippet(e), arn, region, 2);

      auto fixes = plan_trail_fixes(raw, e.trail, {e.finding}, [](std::string_view) { return settings(); });
      ASSERT_EQ(fixes.size(), 1u);
      ASSERT_EQ(fixes[0].status, "planned") << fixes[0].reason;
      ASSERT_EQ(fixes[0].calls.size(), 1u);
      expect_safe(fixes[0].calls[0].cli_command, arn, region, 1);
    }
  }
}

}  // namespace
}  // namespace stance::fix
