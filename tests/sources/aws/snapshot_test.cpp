// Snapshots: what `stance collect` writes and `stance scan snapshot.json` reads. Scanning a snapshot gives
// exactly the findings of the live scan it recorded; account-level problems become errors located in the
// file; a broken file names file:line:col.
#include "sources/aws/snapshot.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "sources/aws/helpers.hpp"
#include "sources/aws/trail_adapter.hpp"
#include "sources/file_scan.hpp"

namespace stance::sources::aws {
namespace {

using engine::Status;
using namespace testing;

// A live read of two accounts: a passing trail, a read-only one, an organization trail seen from a member,
// a trail whose GetEventSelectors was denied, one whose status came back truncated, and a region that
// could not be listed.
std::vector<RawAccount> live_read() {
  RawAccount member;
  member.account_id = "111111111111";
  member.regions = {"eu-west-1", "us-east-1"};
  RawTrail denied = raw_trail("default-selector");
  denied.arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/denied";
  denied.describe.response = "{\"trailList\":[{\"Name\":\"denied\",\"TrailARN\":\"" + denied.arn + "\"}]}";
  denied.event_selectors =
      failed_call("GetEventSelectors", {"AccessDeniedException",
                                        "User: arn:aws:iam::111111111111:user/audit is not "
                                        "authorized to perform: cloudtrail:GetEventSelectors",
                                        400});
  RawTrail truncated = raw_trail("read-write-split");
  truncated.arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/truncated";
  truncated.describe.response =
      "{\"trailList\":[{\"Name\":\"truncated\",\"TrailARN\":\"" + truncated.arn + "\"}]}";
  truncated.event_selectors.response = "{\"TrailARN\":\"" + truncated.arn + "\",\"EventSelectors\":[]}";
  truncated.status.response = "{\"IsLogg";
  member.trails = {raw_trail("default-selector"), org_trail("org-read-only"), denied, truncated};
  member.problems = {
      {"111111111111",
       "ap-south-1",
       "cloudtrail:ListTrails",
       {"UnrecognizedClientException", "The security token included in the request is invalid", 400}}};

  RawAccount other;
  other.account_id = "333333333333";
  other.problems = {{"333333333333",
                     "",
                     "sts:AssumeRole",
                     {"AccessDenied", "User is not authorized to perform: sts:AssumeRole", 403}}};
  return {member, other};
}

SnapshotMeta meta() { return {"0.1.0", kTime}; }

std::string key(const engine::Finding& f) {
  return f.resource.id + "|" + engine::to_string(f.status) + "|" + f.message + "|" +
         model::to_string(f.location) + "|" + f.location.region + "|" + f.location.account + "|" +
         f.resource.name;
}

TEST(Snapshot, ScanningItGivesExactlyTheLiveFindings) {
  const std::vector<RawAccount> accounts = live_read();
  const SourceResult live = adapt_accounts(accounts, model::SourceKind::Aws);
  const std::string text = write_snapshot(accounts, meta());
  const SourceResult offline = scan_snapshot(read_snapshot_text(text, "snap.json"), "snap.json");

  const auto live_findings = evaluate(live.trails);
  const auto offline_findings = evaluate(offline.trails);
  ASSERT_EQ(live_findings.size(), 4u);
  ASSERT_EQ(offline_findings.size(), live_findings.size());
  for (std::size_t i = 0; i < live_findings.size(); ++i) {
    EXPECT_EQ(key(offline_findings[i]), key(live_findings[i]));
  }
  for (const auto& t : offline.trails) EXPECT_EQ(t.source, model::SourceKind::Snapshot);

  // The verdicts themselves, so the comparison above cannot pass on two equally wrong scans.
  std::map<std::string, Status> status;
  for (const auto& f : offline_findings) status[f.resource.id] = f.status;
  EXPECT_EQ(status[kArn], Status::Pass);
  EXPECT_EQ(status[kOrgArn], Status::Fail);
  EXPECT_EQ(status["arn:aws:cloudtrail:us-east-1:111111111111:trail/denied"], Status::Error);
  EXPECT_EQ(status["arn:aws:cloudtrail:us-east-1:111111111111:trail/truncated"], Status::Error);

  // The problems make the scan incomplete, as they did live.
  ASSERT_EQ(offline.errors.size(), live.errors.size());
  for (std::size_t i = 0; i < live.errors.size(); ++i) {
    EXPECT_EQ(offline.errors[i].message, live.errors[i].message);
    EXPECT_EQ(offline.errors[i].source, live.errors[i].source);
  }
}

TEST(Snapshot, RoundTripKeepsEveryCall) {
  const std::vector<RawAccount> accounts = live_read();
  const SnapshotRead read = read_snapshot_text(write_snapshot(accounts, meta()), "snap.json");
  ASSERT_TRUE(read.errors.empty()) << read.errors.front().message;
  EXPECT_EQ(read.meta.tool_version, "0.1.0");
  EXPECT_EQ(read.meta.collected_at, kTime);
  ASSERT_EQ(read.accounts.size(), 2u);
  const RawAccount& a = read.accounts[0];
  EXPECT_EQ(a.account_id, "111111111111");
  EXPECT_EQ(a.regions, (std::vector<std::string>{"eu-west-1", "us-east-1"}));
  ASSERT_EQ(a.problems.size(), 1u);
  EXPECT_EQ(a.problems[0].call, "cloudtrail:ListTrails");
  EXPECT_EQ(a.problems[0].region, "ap-south-1");
  EXPECT_EQ(a.problems[0].error.code, "UnrecognizedClientException");
  EXPECT_EQ(a.problems[0].error.http_status, 400);
  ASSERT_EQ(a.trails.size(), 4u);
  const RawTrail& org = a.trails[1];
  EXPECT_EQ(org.arn, kOrgArn);
  EXPECT_EQ(org.home_region, "eu-west-1");
  EXPECT_EQ(org.account_id, "222222222222");
  EXPECT_EQ(org.seen_from_account, "111111111111");
  EXPECT_EQ(org.describe.operation, "DescribeTrails");
  EXPECT_EQ(org.describe.region, "eu-west-1");
  EXPECT_EQ(org.describe.time, kTime);
  EXPECT_EQ(
      org.event_selectors.response,
      "{\"TrailARN\":\"arn:aws:cloudtrail:eu-west-1:222222222222:trail/org-trail\",\"EventSelectors\":[{"
      "\"ReadWriteType\":\"ReadOnly\",\"IncludeManagementEvents\":true,\"DataResources\":[],"
      "\"ExcludeManagementEventSources\":[]}]}");
  EXPECT_NE(a.trails[0].status.response.find("\"LatestDeliveryTime\":1.7945952E9"), std::string::npos)
      << "numbers are kept as AWS wrote them";
  const RawTrail& denied = a.trails[2];
  ASSERT_TRUE(denied.event_selectors.error);
  EXPECT_EQ(denied.event_selectors.error->code, "AccessDeniedException");
  EXPECT_EQ(denied.event_selectors.error->http_status, 400);
  EXPECT_TRUE(denied.event_selectors.response.empty());
  EXPECT_EQ(a.trails[3].status.response, "{\"IsLogg") << "a body that is not JSON is kept as received";
  EXPECT_EQ(read.accounts[1].problems[0].call, "sts:AssumeRole");
  EXPECT_TRUE(read.accounts[1].problems[0].region.empty());
}

TEST(Snapshot, ResponsesAreEmbeddedAsJsonPeopleCanRead) {
  const std::string text = write_snapshot(live_read(), meta());
  EXPECT_EQ(text.rfind("{\n  \"stance_snapshot\": 1,\n", 0), 0u) << text.substr(0, 80);
  EXPECT_NE(text.find("\"response\": {\n"), std::string::npos);
  EXPECT_NE(text.find("\"IsLogging\": true"), std::string::npos);
  EXPECT_NE(text.find("\"ReadWriteType\": \"ReadOnly\""), std::string::npos);
  EXPECT_NE(text.find("\"response_text\": \"{\\\"IsLogg\""), std::string::npos);
  EXPECT_EQ(text.find("\\\"trailList\\\""), std::string::npos) << "no response is an escaped string";
}

// The line (1-based) of the first line of `text` containing `needle`.
int line_of(const std::string& text, const std::string& needle) {
  const std::size_t at = text.find(needle);
  EXPECT_NE(at, std::string::npos) << needle;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

TEST(Snapshot, RecordedProblemsAreErrorsAtTheirEntry) {
  const std::string text = write_snapshot(live_read(), meta());
  const SourceResult r = scan_snapshot(read_snapshot_text(text, "snap.json"), "snap.json");
  ASSERT_EQ(r.errors.size(), 2u) << describe(r);
  EXPECT_EQ(r.errors[0].source, "aws:cloudtrail:ListTrails");
  EXPECT_EQ(
      r.errors[0].message,
      "cloudtrail:ListTrails in account 111111111111, region ap-south-1: UnrecognizedClientException: The "
      "security token included in the request is invalid");
  EXPECT_EQ(r.errors[0].location.file, "snap.json");
  EXPECT_EQ(r.errors[0].location.line, line_of(text, "\"call\": \"cloudtrail:ListTrails\"") - 1);  // its '{'
  EXPECT_EQ(r.errors[0].location.column, 9);
  EXPECT_EQ(r.errors[1].message,
            "sts:AssumeRole in account 333333333333: AccessDenied: User is not authorized to "
            "perform: sts:AssumeRole");
  EXPECT_EQ(r.files_scanned, 1);
}

struct Broken {
  const char* text;
  const char* message;
  int line;
  int column;
};

TEST(Snapshot, ProblemsInTheFileNameFileLineColumn) {
  const std::vector<Broken> cases = {
      {"{\"stance_snapshot\": 1,\n \"accounts\": [,]}", "not valid JSON", 2, 15},
      {"{\"stance_snapshot\": 2, \"accounts\": []}",
       "snapshot format version 2 is not supported (this stance reads "
       "version 1)",
       1, 21},
      {"{\"stance_snapshot\": \"1\", \"accounts\": []}", "\"stance_snapshot\" must be the format version", 1,
       21},
      {"{\"stance_snapshot\": 1}", "accounts is missing", 1, 1},
      {"{\"stance_snapshot\": 1, \"accounts\": {}}", "accounts must be a list, not an object", 1, 36},
      {"{\"stance_snapshot\": 1, \"accounts\": [\n  {\"trails\": []}]}", "account_id is missing", 2, 3},
      {"{\"stance_snapshot\": 1, \"accounts\": [{\"account_id\": \"1\", \"trails\": [\n   {\"calls\": "
       "[]}]}]}",
       "a trail needs its arn", 2, 4},
      {"{\"stance_snapshot\": 1, \"accounts\": [{\"account_id\": \"1\", \"trails\": [{\"arn\": \"a\", "
       "\"calls\": [\n"
       "  {\"operation\": \"GetTrailStatus\"}]}]}]}",
       "a call needs its response, response_text or error", 2, 3},
      {"{\"stance_snapshot\": 1, \"accounts\": [{\"account_id\": \"1\", \"trails\": [{\"arn\": \"a\", "
       "\"calls\": [\n"
       "  {\"operation\": \"GetTrailStatus\", \"response\": {}},\n  {\"operation\": \"GetTrailStatus\", "
       "\"response\": {}}]}]}]}",
       "a second GetTrailStatus call for trail a", 3, 3},
      {"{\"stance_snapshot\": 1, \"accounts\": [{\"account_id\": \"1\", \"problems\": [\n"
       "  {\"call\": \"x\", \"error\": {\"code\": \"E\", \"http_status\": \"403\"}}]}]}",
       "error.http_status must be an integer, not a string", 2, 55},
      {"{\"stance_snapshot\": 1, \"accounts\": [{\"account_id\": 7}]}",
       "account_id must be a string, not a number", 1, 52},
  };
  for (const auto& c : cases) {
    const SnapshotRead read = read_snapshot_text(c.text, "s.json");
    ASSERT_FALSE(read.errors.empty()) << c.text;
    const engine::ScanError& e = read.errors.front();
    EXPECT_NE(e.message.find(c.message), std::string::npos) << e.message;
    EXPECT_EQ(e.location.file, "s.json");
    EXPECT_EQ(e.location.line, c.line) << c.text << "\n" << e.message;
    EXPECT_EQ(e.location.column, c.column) << c.text << "\n" << e.message;
  }
}

// A collection that could not read any account (no credentials, GetCallerIdentity denied) records why, so
// scanning its snapshot is incomplete (exit 2) rather than "no CloudTrail trails found".
TEST(Snapshot, CollectionProblemsAreRecordedAndScanAsErrors) {
  const RawProblem denied{"", "", "sts:GetCallerIdentity", {"ExpiredToken", "The security token included in the request is expired", 403}};
  const std::string text = write_snapshot({}, meta(), {denied});
  const SnapshotRead read = read_snapshot_text(text, "s.json");
  EXPECT_TRUE(read.errors.empty()) << (read.errors.empty() ? "" : read.errors[0].message);
  ASSERT_EQ(read.collection_problems.size(), 1u);
  EXPECT_EQ(read.collection_problems[0].call, "sts:GetCallerIdentity");
  EXPECT_EQ(read.collection_problems[0].error.code, "ExpiredToken");
  ASSERT_EQ(read.problems.size(), 1u);
  EXPECT_NE(read.problems[0].message.find("ExpiredToken"), std::string::npos) << read.problems[0].message;
  EXPECT_GT(read.problems[0].location.line, 0);

  const SourceResult scanned = scan_snapshot(read, "s.json");
  EXPECT_EQ(scanned.errors.size(), 1u);  // the problem, and not also "read nothing"
  EXPECT_TRUE(scanned.trails.empty());
}

TEST(Snapshot, ACompleteCollectionWritesNoTopLevelProblems) {
  const std::string text = write_snapshot(live_read(), meta());
  EXPECT_LT(text.find("\"accounts\""), text.find("\"problems\""));  // only the accounts' own lists
}

TEST(Snapshot, ASnapshotThatReadNothingIsAnError) {
  const SnapshotRead read = read_snapshot_text("{\"stance_snapshot\": 1,\n \"accounts\": []}", "s.json");
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_EQ(read.errors[0].message,
            "the snapshot holds no accounts and no problems: the collection read nothing, so nothing can be audited");
  EXPECT_EQ(read.errors[0].location.line, 2);
  EXPECT_EQ(read.errors[0].location.column, 14);
  const SourceResult scanned = scan_snapshot(read, "s.json");
  EXPECT_FALSE(scanned.errors.empty());
}

TEST(Snapshot, ACallOfAnOperationNotUsedIsAWarning) {
  const SnapshotRead read = read_snapshot_text(
      "{\"stance_snapshot\": 1, \"accounts\": [{\"account_id\": \"1\", \"trails\": [{\"arn\": \"a\", "
      "\"calls\": [\n"
      "  {\"operation\": \"GetInsightSelectors\", \"response\": {}}]}]}]}",
      "s.json");
  EXPECT_TRUE(read.errors.empty());
  ASSERT_EQ(read.warnings.size(), 1u);
  EXPECT_EQ(read.warnings[0].location.line, 2);
}

// The example in data/ (the format as SNAPSHOT.md documents it), through `stance scan`'s file walk.
TEST(Snapshot, ScannedAmongOtherFiles) {
  FileScanOptions options;
  options.jobs = 1;
  const SourceResult r =
      scan_paths({data_path("snapshot.json"),
                  std::string(STANCE_SOURCE_DIR) + "/src/rules/ct010/examples/fail-read-only.yaml"},
                 options);
  ASSERT_EQ(r.trails.size(), 3u) << describe(r);
  std::map<std::string, Status> status;
  std::map<std::string, std::string> message;
  for (const auto& f : evaluate(r.trails)) {
    status[f.resource.id] = f.status;
    message[f.resource.id] = f.message;
  }
  EXPECT_EQ(status[kArn], Status::Pass) << message[kArn];
  EXPECT_EQ(status[kOrgArn], Status::Error) << message[kOrgArn];
  EXPECT_NE(message[kOrgArn].find("cloudtrail:GetEventSelectors: AccessDeniedException"), std::string::npos);
  ASSERT_EQ(r.errors.size(), 1u) << describe(r);
  EXPECT_EQ(r.errors[0].location.file, data_path("snapshot.json"));
  EXPECT_GT(r.errors[0].location.line, 0);
  EXPECT_EQ(r.files_scanned, 2);
  for (const auto& t : r.trails) {
    EXPECT_EQ(t.source, t.arn.empty() ? model::SourceKind::CloudFormation : model::SourceKind::Snapshot);
  }
}

TEST(Snapshot, FileThatCannotBeReadIsAnError) {
  const SnapshotRead read = read_snapshot(data_path("no-such-snapshot.json"));
  ASSERT_EQ(read.errors.size(), 1u);
  EXPECT_NE(read.errors[0].message.find("cannot read"), std::string::npos);
}

}  // namespace
}  // namespace stance::sources::aws
