// The CloudTrail family (CT-001, -002, -005, -006, -007, -009, -010, -011, -012, -014) end to end on the live
// path: `stance scan --aws --all-rules -f json` against the test AWS endpoint for the four account scenarios
// of issue 13 (family_live_state.hpp), one account at a time and all four together through a role, and
// `stance collect --aws` + an offline scan of the snapshot giving the same findings.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/family_live_state.hpp"
#include "aws/live/report_findings.hpp"
#include "aws/live/run_stance.hpp"

namespace stance::testing {
namespace {

// The rules this test judges; findings of rules added later are not this test's business.
const std::set<std::string> kFamily = {"CT-001", "CT-002", "CT-005", "CT-006", "CT-007",
                                       "CT-009", "CT-010", "CT-011", "CT-012", "CT-014"};
const std::vector<std::string> kTrailRules = {"CT-002", "CT-005", "CT-007", "CT-009",
                                              "CT-010", "CT-011", "CT-012", "CT-014"};

using Finding = RuleFinding;
using Key = RuleKey;

std::map<Key, Finding> family_findings(const std::string& json) {
  return findings_by_rule(json, [](std::string_view rule) { return kFamily.count(std::string(rule)) > 0; });
}

std::string trail_arn(const std::string& region, const std::string& account, const std::string& name) {
  return "arn:aws:cloudtrail:" + region + ":" + account + ":trail/" + name;
}

// What one account scenario must give: per trail, the status of each trail rule (in kTrailRules' order), and
// the account rules' verdicts with a substring of each message.
struct TrailExpectation {
  std::string arn;
  std::string statuses;  // one letter per rule of kTrailRules: p(ass), f(ail)
};
struct AccountExpectation {
  std::string account;
  std::vector<TrailExpectation> trails;
  std::string ct001, ct001_message;
  std::string ct006, ct006_message;
};

const AccountExpectation kNoQualifyingTrail{
    "111111111111",
    // Trail rules in kTrailRules' order: CT-002, -005, -007, -009, -010, -011, -012, -014.
    {{trail_arn("us-east-1", "111111111111", "regional"), "ffffpppf"},
     {trail_arn("us-east-1", "111111111111", "stopped"), "ppppppfp"}},
    "fail", "regional",
    "pass", "stopped"};
const AccountExpectation kOrganizationTrailOnly{
    "222222222222",
    {{trail_arn("eu-west-1", "999999999999", "org-trail"), "pppppppp"}},
    "pass", "999999999999",
    "pass", "org-trail"};
const AccountExpectation kTwoGlobalTrails{
    "333333333333",
    {{trail_arn("us-east-1", "333333333333", "main"), "pppppppp"},
     {trail_arn("eu-west-1", "333333333333", "eu-global"), "fpffpppf"}},
    "pass", "main",
    "fail", "eu-global"};
const AccountExpectation kDeliveryError{
    "444444444444",
    {{trail_arn("us-east-1", "444444444444", "broken"), "pppfpfpp"},
     {trail_arn("eu-west-1", "444444444444", "sns-failing"), "ffffpfpf"}},
    "pass", "broken",
    "pass", "broken"};

std::string status_word(char c) { return c == 'p' ? "pass" : c == 'f' ? "fail" : std::string(1, c); }

// Checks every family finding of one account scenario: verdicts, resource type and id, and location.
void expect_account(const std::map<Key, Finding>& f, const AccountExpectation& e, const std::string& output) {
  SCOPED_TRACE("account " + e.account);
  for (const auto& t : e.trails) {
    ASSERT_EQ(t.statuses.size(), kTrailRules.size());
    for (std::size_t i = 0; i < kTrailRules.size(); ++i) {
      const Key key{kTrailRules[i], t.arn};
      auto it = f.find(key);
      ASSERT_NE(it, f.end()) << kTrailRules[i] << " has no finding for " << t.arn << "\n" << output;
      EXPECT_EQ(it->second.status, status_word(t.statuses[i])) << kTrailRules[i] << " " << t.arn << ": "
                                                               << it->second.message;
      EXPECT_EQ(it->second.type, "AWS::CloudTrail::Trail") << kTrailRules[i];
      EXPECT_EQ(it->second.arn, t.arn) << kTrailRules[i];
      // The trail's home region, and the account that owns it (an organization trail: the management account).
      EXPECT_NE(t.arn.find(":" + it->second.region + ":"), std::string::npos) << kTrailRules[i];
      EXPECT_NE(t.arn.find(":" + it->second.account + ":trail/"), std::string::npos) << kTrailRules[i];
    }
  }
  const std::string root = "arn:aws:iam::" + e.account + ":root";
  for (const auto& [rule, status, message] : {std::tuple{"CT-001", e.ct001, e.ct001_message},
                                              std::tuple{"CT-006", e.ct006, e.ct006_message}}) {
    auto it = f.find({rule, e.account});
    ASSERT_NE(it, f.end()) << rule << " has no finding for account " << e.account << "\n" << output;
    const Finding& a = it->second;
    EXPECT_EQ(a.status, status) << rule << ": " << a.message;
    EXPECT_NE(a.message.find(message), std::string::npos) << rule << ": " << a.message;
    EXPECT_EQ(a.type, "AWS::::Account") << rule;
    EXPECT_EQ(a.arn, root) << rule;
    EXPECT_EQ(a.account, e.account) << rule;
  }
}

// The number of family findings an account scenario gives (so that no unexpected resource is judged).
std::size_t findings_count(const AccountExpectation& e) { return e.trails.size() * kTrailRules.size() + 2; }

class FamilyLive : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    aws_ = std::make_unique<FakeAws>(kFamilyState);
  }

  std::map<std::string, std::string> env(const std::string& key, const std::string& secret) const {
    return {{"AWS_ACCESS_KEY_ID", key}, {"AWS_SECRET_ACCESS_KEY", secret}, {"AWS_ENDPOINT_URL", aws_->endpoint()},
            {"AWS_REGION", "us-east-1"}};
  }

  StanceRun run(std::vector<std::string> args, const std::map<std::string, std::string>& environment) {
    StanceRun r = run_stance(args, environment);
    for (const auto* secret : kFamilySecrets) {
      EXPECT_EQ(r.out.find(secret), std::string::npos) << "secret on stdout";
      EXPECT_EQ(r.err.find(secret), std::string::npos) << "secret on stderr";
    }
    return r;
  }

  StanceRun scan_as(const std::string& key, const std::string& secret, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"scan", "--aws", "--all-rules", "-f", "json", "--max-attempts", "2",
                                     "--timeout", "2"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run(args, env(key, secret));
  }

  std::vector<std::string> all_accounts() const {
    return {"--accounts", "111111111111,222222222222,333333333333,444444444444", "--role-arn",
            "arn:aws:iam::{account}:role/Audit", "--external-id", "family-audit"};
  }

  std::unique_ptr<FakeAws> aws_;
};

TEST_F(FamilyLive, AnAccountWithNoQualifyingTrail) {
  StanceRun r = scan_as("AKIDNOQUALIFYING01", "no-qualifying-secret-1");
  EXPECT_EQ(r.code, 1) << r.err;
  auto f = family_findings(r.out);
  EXPECT_EQ(f.size(), findings_count(kNoQualifyingTrail)) << r.out;
  expect_account(f, kNoQualifyingTrail, r.out);
  // CT-001 lists each trail and what it lacks.
  const std::string& ct001 = f[{"CT-001", "111111111111"}].message;
  EXPECT_NE(ct001.find("stopped"), std::string::npos) << ct001;
  EXPECT_NE(ct001.find("logging"), std::string::npos) << ct001;
  EXPECT_NE(ct001.find("multi-region"), std::string::npos) << ct001;
}

TEST_F(FamilyLive, AMemberAccountWithOnlyItsOrganizationTrail) {
  StanceRun r = scan_as("AKIDORGONLY0000002", "organization-only-secret-2");
  EXPECT_EQ(r.code, 0) << r.err << r.out;  // everything passes
  auto f = family_findings(r.out);
  EXPECT_EQ(f.size(), findings_count(kOrganizationTrailOnly)) << r.out;
  expect_account(f, kOrganizationTrailOnly, r.out);
  // The member read the organization trail's status once, by ARN (as AWS requires of a member), in its home
  // region (the call log has the signing region and the calling account).
  EXPECT_EQ(aws_->call_count("GetTrailStatus"), 1);
  simdjson::dom::parser parser;
  simdjson::dom::element calls;
  ASSERT_FALSE(parser.parse(aws_->calls_json()).get(calls));
  int status_reads = 0;
  for (simdjson::dom::element c : calls.get_array()) {
    std::string_view op, region, account, trail;
    ASSERT_FALSE(c["operation"].get(op));
    if (op != "GetTrailStatus") continue;
    ++status_reads;
    EXPECT_FALSE(c["region"].get(region));
    EXPECT_FALSE(c["account"].get(account));
    EXPECT_FALSE(c["trail"].get(trail));
    EXPECT_EQ(region, "eu-west-1");
    EXPECT_EQ(account, "222222222222");
    EXPECT_EQ(trail, trail_arn("eu-west-1", "999999999999", "org-trail"));
  }
  EXPECT_EQ(status_reads, 1);
}

TEST_F(FamilyLive, AnAccountWithTwoTrailsThatBothIncludeGlobalEvents) {
  StanceRun r = scan_as("AKIDTWOGLOBAL00003", "two-global-secret-3");
  EXPECT_EQ(r.code, 1) << r.err;
  auto f = family_findings(r.out);
  EXPECT_EQ(f.size(), findings_count(kTwoGlobalTrails)) << r.out;
  expect_account(f, kTwoGlobalTrails, r.out);
  const std::string& ct006 = f[{"CT-006", "333333333333"}].message;
  EXPECT_NE(ct006.find("2 times"), std::string::npos) << ct006;
  EXPECT_NE(ct006.find("main"), std::string::npos) << ct006;
}

TEST_F(FamilyLive, AnAccountWhoseTrailStatusShowsDeliveryErrors) {
  StanceRun r = scan_as("AKIDDELIVERYERR004", "delivery-error-secret-4");
  EXPECT_EQ(r.code, 1) << r.err;
  auto f = family_findings(r.out);
  EXPECT_EQ(f.size(), findings_count(kDeliveryError)) << r.out;
  expect_account(f, kDeliveryError, r.out);
  const std::string broken = trail_arn("us-east-1", "444444444444", "broken");
  const std::string sns = trail_arn("eu-west-1", "444444444444", "sns-failing");
  // CT-011 names the error AWS reported; CT-009 measures the last delivery against the GetTrailStatus call.
  const auto says = [&](const std::string& rule, const std::string& arn, const std::string& text) {
    const std::string& message = f[Key{rule, arn}].message;
    EXPECT_NE(message.find(text), std::string::npos) << rule << " " << arn << ": " << message;
  };
  says("CT-011", broken, "LatestDeliveryError is NoSuchBucket");
  // (A failing rule names its first failing condition; the digest error of "broken" is not repeated.)
  says("CT-011", sns, "LatestNotificationError is NotFound");
  says("CT-009", broken, "30 hours before the read");
  says("CT-009", broken, "AccessDeniedException");
  says("CT-009", sns, "LatestCloudWatchLogsDeliveryTime is absent");
}

TEST_F(FamilyLive, DeliveryWithinTheLast24HoursPassesCt009) {
  StanceRun r = scan_as("AKIDTWOGLOBAL00003", "two-global-secret-3", {"--rule", "CT-009"});
  auto f = family_findings(r.out);
  const Finding& main = f[{"CT-009", trail_arn("us-east-1", "333333333333", "main")}];
  EXPECT_EQ(main.status, "pass") << main.message;
  EXPECT_NE(main.message.find("less than an hour before the read"), std::string::npos) << main.message;
  // --rule runs that rule only.
  for (const auto& [key, finding] : f) EXPECT_EQ(key.first, "CT-009") << key.second;
}

TEST_F(FamilyLive, FourAccountsThroughARoleInOneScan) {
  StanceRun r = scan_as("AKIDFAMILYMGMT0009", kFamilyManagementSecret, all_accounts());
  EXPECT_EQ(r.code, 1) << r.err;
  auto f = family_findings(r.out);
  std::size_t expected = 0;
  for (const auto* e : {&kNoQualifyingTrail, &kOrganizationTrailOnly, &kTwoGlobalTrails, &kDeliveryError}) {
    expect_account(f, *e, r.out);
    expected += findings_count(*e);
  }
  EXPECT_EQ(f.size(), expected) << r.out;
  EXPECT_EQ(aws_->call_count("AssumeRole"), 4);
}

TEST_F(FamilyLive, ASnapshotScansOfflineToTheSameFindings) {
  StanceRun live = scan_as("AKIDFAMILYMGMT0009", kFamilyManagementSecret, all_accounts());
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("stance-family-snapshot-" + std::to_string(::getpid()) + ".json"))
                               .string();
  std::vector<std::string> collect = {"collect", "--aws", "-o", path};
  for (const auto& a : all_accounts()) collect.push_back(a);
  StanceRun collected = run(collect, env("AKIDFAMILYMGMT0009", kFamilyManagementSecret));
  EXPECT_EQ(collected.code, 0) << collected.err;
  const int calls_before = aws_->call_count();
  StanceRun offline = run({"scan", path, "--all-rules", "-f", "json"}, {});
  EXPECT_EQ(aws_->call_count(), calls_before) << "an offline scan makes no call";
  EXPECT_EQ(offline.code, live.code) << offline.err;
  auto a = family_findings(live.out), b = family_findings(offline.out);
  EXPECT_EQ(a.size(), b.size());
  for (const auto& [key, finding] : a) {
    SCOPED_TRACE(key.first + " " + key.second);
    auto it = b.find(key);
    ASSERT_NE(it, b.end()) << offline.out;
    EXPECT_EQ(it->second.status, finding.status);
    EXPECT_EQ(it->second.message, finding.message);
    EXPECT_EQ(it->second.type, finding.type);
    EXPECT_EQ(it->second.arn, finding.arn);
    EXPECT_EQ(it->second.account, finding.account);
    EXPECT_EQ(it->second.region, finding.region);
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  for (const auto* secret : kFamilySecrets) EXPECT_EQ(text.str().find(secret), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace stance::testing
