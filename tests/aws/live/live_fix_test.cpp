// `stance fix --aws` end to end against the test AWS endpoint: dry run, apply with journal and re-read,
// idempotence, rollback, data selectors and exclusions kept, organization trails and suppressed trails
// skipped, one trail's failure among many.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/live_state.hpp"
#include "aws/live/run_stance.hpp"

namespace stance::testing {
namespace {

struct Action {
  std::string status, reason, before, after;
};

std::map<std::string, Action> actions_of(const std::string& json) {
  std::map<std::string, Action> out;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array actions;
  if (parser.parse(json).get(doc) || doc["actions"].get(actions)) {
    ADD_FAILURE() << "not the fix JSON contract:\n" << json;
    return out;
  }
  for (simdjson::dom::element a : actions) {
    std::string_view id, status, reason, rule;
    EXPECT_FALSE(a["resource"]["id"].get(id));
    EXPECT_FALSE(a["status"].get(status));
    EXPECT_FALSE(a["reason"].get(reason));
    EXPECT_FALSE(a["rule_id"].get(rule));
    EXPECT_EQ(rule, "CT-010");
    Action act{std::string(status), std::string(reason), "", ""};
    simdjson::dom::element before, after;
    if (!a["before"].get(before) && !before.is_null()) act.before = simdjson::minify(before);
    if (!a["after"].get(after) && !after.is_null()) act.after = simdjson::minify(after);
    out[std::string(id)] = act;
  }
  return out;
}

class LiveFix : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    aws_ = std::make_unique<FakeAws>(kState);
    dir_ = std::filesystem::temp_directory_path() / ("stance-fix-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  std::map<std::string, std::string> env(const std::string& key = "AKIDMANAGEMENT0001",
                                         const std::string& secret = kSecret) const {
    return {{"AWS_ACCESS_KEY_ID", key}, {"AWS_SECRET_ACCESS_KEY", secret}, {"AWS_ENDPOINT_URL", aws_->endpoint()}};
  }
  StanceRun fix(std::vector<std::string> extra, std::map<std::string, std::string> environment = {}) {
    std::vector<std::string> args = {"fix", "--aws", "--format", "json", "--no-config"};
    args.insert(args.end(), extra.begin(), extra.end());
    StanceRun run = run_stance(args, environment.empty() ? env() : environment);
    EXPECT_EQ(run.out.find(kSecret), std::string::npos);
    EXPECT_EQ(run.err.find(kSecret), std::string::npos);
    return run;
  }
  std::map<std::string, Finding> scan() {
    return findings_of(run_stance({"scan", "--aws", "--format", "json", "--no-config"}, env()).out);
  }
  std::string journal() const { return (dir_ / "journal.json").string(); }

  std::unique_ptr<FakeAws> aws_;
  std::filesystem::path dir_;
};

TEST_F(LiveFix, DryRunPlansEveryFailingTrailAndChangesNothing) {
  StanceRun run = fix({});
  EXPECT_EQ(run.code, 0) << run.err;
  auto a = actions_of(run.out);
  EXPECT_EQ(a.size(), 5u) << run.out;  // the five failing trails of the state; passing ones are not listed
  for (const auto& [id, action] : a) EXPECT_EQ(action.status, "planned") << id << ": " << action.reason;
  EXPECT_EQ(aws_->call_count("PutEventSelectors"), 0);

  // Basic, read only, no data resources: widened in place.
  const auto& read_only = a[arn("us-east-1", "read-only")];
  EXPECT_NE(read_only.reason.find("widen ReadWriteType ReadOnly to All"), std::string::npos) << read_only.reason;
  EXPECT_EQ(read_only.after, R"([{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}])");
  // Data-only basic selector: kept with its data resources, and a management selector added.
  const auto& data = a[arn("us-east-1", "mgmt-off")];
  EXPECT_NE(data.after.find(R"({"ReadWriteType":"All","IncludeManagementEvents":false,"DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}])"),
            std::string::npos) << data.after;
  EXPECT_NE(data.after.find(R"({"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]})"),
            std::string::npos) << data.after;
  // Advanced stay advanced: the existing selectors are kept and one for all management events is added.
  const auto& advanced = a[arn("ap-southeast-2", "adv-data-named-management")];
  EXPECT_NE(advanced.after.find(R"("Field":"resources.type","Equals":["AWS::S3::Object"])"), std::string::npos) << advanced.after;
  EXPECT_NE(advanced.after.find(R"j({"Name":"Management events (added by stance)","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]})j"),
            std::string::npos) << advanced.after;
}

TEST_F(LiveFix, TextDryRunShowsTheEquivalentAwsCliCommand) {
  StanceRun run = run_stance({"fix", "--aws", "--no-config", "--region", "us-east-1"}, env());
  EXPECT_NE(run.out.find("aws cloudtrail put-event-selectors --region 'us-east-1' --trail-name '" + arn("us-east-1", "read-only") +
                         "' --event-selectors '[{\"ReadWriteType\":\"All\""),
            std::string::npos) << run.out;
  EXPECT_NE(run.out.find("dry run: nothing was changed"), std::string::npos) << run.out;
}

TEST_F(LiveFix, ApplyJournalsFixesVerifiesAndASecondApplyHasNothingToDo) {
  auto before = scan();
  StanceRun run = fix({"--apply", "--yes", "--journal", journal()});
  EXPECT_EQ(run.code, 0) << run.err << run.out;
  auto a = actions_of(run.out);
  ASSERT_EQ(a.size(), 5u);
  for (const auto& [id, action] : a) EXPECT_EQ(action.status, "applied") << id << ": " << action.reason;
  EXPECT_EQ(aws_->call_count("PutEventSelectors"), 5);
  ASSERT_TRUE(std::filesystem::exists(journal()));

  auto after = scan();
  for (const auto& [id, finding] : after) EXPECT_EQ(finding.status, "pass") << id << ": " << finding.message;
  EXPECT_EQ(after.size(), before.size());

  StanceRun again = fix({"--apply", "--yes", "--journal", (dir_ / "second.json").string()});
  EXPECT_EQ(again.code, 0);
  EXPECT_TRUE(actions_of(again.out).empty()) << again.out;
  EXPECT_EQ(aws_->call_count("PutEventSelectors"), 5) << "nothing left to change";
}

TEST_F(LiveFix, RollbackPutsTheJournalsSelectorsBack) {
  auto original = scan();
  ASSERT_EQ(fix({"--apply", "--yes", "--journal", journal()}).code, 0);
  StanceRun undo = fix({"--rollback", journal(), "--yes"});
  EXPECT_EQ(undo.code, 0) << undo.err << undo.out;
  for (const auto& [id, action] : actions_of(undo.out)) EXPECT_EQ(action.status, "applied") << id << ": " << action.reason;
  auto restored = scan();
  ASSERT_EQ(restored.size(), original.size());
  for (const auto& [id, finding] : original) {
    EXPECT_EQ(restored[id].status, finding.status) << id;
    EXPECT_EQ(restored[id].message, finding.message) << id;
  }
}

TEST_F(LiveFix, OneTrailsFailureDoesNotStopTheOthers) {
  aws_->set_faults(R"([{"operation":"PutEventSelectors","kind":"access_denied","trail":"arn:aws:cloudtrail:us-east-1:111111111111:trail/read-only"}])");
  StanceRun run = fix({"--apply", "--yes", "--journal", journal()});
  EXPECT_EQ(run.code, 2);
  auto a = actions_of(run.out);
  EXPECT_EQ(a[arn("us-east-1", "read-only")].status, "failed");
  EXPECT_NE(a[arn("us-east-1", "read-only")].reason.find("cloudtrail:PutEventSelectors: AccessDeniedException"),
            std::string::npos) << a[arn("us-east-1", "read-only")].reason;
  EXPECT_EQ(a[arn("us-east-1", "mgmt-off")].status, "applied");
  EXPECT_EQ(a[arn("ap-southeast-2", "adv-write-only")].status, "applied");
}

TEST_F(LiveFix, SuppressedTrailsAreSkippedWithTheirReason) {
  std::ofstream(dir_ / "stance.yaml") << "exceptions:\n  - rule: CT-010\n    resources: [\"*trail/adv-narrowed\"]\n"
                                         "    reason: replaced next quarter\n";
  StanceRun run = run_stance({"fix", "--aws", "--format", "json", "--config", (dir_ / "stance.yaml").string()}, env());
  auto a = actions_of(run.out);
  EXPECT_EQ(a[arn("ap-southeast-2", "adv-narrowed")].status, "skipped");
  EXPECT_NE(a[arn("ap-southeast-2", "adv-narrowed")].reason.find("replaced next quarter"), std::string::npos);
}

TEST_F(LiveFix, AnOrganizationTrailIsNotTouchedFromAMemberAccount) {
  std::string state = kState;
  const std::string org = R"("S3BucketName": "org-logs"})";
  state.replace(state.find(org), org.size(),
                R"("S3BucketName": "org-logs", "EventSelectors": [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": true}]})");
  aws_ = std::make_unique<FakeAws>(state);
  StanceRun run = fix({"--apply", "--yes", "--journal", journal()}, env("AKIDMEMBER00000002", kMemberSecret));
  auto a = actions_of(run.out);
  const auto& org_trail = a[arn("eu-west-1", "org")];
  EXPECT_EQ(org_trail.status, "skipped");
  EXPECT_NE(org_trail.reason.find("owned by account 111111111111"), std::string::npos) << org_trail.reason;
  EXPECT_EQ(a[arn("eu-west-1", "member-local", "222222222222")].status, "applied");
  EXPECT_EQ(aws_->call_count("PutEventSelectors"), 1);
}

TEST_F(LiveFix, ApplyWithoutATerminalNeedsYes) {
  StanceRun run = fix({"--apply", "--journal", journal()});
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("--yes"), std::string::npos) << run.err;
  EXPECT_EQ(aws_->call_count("PutEventSelectors"), 0);
  EXPECT_FALSE(std::filesystem::exists(journal()));
}

TEST_F(LiveFix, RollbackWithoutYesOrATerminalIsADryRun) {
  ASSERT_EQ(fix({"--apply", "--yes", "--journal", journal()}).code, 0);
  const int puts = aws_->call_count("PutEventSelectors");
  StanceRun dry = fix({"--rollback", journal()});
  EXPECT_EQ(dry.code, 0) << dry.err;
  auto a = actions_of(dry.out);
  EXPECT_EQ(a.size(), 5u) << dry.out;
  for (const auto& [id, action] : a) EXPECT_EQ(action.status, "planned") << id << ": " << action.reason;
  EXPECT_NE(dry.err.find("--yes"), std::string::npos) << dry.err;
  EXPECT_EQ(aws_->call_count("PutEventSelectors"), puts) << "a rollback without --yes changed trails";
}

// A crafted (or stale) journal: its "after" is not what the trail holds now, so the trail is not touched.
TEST_F(LiveFix, RollbackSkipsTrailsThatChangedSinceTheJournal) {
  ASSERT_EQ(fix({"--apply", "--yes", "--journal", journal()}).code, 0);
  const std::string crafted = (dir_ / "crafted.json").string();
  std::ofstream(crafted) << R"({"stance_fix_journal": 1, "actions": [
    {"arn": ")" << arn("us-east-1", "default") << R"(", "region": "us-east-1", "account": "111111111111",
     "advanced": false, "status": "applied",
     "before": [{"ReadWriteType": "All", "IncludeManagementEvents": false, "DataResources": [], "ExcludeManagementEventSources": []}],
     "after": [{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": true, "DataResources": [], "ExcludeManagementEventSources": []}]}]})";
  const int puts = aws_->call_count("PutEventSelectors");
  StanceRun run = fix({"--rollback", crafted, "--yes"});
  auto a = actions_of(run.out);
  ASSERT_EQ(a.size(), 1u) << run.out << run.err;
  EXPECT_EQ(a[arn("us-east-1", "default")].status, "skipped");
  EXPECT_NE(a[arn("us-east-1", "default")].reason.find("changed since the journal was written"), std::string::npos)
      << a[arn("us-east-1", "default")].reason;
  EXPECT_EQ(aws_->call_count("PutEventSelectors"), puts);
  for (const auto& [id, finding] : scan()) EXPECT_EQ(finding.status, "pass") << id;
}

TEST_F(LiveFix, AJournalNamingAnotherHostAsRegionIsRefused) {
  const std::string crafted = (dir_ / "crafted.json").string();
  std::ofstream(crafted) << R"({"stance_fix_journal": 1, "actions": [
    {"arn": "arn:aws:cloudtrail:evil.example.com/x:111111111111:trail/t", "region": "evil.example.com/x",
     "account": "111111111111", "advanced": false, "before": [], "after": []}]})";
  StanceRun run = fix({"--rollback", crafted, "--yes"});
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("do not name one CloudTrail trail"), std::string::npos) << run.err;
  EXPECT_EQ(aws_->call_count(), 0);
}

TEST_F(LiveFix, AnUnreachableEndpointIsNotNothingToFix) {
  auto environment = env();
  environment["AWS_ENDPOINT_URL"] = "http://127.0.0.1:9";  // discard: nothing listens
  environment["AWS_MAX_ATTEMPTS"] = "1";
  StanceRun run = run_stance({"fix", "--aws", "--no-config", "--region", "us-east-1"}, environment);
  EXPECT_EQ(run.code, 2) << run.out << run.err;
  EXPECT_EQ(run.out.find("nothing to fix"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace stance::testing
