// `stance fix --aws` for the CloudTrail family beyond CT-010 (issue 13), end to end against the test AWS
// endpoint: UpdateTrail and StartLogging planned from each rule's fix intent, one change per trail combining
// its rules, dry run, apply with journal and re-read, rollback (StopLogging included) and its refusals, a
// failing call named with AWS's error code, values stance cannot invent skipped unless configured.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/live_state.hpp"
#include "aws/live/run_stance.hpp"

namespace stance::testing {
namespace {

// One account, a trail per rule's failure; every other rule passes on each trail so the fixes stay apart.
const char* kRuleState = R"({
  "credentials": {"AKIDMANAGEMENT0001": {"secret": "management-secret-0001", "account": "111111111111"}},
  "accounts": {
    "111111111111": {
      "regions": ["us-east-1", "eu-west-1"],
      "trails": [
        {"Name": "no-validation", "HomeRegion": "us-east-1", "S3BucketName": "b", "IsMultiRegionTrail": true},
        {"Name": "single-region", "HomeRegion": "us-east-1", "S3BucketName": "b", "LogFileValidationEnabled": true,
         "IncludeGlobalServiceEvents": false},
        {"Name": "stopped", "HomeRegion": "eu-west-1", "S3BucketName": "b", "IsMultiRegionTrail": true,
         "LogFileValidationEnabled": true, "Status": {"IsLogging": false}},
        {"Name": "read-only", "HomeRegion": "eu-west-1", "S3BucketName": "b", "IsMultiRegionTrail": true,
         "EventSelectors": [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": true}]}
      ]
    }
  }
})";

struct Field {
  std::string before, after, parameter;
};

struct Action {
  std::string status, reason, rule_id;
  std::vector<std::string> rule_ids;
  std::map<std::string, Field> fields;  // by schema field
  std::vector<std::string> apis;        // the calls, in order
  std::vector<std::string> requests;
  std::string selectors_after;
};

// resource id -> the actions about it (a trail may have a planned one and skipped ones).
std::multimap<std::string, Action> actions_of(const std::string& json) {
  std::multimap<std::string, Action> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array actions;
  if (parser.parse(json).get(doc) || doc["actions"].get(actions)) {
    ADD_FAILURE() << "not the fix JSON contract:\n" << json;
    return out;
  }
  for (simdjson::dom::element a : actions) {
    Action act;
    std::string_view id, status, reason, rule;
    EXPECT_FALSE(a["resource"]["id"].get(id));
    EXPECT_FALSE(a["status"].get(status));
    EXPECT_FALSE(a["reason"].get(reason));
    EXPECT_FALSE(a["rule_id"].get(rule));
    act.status = status;
    act.reason = reason;
    act.rule_id = rule;
    simdjson::dom::array ids, fields, calls;
    EXPECT_FALSE(a["rule_ids"].get(ids));
    for (simdjson::dom::element r : ids) act.rule_ids.emplace_back(std::string_view(r));
    EXPECT_FALSE(a["fields"].get(fields));
    for (simdjson::dom::element f : fields) {
      std::string_view name, parameter;
      EXPECT_FALSE(f["field"].get(name));
      EXPECT_FALSE(f["parameter"].get(parameter));
      act.fields[std::string(name)] = {simdjson::minify(f["before"]), simdjson::minify(f["after"]),
                                       std::string(parameter)};
    }
    if (!a["calls"].get(calls)) {
      for (simdjson::dom::element c : calls) {
        act.apis.emplace_back(std::string_view(c["api"]));
        act.requests.push_back(simdjson::minify(c["request"]));
      }
    }
    simdjson::dom::element after;
    if (!a["after"].get(after) && !after.is_null()) act.selectors_after = simdjson::minify(after);
    out.emplace(std::string(id), act);
  }
  return out;
}

// The one action of `id` with this status, or a failure.
Action only(const std::multimap<std::string, Action>& actions, const std::string& id, const std::string& status) {
  auto [begin, end] = actions.equal_range(id);
  for (auto it = begin; it != end; ++it) {
    if (it->second.status == status) return it->second;
  }
  ADD_FAILURE() << "no " << status << " action for " << id;
  return {};
}

class RuleFix : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    aws_ = std::make_unique<FakeAws>(kRuleState);
    dir_ = std::filesystem::temp_directory_path() / ("stance-rule-fix-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::map<std::string, std::string> env() const {
    return {{"AWS_ACCESS_KEY_ID", "AKIDMANAGEMENT0001"}, {"AWS_SECRET_ACCESS_KEY", kSecret},
            {"AWS_ENDPOINT_URL", aws_->endpoint()}};
  }
  StanceRun fix(std::vector<std::string> extra, bool no_config = true) {
    std::vector<std::string> args = {"fix", "--aws", "--format", "json"};
    if (no_config) args.push_back("--no-config");
    args.insert(args.end(), extra.begin(), extra.end());
    return run_stance(args, env());
  }
  // trail ARN -> its finding of `rule`.
  std::map<std::string, Finding> scan(const std::string& rule) {
    return findings_of(run_stance({"scan", "--aws", "--format", "json", "--no-config", "--rule", rule}, env()).out);
  }
  std::string journal() const { return (dir_ / "journal.json").string(); }
  std::string read(const std::string& path) const {
    std::ifstream in(path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }

  std::unique_ptr<FakeAws> aws_;
  std::filesystem::path dir_;
};

TEST_F(RuleFix, LogFileValidationDryRunPlansOneUpdateTrailAndChangesNothing) {
  StanceRun run = fix({"--rule", "CT-002"});
  EXPECT_EQ(run.code, 0) << run.err;
  auto a = actions_of(run.out);
  EXPECT_EQ(a.count(arn("us-east-1", "no-validation")), 1u) << run.out;
  EXPECT_EQ(a.count(arn("eu-west-1", "read-only")), 1u) << run.out;
  const Action planned = only(a, arn("us-east-1", "no-validation"), "planned");
  EXPECT_EQ(planned.rule_id, "CT-002");
  EXPECT_EQ(planned.rule_ids, std::vector<std::string>{"CT-002"});
  ASSERT_EQ(planned.fields.count("log_file_validation"), 1u) << run.out;
  EXPECT_EQ(planned.fields.at("log_file_validation").before, "false");
  EXPECT_EQ(planned.fields.at("log_file_validation").after, "true");
  EXPECT_EQ(planned.fields.at("log_file_validation").parameter, "EnableLogFileValidation");
  EXPECT_EQ(planned.apis, std::vector<std::string>{"UpdateTrail"});
  EXPECT_EQ(planned.requests.at(0),
            R"({"Name":")" + arn("us-east-1", "no-validation") + R"(","EnableLogFileValidation":true})");
  EXPECT_EQ(aws_->call_count("UpdateTrail"), 0) << "a dry run changed a trail";

  StanceRun text = run_stance({"fix", "--aws", "--no-config", "--rule", "CT-002", "--region", "us-east-1"}, env());
  EXPECT_NE(text.out.find("LogFileValidationEnabled: false -> true"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("aws cloudtrail update-trail --region 'us-east-1' --name '" +
                          arn("us-east-1", "no-validation") + "' --enable-log-file-validation"),
            std::string::npos)
      << text.out;
  EXPECT_EQ(aws_->call_count("UpdateTrail"), 0);
}

TEST_F(RuleFix, MultiRegionIsOneUpdateTrailWithGlobalServiceEventsAndPassesOnReRead) {
  StanceRun run = fix({"--rule", "CT-014", "--apply", "--yes", "--journal", journal()});
  EXPECT_EQ(run.code, 0) << run.err << run.out;
  const Action applied = only(actions_of(run.out), arn("us-east-1", "single-region"), "applied");
  EXPECT_NE(applied.reason.find("re-read: CT-014 passes"), std::string::npos) << applied.reason;
  ASSERT_EQ(applied.apis, std::vector<std::string>{"UpdateTrail"});
  EXPECT_NE(applied.requests[0].find(R"("IsMultiRegionTrail":true)"), std::string::npos) << applied.requests[0];
  EXPECT_NE(applied.requests[0].find(R"("IncludeGlobalServiceEvents":true)"), std::string::npos) << applied.requests[0];
  EXPECT_EQ(aws_->call_count("UpdateTrail"), 1);
  EXPECT_EQ(scan("CT-014")[arn("us-east-1", "single-region")].status, "pass");
}

TEST_F(RuleFix, LoggingIsStartedWithStartLogging) {
  StanceRun run = fix({"--rule", "CT-012", "--apply", "--yes", "--journal", journal()});
  EXPECT_EQ(run.code, 0) << run.err << run.out;
  const Action applied = only(actions_of(run.out), arn("eu-west-1", "stopped"), "applied");
  EXPECT_EQ(applied.apis, std::vector<std::string>{"StartLogging"});
  EXPECT_EQ(applied.fields.at("is_logging").before, "false");
  EXPECT_EQ(aws_->call_count("StartLogging"), 1);
  EXPECT_EQ(aws_->call_count("UpdateTrail"), 0);
  EXPECT_EQ(scan("CT-012")[arn("eu-west-1", "stopped")].status, "pass");
}

TEST_F(RuleFix, AKmsKeyIsSkippedUntilItIsConfiguredThenSet) {
  auto skipped = actions_of(fix({"--rule", "CT-007"}).out);
  const Action without = only(skipped, arn("us-east-1", "no-validation"), "skipped");
  EXPECT_NE(without.reason.find("kms_key_id"), std::string::npos) << without.reason;

  const std::string key = "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab";
  std::ofstream(dir_ / "stance.yaml") << "rules:\n  CT-007:\n    settings:\n      kms_key_id: " << key << "\n";
  StanceRun run = fix({"--rule", "CT-007", "--apply", "--yes", "--journal", journal(), "--config",
                       (dir_ / "stance.yaml").string()},
                      false);
  EXPECT_EQ(run.code, 0) << run.err << run.out;
  auto a = actions_of(run.out);
  EXPECT_EQ(a.size(), 4u) << run.out;
  const Action applied = only(a, arn("us-east-1", "no-validation"), "applied");
  EXPECT_EQ(applied.fields.at("kms_key_id").before, "null");
  EXPECT_EQ(applied.fields.at("kms_key_id").after, "\"" + key + "\"");
  EXPECT_EQ(applied.requests.at(0), R"({"Name":")" + arn("us-east-1", "no-validation") + R"(","KmsKeyId":")" + key + "\"}");
  for (const auto& [id, finding] : scan("CT-007")) EXPECT_EQ(finding.status, "pass") << id << ": " << finding.message;
}

// CT-009 live also wants a delivery within 24 hours, which only AWS can report after the change: the fix sets
// the named group and role, passes as configured, and says so.
TEST_F(RuleFix, CloudWatchLogsAreSetFromTheConfiguredGroupAndRole) {
  const std::string group = "arn:aws:logs:us-east-1:111111111111:log-group:trails:*";
  const std::string role = "arn:aws:iam::111111111111:role/CloudTrailToLogs";
  std::ofstream(dir_ / "stance.yaml") << "rules:\n  CT-009:\n    settings:\n      log_group_arn: \"" << group
                                      << "\"\n      role_arn: " << role << "\n";
  StanceRun run = fix({"--rule", "CT-009", "--apply", "--yes", "--journal", journal(), "--config",
                       (dir_ / "stance.yaml").string()},
                      false);
  EXPECT_EQ(run.code, 0) << run.err << run.out;
  const Action applied = only(actions_of(run.out), arn("us-east-1", "no-validation"), "applied");
  EXPECT_EQ(applied.fields.at("cloudwatch_logs_log_group_arn").after, "\"" + group + "\"");
  EXPECT_EQ(applied.fields.at("cloudwatch_logs_role_arn").after, "\"" + role + "\"");
  EXPECT_EQ(applied.apis, std::vector<std::string>{"UpdateTrail"});
  EXPECT_NE(applied.reason.find("CT-009 passes as configured"), std::string::npos) << applied.reason;
  EXPECT_EQ(aws_->call_count("UpdateTrail"), 4);
}

TEST_F(RuleFix, SelectorsAndValidationOfOneTrailAreOneChange) {
  StanceRun run = fix({"--rule", "CT-010", "--rule", "CT-002", "--apply", "--yes", "--journal", journal()});
  EXPECT_EQ(run.code, 0) << run.err << run.out;
  auto a = actions_of(run.out);
  EXPECT_EQ(a.count(arn("eu-west-1", "read-only")), 1u) << run.out;
  const Action applied = only(a, arn("eu-west-1", "read-only"), "applied");
  EXPECT_EQ(applied.rule_ids, (std::vector<std::string>{"CT-002", "CT-010"}));
  EXPECT_EQ(applied.apis, (std::vector<std::string>{"UpdateTrail", "PutEventSelectors"}));
  EXPECT_NE(applied.selectors_after.find(R"("ReadWriteType":"All")"), std::string::npos) << applied.selectors_after;
  EXPECT_NE(applied.reason.find("re-read: CT-002, CT-010 pass"), std::string::npos) << applied.reason;
  EXPECT_EQ(scan("CT-002")[arn("eu-west-1", "read-only")].status, "pass");
  EXPECT_EQ(scan("CT-010")[arn("eu-west-1", "read-only")].status, "pass");
}

TEST_F(RuleFix, RollbackRestoresFieldsSelectorsAndStopsLoggingAgain) {
  const std::vector<std::string> rules = {"CT-002", "CT-010", "CT-012", "CT-014"};
  std::map<std::string, std::map<std::string, Finding>> original;
  for (const auto& r : rules) original[r] = scan(r);
  std::vector<std::string> args = {"--apply", "--yes", "--journal", journal()};
  for (const auto& r : rules) args.insert(args.end(), {"--rule", r});
  ASSERT_EQ(fix(args).code, 0);
  for (const auto& r : rules) {
    for (const auto& [id, finding] : scan(r)) EXPECT_EQ(finding.status, "pass") << r << " " << id;
  }
  EXPECT_NE(read(journal()).find("\"stance_fix_journal\": 2"), std::string::npos) << read(journal());

  StanceRun undo = fix({"--rollback", journal(), "--yes"});
  EXPECT_EQ(undo.code, 0) << undo.err << undo.out;
  for (const auto& [id, action] : actions_of(undo.out)) EXPECT_EQ(action.status, "applied") << id << ": " << action.reason;
  EXPECT_EQ(aws_->call_count("StopLogging"), 1);
  for (const auto& r : rules) {
    auto now = scan(r);
    for (const auto& [id, finding] : original[r]) {
      EXPECT_EQ(now[id].status, finding.status) << r << " " << id;
      EXPECT_EQ(now[id].message, finding.message) << r << " " << id;
    }
  }
  // Done once: a second rollback finds the before-state and changes nothing.
  const int updates = aws_->call_count("UpdateTrail");
  StanceRun again = fix({"--rollback", journal(), "--yes"});
  for (const auto& [id, action] : actions_of(again.out)) {
    EXPECT_EQ(action.status, "skipped") << id;
    EXPECT_NE(action.reason.find("already has the values"), std::string::npos) << action.reason;
  }
  EXPECT_EQ(aws_->call_count("UpdateTrail"), updates);
}

// What stance left is not what the trail holds now: the journal's "after" says validation stayed off.
TEST_F(RuleFix, RollbackRefusesATrailChangedSinceTheJournal) {
  ASSERT_EQ(fix({"--rule", "CT-002", "--apply", "--yes", "--journal", journal()}).code, 0);
  std::string text = read(journal());
  const std::string left = R"("after": true)";
  ASSERT_NE(text.find(left), std::string::npos) << text;
  for (auto at = text.find(left); at != std::string::npos; at = text.find(left)) {
    text.replace(at, left.size(), R"("after": false)");
  }
  std::ofstream(journal(), std::ios::trunc) << text;
  const int updates = aws_->call_count("UpdateTrail");
  StanceRun run = fix({"--rollback", journal(), "--yes"});
  const Action skipped = only(actions_of(run.out), arn("us-east-1", "no-validation"), "skipped");
  EXPECT_NE(skipped.reason.find("changed since the journal was written: its LogFileValidationEnabled"),
            std::string::npos) << skipped.reason;
  EXPECT_EQ(aws_->call_count("UpdateTrail"), updates);
  EXPECT_EQ(scan("CT-002")[arn("us-east-1", "no-validation")].status, "pass");
}

TEST_F(RuleFix, AnUpdateTrailRefusedByAwsFailsThatTrailOnly) {
  aws_->set_faults(R"([{"operation":"UpdateTrail","kind":"access_denied","trail":")" +
                   arn("us-east-1", "no-validation") + R"("}])");
  StanceRun run = fix({"--rule", "CT-002", "--apply", "--yes", "--journal", journal()});
  EXPECT_EQ(run.code, 2);
  auto a = actions_of(run.out);
  const Action failed = only(a, arn("us-east-1", "no-validation"), "failed");
  EXPECT_NE(failed.reason.find("cloudtrail:UpdateTrail: AccessDeniedException"), std::string::npos) << failed.reason;
  only(a, arn("eu-west-1", "read-only"), "applied");
}

// The endpoint refuses what AWS refuses: a journal that would leave a multi-region trail without global
// service events gets InvalidParameterCombinationException, and the rollback names the call and the code.
TEST_F(RuleFix, ARollbackAwsRejectsFailsWithTheCallAndCode) {
  ASSERT_EQ(fix({"--rule", "CT-014", "--apply", "--yes", "--journal", journal()}).code, 0);
  const std::string crafted = (dir_ / "global-only.json").string();
  std::ofstream(crafted) << R"({"stance_fix_journal": 2, "actions": [
    {"arn": ")" << arn("us-east-1", "single-region") << R"(", "region": "us-east-1", "account": "111111111111",
     "advanced": false, "before": null, "after": null,
     "fields": [{"field": "include_global_service_events", "before": false, "after": true}]}]})";
  StanceRun run = fix({"--rollback", crafted, "--yes"});
  EXPECT_EQ(run.code, 2) << run.out;
  const Action failed = only(actions_of(run.out), arn("us-east-1", "single-region"), "failed");
  EXPECT_NE(failed.reason.find("cloudtrail:UpdateTrail: InvalidParameterCombinationException"), std::string::npos)
      << failed.reason;
  EXPECT_EQ(scan("CT-014")[arn("us-east-1", "single-region")].status, "pass") << "a refused call changed the trail";
}

TEST_F(RuleFix, AJournalNamingAFieldOutsideTheSchemaIsRefused) {
  const std::string crafted = (dir_ / "crafted.json").string();
  std::ofstream(crafted) << R"({"stance_fix_journal": 2, "actions": [
    {"arn": ")" << arn("us-east-1", "no-validation") << R"(", "region": "us-east-1", "account": "111111111111",
     "advanced": false, "before": null, "after": null,
     "fields": [{"field": "SnsTopicName\", \"x", "before": "a", "after": "b"}]}]})";
  StanceRun run = fix({"--rollback", crafted, "--yes"});
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("unknown field"), std::string::npos) << run.err;
  EXPECT_EQ(aws_->call_count(), 0);

  std::ofstream(crafted, std::ios::trunc) << R"({"stance_fix_journal": 2, "actions": [
    {"arn": ")" << arn("us-east-1", "no-validation") << R"(", "region": "us-east-1", "account": "111111111111",
     "advanced": false, "before": null, "after": null,
     "fields": [{"field": "log_file_validation", "before": "yes", "after": true}]}]})";
  run = fix({"--rollback", crafted, "--yes"});
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("needs boolean values"), std::string::npos) << run.err;
  EXPECT_EQ(aws_->call_count(), 0);
}

// A journal of the release before per-rule fixes (version 1: selectors only) still rolls back.
TEST_F(RuleFix, AVersionOneJournalStillRollsBack) {
  StanceRun applied = fix({"--rule", "CT-010", "--apply", "--yes", "--journal", journal()});
  ASSERT_EQ(applied.code, 0) << applied.err;
  const Action change = only(actions_of(applied.out), arn("eu-west-1", "read-only"), "applied");
  const std::string old = (dir_ / "v1.json").string();
  std::ofstream(old) << R"({"stance_fix_journal": 1, "tool_version": "0.9.0", "actions": [
    {"arn": ")" << arn("eu-west-1", "read-only") << R"(", "region": "eu-west-1", "account": "111111111111",
     "advanced": false, "status": "applied", "reason": "",
     "before": [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": true, "DataResources": [], "ExcludeManagementEventSources": []}],
     "after": )" << change.selectors_after << "}]}";
  StanceRun undo = fix({"--rollback", old, "--yes"});
  EXPECT_EQ(undo.code, 0) << undo.err << undo.out;
  EXPECT_EQ(only(actions_of(undo.out), arn("eu-west-1", "read-only"), "applied").apis,
            std::vector<std::string>{"PutEventSelectors"});
  EXPECT_EQ(scan("CT-010")[arn("eu-west-1", "read-only")].status, "fail");
}

}  // namespace
}  // namespace stance::testing
