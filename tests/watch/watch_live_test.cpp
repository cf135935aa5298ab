// `stance watch` end to end against the test AWS endpoint: the issue's "Done when" cases. A trail's
// selectors are changed through the endpoint (which records the CloudTrail event), and the webhook receiver
// in the test must get exactly one notification naming the trail and CT-010; a watcher killed with SIGKILL
// mid-scan and restarted loses no record and repeats no notification; --once exits with the scan's code;
// SIGTERM stops it cleanly mid-scan.
#include <gtest/gtest.h>
#include <signal.h>
#include <simdjson.h>

#include <set>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/run_stance.hpp"
#include "cli/cli_harness.hpp"
#include "watch/shard.hpp"
#include "watch/watch_harness.hpp"

namespace stance::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kKey = "AKIDWATCH0000000001";
constexpr const char* kSecret = "watch-secret";
constexpr const char* kTrailArn = "arn:aws:cloudtrail:us-east-1:444444444444:trail/audit";

std::string state(const std::string& read_write_type) {
  return R"({
  "credentials": {"AKIDWATCH0000000001": {"secret": "watch-secret", "account": "444444444444"}},
  "accounts": {"444444444444": {"regions": ["us-east-1"], "trails": [
    {"Name": "audit", "HomeRegion": "us-east-1", "S3BucketName": "b", "IsMultiRegionTrail": true,
     "EventSelectors": [{"ReadWriteType": ")" + read_write_type + R"(", "IncludeManagementEvents": true}]},
    {"Name": "other", "HomeRegion": "us-east-1", "S3BucketName": "b", "IsMultiRegionTrail": true,
     "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}]}]}},
  "sns_topics": ["arn:aws:sns:us-east-1:444444444444:alerts"],
  "sqs_queues": ["https://sqs.us-east-1.amazonaws.com/444444444444/stance-watch-events"]
})";
}

std::map<std::string, std::string> env(const FakeAws& aws) {
  return {{"AWS_ACCESS_KEY_ID", kKey}, {"AWS_SECRET_ACCESS_KEY", kSecret}, {"AWS_ENDPOINT_URL", aws.endpoint()}};
}

std::vector<std::string> watch_args(const std::string& db, std::vector<std::string> more) {
  std::vector<std::string> args = {"watch", "--aws", "--region", "us-east-1", "--rule", "CT-010", "--db", db,
                                   "--max-attempts", "2", "--timeout", "5"};
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Waits until standard error says `needle` `count` times.
bool wait_for_line(const BackgroundStance& watcher, const std::string& needle, int count, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (count_lines(watcher.err(), needle) >= count) return true;
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

struct History {
  std::string text;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
};

void read_history(const std::string& db, History& h) {
  StanceRun run = run_stance({"history", "--db", db, "--format", "json"}, {});
  ASSERT_EQ(run.code, 0) << run.err;
  h.text = run.out;
  h.doc = h.parser.parse(h.text);
}

int count_transitions(History& h, const std::string& kind, const std::string& rule, const std::string& resource) {
  int n = 0;
  for (simdjson::dom::element t : h.doc["transitions"].get_array()) {
    if (std::string_view(t["kind"]) == kind && std::string_view(t["rule_id"]) == rule &&
        std::string_view(t["resource"]["id"]) == resource) {
      ++n;
    }
  }
  return n;
}

TEST(WatchLive, ASelectorChangeIsNotifiedOnceAndShownAsRegressed) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  FakeAws aws(state("All"));
  WebhookReceiver hook;
  cli::testing::TempDir dir;
  const std::string db = dir / "watch.db";
  BackgroundStance watcher(watch_args(db, {"--interval", "3", "--webhook", hook.url()}), env(aws));
  ASSERT_TRUE(wait_for_line(watcher, "recorded scan #1", 1, 20s)) << watcher.err();

  ASSERT_EQ(put_event_selectors(aws.endpoint(), kKey, kSecret, "us-east-1", "audit", "ReadOnly"), "");
  ASSERT_TRUE(hook.wait_for(1, 20s)) << watcher.err();
  // Further cycles (full scans every 3 s, event rescans) see the same regression and must not notify it again.
  ASSERT_TRUE(wait_for_line(watcher, "recorded scan #", 4, 20s)) << watcher.err();
  std::vector<std::string> bodies = hook.bodies();
  ASSERT_EQ(bodies.size(), 1u) << watcher.err();
  EXPECT_NE(bodies[0].find(kTrailArn), std::string::npos) << bodies[0];
  EXPECT_NE(bodies[0].find("\"CT-010\""), std::string::npos) << bodies[0];
  EXPECT_NE(bodies[0].find("\"change\":\"regressed\""), std::string::npos) << bodies[0];
  EXPECT_NE(bodies[0].find("stance fix --aws --region us-east-1 --rule CT-010"), std::string::npos) << bodies[0];

  watcher.signal(SIGTERM);
  ASSERT_EQ(watcher.wait(15s), 0) << watcher.err();

  History h;
  read_history(db, h);
  EXPECT_EQ(count_transitions(h, "regressed", "CT-010", kTrailArn), 1) << h.text;
  int delivered = 0;
  for (simdjson::dom::element n : h.doc["notifications"].get_array()) {
    EXPECT_EQ(std::string_view(n["status"]), "delivered") << h.text;
    ++delivered;
  }
  EXPECT_EQ(delivered, 1) << h.text;
}

TEST(WatchLive, AnEventRescansOnlyTheNamedTrailBetweenFullScans) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  FakeAws aws(state("All"));
  WebhookReceiver hook;
  cli::testing::TempDir dir;
  const std::string db = dir / "watch.db";
  // A full scan an hour apart: only the event poll (every second) can see the change in time.
  BackgroundStance watcher(
      watch_args(db, {"--interval", "3600", "--poll-interval", "1", "--webhook", hook.url(), "--webhook-format", "slack"}),
      env(aws));
  ASSERT_TRUE(wait_for_line(watcher, "recorded scan #1", 1, 20s)) << watcher.err();
  ASSERT_EQ(put_event_selectors(aws.endpoint(), kKey, kSecret, "us-east-1", "audit", "WriteOnly"), "");
  ASSERT_TRUE(hook.wait_for(1, 20s)) << watcher.err();
  ASSERT_TRUE(wait_for_line(watcher, "rescan of 444444444444 (us-east-1) after PutEventSelectors", 1, 5s)) << watcher.err();
  watcher.signal(SIGINT);
  ASSERT_EQ(watcher.wait(15s), 0) << watcher.err();
  std::vector<std::string> bodies = hook.bodies();
  ASSERT_EQ(bodies.size(), 1u);
  EXPECT_NE(bodies[0].find("\"blocks\""), std::string::npos) << bodies[0];
  EXPECT_NE(bodies[0].find(kTrailArn), std::string::npos) << bodies[0];
  // One rescan only, of the changed trail: recorded incomplete, so the other trail is not "gone".
  EXPECT_EQ(count_lines(watcher.err(), "rescan of"), 1) << watcher.err();
  History h;
  read_history(db, h);
  simdjson::dom::array scans = h.doc["scans"];
  ASSERT_EQ(scans.size(), 2u) << h.text;
  EXPECT_EQ(bool(scans.at(1)["complete"]), false);
  EXPECT_EQ(count_transitions(h, "regressed", "CT-010", kTrailArn), 1) << h.text;
  EXPECT_EQ(h.doc["transitions"].get_array().size(), 1u) << h.text;
}

TEST(WatchLive, KilledMidScanAndRestartedLosesNothingAndRepeatsNothing) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  FakeAws aws(state("ReadOnly"));
  WebhookReceiver hook;
  cli::testing::TempDir dir;
  const std::string db = dir / "watch.db";
  {
    BackgroundStance watcher(watch_args(db, {"--interval", "2", "--webhook", hook.url()}), env(aws));
    ASSERT_TRUE(wait_for_line(watcher, "recorded scan #1", 1, 20s)) << watcher.err();
    ASSERT_TRUE(hook.wait_for(1, 10s)) << watcher.err();  // CT-010 "new" on the ReadOnly trail
    // The next scan reads slowly; kill it in the middle.
    aws.set_faults(R"([{"operation": "GetEventSelectors", "kind": "latency", "ms": 3000}])");
    const int before = aws.call_count("GetEventSelectors");
    const auto until = std::chrono::steady_clock::now() + 20s;
    while (aws.call_count("ListTrails") < 2 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
    std::this_thread::sleep_for(500ms);  // inside the slow GetEventSelectors
    EXPECT_EQ(aws.call_count("GetEventSelectors"), before);
    watcher.signal(SIGKILL);
    ASSERT_EQ(watcher.wait(10s), 128 + SIGKILL);
  }
  aws.set_faults("[]");
  History first;
  read_history(db, first);
  const std::size_t scans_before = first.doc["scans"].get_array().size();
  ASSERT_GE(scans_before, 1u);
  // Restarted: the trail is unchanged, so nothing is notified again; then fixed, and "resolved" comes once.
  StanceRun again = run_stance(watch_args(db, {"--interval", "60", "--once", "--webhook", hook.url()}), env(aws));
  EXPECT_EQ(again.code, 1) << again.err;
  EXPECT_EQ(hook.bodies().size(), 1u);
  ASSERT_EQ(put_event_selectors(aws.endpoint(), kKey, kSecret, "us-east-1", "audit", "All"), "");
  StanceRun fixed = run_stance(watch_args(db, {"--interval", "60", "--once", "--webhook", hook.url()}), env(aws));
  EXPECT_EQ(fixed.code, 0) << fixed.err;
  ASSERT_EQ(hook.bodies().size(), 2u);
  EXPECT_NE(hook.bodies()[1].find("\"change\":\"resolved\""), std::string::npos);

  History after;
  read_history(db, after);
  EXPECT_EQ(after.doc["scans"].get_array().size(), scans_before + 2) << after.text;
  EXPECT_EQ(count_transitions(after, "new", "CT-010", kTrailArn), 1) << after.text;
  EXPECT_EQ(count_transitions(after, "resolved", "CT-010", kTrailArn), 1) << after.text;
  EXPECT_EQ(after.doc["notifications"].get_array().size(), 2u) << after.text;
}

TEST(WatchLive, OnceExitsWithTheScansCode) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  cli::testing::TempDir dir;
  {
    FakeAws aws(state("ReadOnly"));
    StanceRun run = run_stance(watch_args(dir / "a.db", {"--interval", "5", "--once"}), env(aws));
    EXPECT_EQ(run.code, 1) << run.err;
  }
  {
    FakeAws aws(state("All"));
    StanceRun run = run_stance(watch_args(dir / "b.db", {"--interval", "5", "--once"}), env(aws));
    EXPECT_EQ(run.code, 0) << run.err;
    aws.set_faults(R"([{"operation": "GetEventSelectors", "kind": "access_denied"}])");
    run = run_stance(watch_args(dir / "b.db", {"--interval", "5", "--once"}), env(aws));
    EXPECT_EQ(run.code, 2) << run.err;
  }
  StanceRun usage = run_stance({"watch", "--aws", "--interval", "5", "--db", dir / "c.db", "--shard", "3/2"}, {});
  EXPECT_EQ(usage.code, 2);
  EXPECT_NE(usage.err.find("--shard"), std::string::npos) << usage.err;
}

TEST(WatchLive, SigtermMidScanStopsWithNothingHalfWritten) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  FakeAws aws(state("ReadOnly"));
  aws.set_faults(R"([{"operation": "GetEventSelectors", "kind": "latency", "ms": 3000}])");
  cli::testing::TempDir dir;
  const std::string db = dir / "watch.db";
  BackgroundStance watcher(watch_args(db, {"--interval", "60"}), env(aws));
  const auto until = std::chrono::steady_clock::now() + 20s;
  while (aws.call_count("ListTrails") < 1 && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
  std::this_thread::sleep_for(300ms);
  watcher.signal(SIGTERM);
  ASSERT_EQ(watcher.wait(20s), 0) << watcher.err();
  EXPECT_NE(watcher.err().find("watch stopped"), std::string::npos) << watcher.err();
  History h;
  read_history(db, h);
  EXPECT_EQ(h.doc["scans"].get_array().size(), 0u) << h.text;
}

TEST(WatchLive, SnsAndExecTargetsGetTheMessage) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  FakeAws aws(state("ReadOnly"));
  cli::testing::TempDir dir;
  const std::string out = dir / "exec-out.json";
  // No shell: the words are split by stance; `tee` writes standard input to the file.
  StanceRun run = run_stance(
      watch_args(dir / "w.db", {"--interval", "5", "--once", "--sns-topic", "arn:aws:sns:us-east-1:444444444444:alerts",
                                "--exec", "/usr/bin/tee -a '" + out + "'"}),
      env(aws));
  EXPECT_EQ(run.code, 1) << run.err;
  std::string exec_text = FakeAws::read_file(out);
  EXPECT_NE(exec_text.find(kTrailArn), std::string::npos) << run.err;
  EXPECT_EQ(aws.call_count("Publish"), 1) << aws.calls_json();
  History h;
  read_history(dir / "w.db", h);
  int delivered = 0;
  for (simdjson::dom::element n : h.doc["notifications"].get_array()) delivered += std::string_view(n["status"]) == "delivered";
  EXPECT_EQ(delivered, 2) << h.text;
}

TEST(WatchLive, QueuedEventBridgeEventsTriggerTheRescanAndAreDeleted) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  FakeAws aws(state("All"));
  WebhookReceiver hook;
  cli::testing::TempDir dir;
  const std::string queue = "https://sqs.us-east-1.amazonaws.com/444444444444/stance-watch-events";
  BackgroundStance watcher(
      watch_args(dir / "q.db", {"--interval", "3600", "--poll-interval", "1", "--queue", queue, "--webhook", hook.url()}),
      env(aws));
  ASSERT_TRUE(wait_for_line(watcher, "recorded scan #1", 1, 20s)) << watcher.err();
  ASSERT_EQ(put_event_selectors(aws.endpoint(), kKey, kSecret, "us-east-1", "audit", "ReadOnly"), "");
  ASSERT_TRUE(hook.wait_for(1, 20s)) << watcher.err();
  EXPECT_NE(hook.bodies()[0].find(kTrailArn), std::string::npos);
  watcher.signal(SIGTERM);
  ASSERT_EQ(watcher.wait(25s), 0) << watcher.err();
  EXPECT_EQ(aws.call_count("LookupEvents"), 0);  // the queue replaces polling
  EXPECT_GE(aws.call_count("DeleteMessage"), 1);
  std::string calls = aws.calls_json();
  EXPECT_EQ(calls.find("\"error\": \"ReceiptHandleIsInvalid\""), std::string::npos) << calls;
}

TEST(WatchLive, AFailingWebhookIsRetriedWithBackoffThenRecordedAsFailed) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  FakeAws aws(state("ReadOnly"));
  WebhookReceiver failing(500);
  cli::testing::TempDir dir;
  const std::string db = dir / "r.db";
  BackgroundStance watcher(watch_args(db, {"--interval", "3600", "--poll-interval", "1", "--webhook", failing.url(),
                                           "--notify-attempts", "2", "--notify-backoff", "1"}),
                           env(aws));
  ASSERT_TRUE(wait_for_line(watcher, "gave up after 2 attempts", 1, 20s)) << watcher.err();
  EXPECT_EQ(count_lines(watcher.err(), "retrying at"), 1) << watcher.err();
  watcher.signal(SIGTERM);
  ASSERT_EQ(watcher.wait(15s), 0) << watcher.err();
  History h;
  read_history(db, h);
  simdjson::dom::array notifications = h.doc["notifications"];
  ASSERT_EQ(notifications.size(), 1u) << h.text;
  EXPECT_EQ(std::string_view(notifications.at(0)["status"]), "failed");
  EXPECT_EQ(int64_t(notifications.at(0)["attempts"]), 2);
  EXPECT_NE(std::string_view(notifications.at(0)["last_error"]).find("HTTP 500"), std::string_view::npos) << h.text;
}

// Two watchers sharing one history split the accounts by --shard: each account is read by exactly one, and
// the other shard's accounts are not even assumed into.
TEST(WatchLive, ShardsSplitTheAccounts) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  const std::vector<std::string> ids = {"111111111111", "222222222222", "333333333333", "555555555555"};
  std::string accounts_json;
  for (const auto& id : ids) {
    accounts_json += std::string(accounts_json.empty() ? "" : ",") + "\"" + id + R"(": {"regions": ["us-east-1"],
      "roles": {"Audit": {"external_id": null}},
      "trails": [{"Name": "t", "HomeRegion": "us-east-1", "S3BucketName": "b"}]})";
  }
  FakeAws aws(R"({"credentials": {"AKIDWATCH0000000001": {"secret": "watch-secret", "account": "111111111111"}},
                  "accounts": {)" + accounts_json + "}}");
  cli::testing::TempDir dir;
  const std::string db = dir / "shards.db";
  std::set<std::string> seen;
  for (int shard = 0; shard < 2; ++shard) {
    aws.reset_calls();
    StanceRun run = run_stance(
        watch_args(db, {"--interval", "5", "--once", "--accounts", "111111111111,222222222222,333333333333,555555555555",
                        "--role-arn", "arn:aws:iam::{account}:role/Audit", "--shard", std::to_string(shard) + "/2"}),
        env(aws));
    EXPECT_LE(run.code, 1) << run.err;
    std::size_t expected = 0;
    for (const auto& id : ids) expected += watch::Shard{static_cast<std::uint32_t>(shard), 2}.owns(id);
    EXPECT_EQ(aws.call_count("AssumeRole"), static_cast<int>(expected)) << aws.calls_json();
  }
  History h;
  read_history(db, h);
  simdjson::dom::array scans = h.doc["scans"];
  ASSERT_EQ(scans.size(), 2u) << h.text;
  for (simdjson::dom::element scan : scans) {
    for (simdjson::dom::element a : scan["accounts"].get_array()) {
      EXPECT_TRUE(seen.insert(std::string(std::string_view(a))).second) << "read by both shards: " << std::string_view(a);
    }
  }
  EXPECT_EQ(seen, std::set<std::string>(ids.begin(), ids.end()));
  EXPECT_NE(std::string_view(scans.at(0)["scope"]), std::string_view(scans.at(1)["scope"]));
}

// The EventBridge rule, queue and queue policy --queue reads from: stance's own scan reads it as a
// CloudFormation template (no error) and passes it.
TEST(WatchDeploy, TheEventBridgeTemplatePassesStancesOwnScan) {
  StanceRun run = run_stance({"scan", "-v", "--all-rules", std::string(STANCE_SOURCE_DIR) + "/deploy"}, {});
  EXPECT_EQ(run.code, 0) << run.out << run.err;
  EXPECT_NE((run.out + run.err).find("eventbridge.yaml: declares no resource a rule judges"), std::string::npos)
      << run.out << run.err;
  const std::string text = FakeAws::read_file(std::string(STANCE_SOURCE_DIR) + "/deploy/eventbridge.yaml");
  for (const char* event : {"PutEventSelectors", "StopLogging", "PutBucketPolicy", "ScheduleKeyDeletion"}) {
    EXPECT_NE(text.find(event), std::string::npos) << event;
  }
  EXPECT_NE(text.find("aws:SourceArn"), std::string::npos);
}

}  // namespace
}  // namespace stance::testing
