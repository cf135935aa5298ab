// `stance scan --aws` and `stance collect --aws` end to end: the real binary against the test AWS endpoint
// (tests/aws/fake_aws), which speaks AWS's wire protocols and checks every signature with botocore.
// Covers the CT-010 cases of ../shared/DESIGN.md section 2, shadow and organization trails, pagination, the number
// of calls, every failure mode (the trail is `error`, never `pass`, and no secret is printed), snapshots
// and multi-account scans.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/live_state.hpp"
#include "aws/live/run_stance.hpp"

namespace stance::testing {
namespace {

class LiveScan : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    aws_ = std::make_unique<FakeAws>(kState);
  }

  std::map<std::string, std::string> env(const std::string& key = "AKIDMANAGEMENT0001",
                                         const std::string& secret = kSecret) const {
    return {{"AWS_ACCESS_KEY_ID", key}, {"AWS_SECRET_ACCESS_KEY", secret}, {"AWS_ENDPOINT_URL", aws_->endpoint()}};
  }

  StanceRun scan(std::vector<std::string> extra = {}, std::map<std::string, std::string> environment = {}) {
    std::vector<std::string> args = {"scan", "--aws", "--format", "json", "-v", "-v", "--max-attempts", "2",
                                     "--timeout", "1"};
    args.insert(args.end(), extra.begin(), extra.end());
    auto e = environment.empty() ? env() : environment;
    StanceRun run = run_stance(args, e);
    for (const auto* secret : {kSecret, kMemberSecret}) {
      EXPECT_EQ(run.out.find(secret), std::string::npos) << "secret on stdout";
      EXPECT_EQ(run.err.find(secret), std::string::npos) << "secret on stderr";
    }
    return run;
  }

  std::unique_ptr<FakeAws> aws_;
};

TEST_F(LiveScan, EveryCt010CaseIsJudgedAsDesigned) {
  StanceRun run = scan();
  EXPECT_EQ(run.code, 1) << run.err;  // failing trails, nothing unreadable
  auto f = findings_of(run.out);
  EXPECT_EQ(f.size(), 11u);
  const std::map<std::string, std::string> expected = {
      {arn("us-east-1", "default"), "pass"},
      {arn("us-east-1", "mgmt-off"), "fail"},
      {arn("us-east-1", "read-only"), "fail"},
      {arn("eu-west-1", "split"), "pass"},
      {arn("eu-west-1", "kms-excluded"), "pass"},
      {arn("eu-west-1", "adv-misnamed"), "pass"},                     // judged by fields, not by Name
      {arn("ap-southeast-2", "adv-data-named-management"), "fail"},  // ditto
      {arn("ap-southeast-2", "adv-write-only"), "fail"},
      {arn("ap-southeast-2", "adv-split"), "pass"},
      {arn("ap-southeast-2", "adv-narrowed"), "fail"},
      {arn("eu-west-1", "org"), "pass"},
  };
  for (const auto& [id, status] : expected) {
    ASSERT_TRUE(f.count(id)) << id << "\n" << run.out;
    EXPECT_EQ(f[id].status, status) << id << ": " << f[id].message;
    EXPECT_EQ(f[id].account, "111111111111");
  }
  EXPECT_NE(f[arn("eu-west-1", "kms-excluded")].message.find("kms.amazonaws.com"), std::string::npos);
  EXPECT_NE(f[arn("us-east-1", "read-only")].message.find("read"), std::string::npos);
}

TEST_F(LiveScan, EachTrailIsReadOnceInItsHomeRegionWithTheFewestCalls) {
  StanceRun run = scan();
  ASSERT_EQ(run.code, 1) << run.err;
  // The multi-region trail is listed in all three regions (page size 1: every trail is its own page) but
  // read once. Calls: GetCallerIdentity, DescribeRegions, ListTrails pages (region trails + the shadow of
  // the multi-region trail in the two other regions, + the last page of each region), DescribeTrails once
  // per home region, then GetEventSelectors and GetTrailStatus once per trail.
  EXPECT_EQ(aws_->call_count("GetEventSelectors"), 11);
  EXPECT_EQ(aws_->call_count("GetTrailStatus"), 11);
  EXPECT_EQ(aws_->call_count("DescribeTrails"), 3);
  EXPECT_EQ(aws_->call_count("DescribeRegions"), 1);
  EXPECT_EQ(aws_->call_count("GetCallerIdentity"), 1);
  const int total = aws_->call_count();
  EXPECT_EQ(total, 1 + 1 + aws_->call_count("ListTrails") + 3 + 22);
  EXPECT_NE(run.err.find("with " + std::to_string(total) + " API call(s)"), std::string::npos) << run.err;
  // Every call the scan made was in the trail's home region (the call log has the signing region).
  simdjson::dom::parser parser;
  simdjson::dom::element calls;
  ASSERT_FALSE(parser.parse(aws_->calls_json()).get(calls));
  for (simdjson::dom::element c : calls.get_array()) {
    std::string_view op, region, trail;
    ASSERT_FALSE(c["operation"].get(op));
    if (op != "GetEventSelectors" && op != "GetTrailStatus") continue;
    ASSERT_FALSE(c["region"].get(region));
    ASSERT_FALSE(c["trail"].get(trail)) << "the call log names the trail";
    EXPECT_NE(trail.find(":" + std::string(region) + ":"), std::string_view::npos) << trail << " read from " << region;
  }
}

TEST_F(LiveScan, RegionsCanBeRestricted) {
  StanceRun run = scan({"--region", "ap-southeast-2"});
  auto f = findings_of(run.out);
  // The four trails homed there, plus the multi-region organization trail that covers the region too.
  EXPECT_EQ(f.size(), 5u) << run.out;
  EXPECT_TRUE(f.count(arn("eu-west-1", "org")));
  EXPECT_EQ(aws_->call_count("DescribeRegions"), 0);
}

TEST_F(LiveScan, AnOrganizationTrailSeenFromAMemberNamesItsOwner) {
  StanceRun run = scan({}, env("AKIDMEMBER00000002", kMemberSecret));
  auto f = findings_of(run.out);
  ASSERT_EQ(f.size(), 2u) << run.out << run.err;
  const auto& org = f[arn("eu-west-1", "org")];
  EXPECT_EQ(org.status, "pass");
  EXPECT_NE(org.message.find("owned by account 111111111111"), std::string::npos) << org.message;
  EXPECT_EQ(f[arn("eu-west-1", "member-local", "222222222222")].status, "fail");
}

struct FaultCase {
  const char* name;
  const char* fault;      // the fault, aimed at the trail "default" (us-east-1)
  const char* expected;   // in the finding's message
};

class LiveScanFaults : public LiveScan, public ::testing::WithParamInterface<FaultCase> {};

TEST_P(LiveScanFaults, AnUnreadableTrailIsAnErrorAndTheScanIncomplete) {
  aws_->set_faults(GetParam().fault);
  StanceRun run = scan();
  EXPECT_EQ(run.code, 2) << run.err;
  auto f = findings_of(run.out);
  ASSERT_EQ(f.size(), 11u) << run.out << run.err;
  const auto& broken = f[arn("us-east-1", "default")];
  EXPECT_EQ(broken.status, "error") << broken.message;
  EXPECT_NE(broken.message.find(GetParam().expected), std::string::npos) << broken.message;
  // The others are judged as usual: one trail's failure does not stop the rest.
  EXPECT_EQ(f[arn("eu-west-1", "split")].status, "pass");
  EXPECT_EQ(f[arn("us-east-1", "read-only")].status, "fail");
}

INSTANTIATE_TEST_SUITE_P(
    Faults, LiveScanFaults,
    ::testing::Values(
        FaultCase{"AccessDenied",
                  R"([{"operation":"GetEventSelectors","kind":"access_denied","trail":"default"}])",
                  "AccessDeniedException: User: arn:aws:iam::111111111111:user/auditor is not authorized to perform: "
                  "cloudtrail:GetEventSelectors"},
        FaultCase{"ThrottledPastRetries",
                  R"([{"operation":"GetEventSelectors","kind":"throttle","trail":"default"}])", "ThrottlingException"},
        FaultCase{"ServerErrors", R"([{"operation":"GetTrailStatus","kind":"server_error","trail":"default"}])",
                  "InternalFailure"},
        FaultCase{"Timeout", R"([{"operation":"GetEventSelectors","kind":"timeout","ms":2500,"trail":"default"}])",
                  "RequestTimeout"},
        FaultCase{"TruncatedBody", R"([{"operation":"GetEventSelectors","kind":"truncate","trail":"default"}])",
                  "TruncatedResponse"},
        FaultCase{"ConnectionReset", R"([{"operation":"GetTrailStatus","kind":"reset","trail":"default"}])",
                  "ConnectionError"},
        FaultCase{"DescribeDenied", R"([{"operation":"DescribeTrails","kind":"access_denied",
                                                   "trail":"arn:aws:cloudtrail:us-east-1:111111111111:trail/default"}])",
                  "cloudtrail:DescribeTrails"}),
    [](const ::testing::TestParamInfo<FaultCase>& param) { return std::string(param.param.name); });

TEST_F(LiveScan, ThrottlingWithinTheRetriesIsInvisible) {
  aws_->set_faults(R"([{"operation":"GetEventSelectors","kind":"throttle","count":1,"trail":"default"},
                       {"operation":"ListTrails","kind":"server_error","count":1}])");
  StanceRun run = scan();
  EXPECT_EQ(run.code, 1) << run.err;
  EXPECT_EQ(findings_of(run.out)[arn("us-east-1", "default")].status, "pass");
}

TEST_F(LiveScan, ARegionThatCannotBeListedMakesTheScanIncomplete) {
  aws_->set_faults(R"([{"operation":"ListTrails","kind":"access_denied","region":"ap-southeast-2"}])");
  StanceRun run = scan();
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("cloudtrail:ListTrails"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("ap-southeast-2"), std::string::npos) << run.err;
  EXPECT_NE(run.out.find("\"errors\""), std::string::npos);
}

TEST_F(LiveScan, RegionsThatCannotBeListedFallBackToTheDefaultRegionAndSaySo) {
  aws_->set_faults(R"([{"operation":"DescribeRegions","kind":"access_denied"}])");
  StanceRun run = scan({}, [&] {
    auto e = env();
    e["AWS_REGION"] = "eu-west-1";
    return e;
  }());
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("ec2:DescribeRegions"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("UnauthorizedOperation"), std::string::npos) << run.err;
  EXPECT_TRUE(findings_of(run.out).count(arn("eu-west-1", "split")));
}

TEST_F(LiveScan, BadCredentialsAreAnErrorWithoutTheSecret) {
  StanceRun run = scan({}, env("AKIDMANAGEMENT0001", "wrong-secret-value-123"));
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("SignatureDoesNotMatch"), std::string::npos) << run.err;
  EXPECT_EQ(run.err.find("wrong-secret-value-123"), std::string::npos);
  EXPECT_EQ(run.out.find("wrong-secret-value-123"), std::string::npos);
}

TEST_F(LiveScan, AccountsThroughARoleTemplate) {
  StanceRun run = scan({"--accounts", "222222222222", "--role-arn", "arn:aws:iam::{account}:role/Audit",
                        "--external-id", "stance-external-id"});
  auto f = findings_of(run.out);
  ASSERT_EQ(f.size(), 2u) << run.out << run.err;
  EXPECT_EQ(f[arn("eu-west-1", "member-local", "222222222222")].account, "222222222222");
  EXPECT_EQ(aws_->call_count("AssumeRole"), 1);
}

TEST_F(LiveScan, TheWholeOrganizationCountsTheOrganizationTrailOnce) {
  StanceRun run = scan({"--organization", "--role-name", "Audit", "--external-id", "stance-external-id"});
  EXPECT_EQ(run.code, 1) << run.err;
  auto f = findings_of(run.out);  // also fails the test if the org trail appears twice
  EXPECT_EQ(f.size(), 12u) << run.out;
  EXPECT_EQ(f[arn("eu-west-1", "member-local", "222222222222")].account, "222222222222");
  EXPECT_EQ(f[arn("eu-west-1", "org")].account, "111111111111");
  EXPECT_EQ(aws_->call_count("ListAccounts"), 3);  // page size 1: one page per account; the suspended one is skipped
}

TEST_F(LiveScan, OneAccountsFailureDoesNotStopTheOthers) {
  // Without the external ID the member's role cannot be assumed; the management account is still read.
  StanceRun run = scan({"--organization", "--role-name", "Audit"});
  EXPECT_EQ(run.code, 2);
  EXPECT_NE(run.err.find("sts:AssumeRole"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("222222222222"), std::string::npos) << run.err;
  EXPECT_EQ(findings_of(run.out).size(), 11u);
}

TEST_F(LiveScan, ASnapshotScansOfflineToTheSameFindings) {
  aws_->set_faults(R"([{"operation":"GetTrailStatus","kind":"access_denied","trail":"split"}])");
  StanceRun live = scan();
  const std::string path = (std::filesystem::temp_directory_path() / ("stance-snapshot-" + std::to_string(::getpid()) + ".json")).string();
  StanceRun collect = run_stance({"collect", "--aws", "-o", path}, env());
  EXPECT_EQ(collect.code, 2) << collect.err;  // GetTrailStatus was denied: the snapshot is incomplete
  EXPECT_NE(collect.err.find("collected 11 trail(s)"), std::string::npos) << collect.err;
  const int calls_before = aws_->call_count();
  StanceRun offline = run_stance({"scan", path, "--format", "json"}, {});
  EXPECT_EQ(aws_->call_count(), calls_before) << "an offline scan makes no call";
  EXPECT_EQ(offline.code, live.code) << offline.err;
  auto a = findings_of(live.out), b = findings_of(offline.out);
  ASSERT_EQ(a.size(), b.size());
  for (const auto& [id, finding] : a) {
    EXPECT_EQ(b[id].status, finding.status) << id;
    EXPECT_EQ(b[id].message, finding.message) << id;
    EXPECT_EQ(b[id].account, finding.account) << id;
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str().find(kSecret), std::string::npos);
  std::filesystem::remove(path);
}

TEST_F(LiveScan, AProfileThatAssumesARoleFromItsSourceProfile) {
  const auto dir = std::filesystem::temp_directory_path() / ("stance-profile-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "config") << "[profile member]\nrole_arn = arn:aws:iam::222222222222:role/Audit\n"
                                   "source_profile = base\nexternal_id = stance-external-id\nregion = eu-west-1\n";
  std::ofstream(dir / "credentials") << "[base]\naws_access_key_id = AKIDMANAGEMENT0001\naws_secret_access_key = "
                                     << kSecret << "\n";
  StanceRun run = scan({"--profile", "member"}, {{"AWS_CONFIG_FILE", (dir / "config").string()},
                                                 {"AWS_SHARED_CREDENTIALS_FILE", (dir / "credentials").string()},
                                                 {"AWS_ENDPOINT_URL", aws_->endpoint()}});
  std::filesystem::remove_all(dir);
  auto f = findings_of(run.out);
  ASSERT_EQ(f.size(), 2u) << run.out << run.err;
  EXPECT_EQ(f[arn("eu-west-1", "member-local", "222222222222")].account, "222222222222");
  EXPECT_NE(run.err.find("profile member"), std::string::npos) << run.err;  // -v says where credentials came from
}

TEST_F(LiveScan, WebIdentityFromTheEnvironmentAsCiSystemsUseIt) {
  const auto token = std::filesystem::temp_directory_path() / ("stance-token-" + std::to_string(::getpid()));
  std::ofstream(token) << "ci-token-abc";
  aws_->set_faults("[]");
  StanceRun run = scan({"--region", "eu-west-1"}, {{"AWS_WEB_IDENTITY_TOKEN_FILE", token.string()},
                                                   {"AWS_ROLE_ARN", "arn:aws:iam::111111111111:role/Audit"},
                                                   {"AWS_ENDPOINT_URL", aws_->endpoint()}});
  std::filesystem::remove(token);
  EXPECT_EQ(run.code, 0) << run.err;  // the four trails homed in eu-west-1 (org included) all pass
  EXPECT_EQ(findings_of(run.out).size(), 4u) << run.out;
  EXPECT_EQ(aws_->call_count("AssumeRoleWithWebIdentity"), 1);
  EXPECT_EQ(run.err.find("ci-token-abc"), std::string::npos) << "the web identity token is a secret too";
}

TEST_F(LiveScan, UsageErrors) {
  EXPECT_EQ(run_stance({"scan", "--accounts", "222222222222"}, {}).code, 2);  // needs --aws
  StanceRun r = run_stance({"scan", "--aws", "--accounts", "222222222222"}, env());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("{account}"), std::string::npos) << r.err;
  EXPECT_EQ(run_stance({"scan", "--aws", "--accounts", "12345"}, env()).code, 2);
  EXPECT_EQ(run_stance({"scan", "--aws", "--organization"}, env()).code, 2);
  EXPECT_EQ(aws_->call_count(), 0);
}

}  // namespace
}  // namespace stance::testing
