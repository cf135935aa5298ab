// The pieces of stance watch without a network: reading LookupEvents, cursors, which findings an event's
// rescan keeps, shards; and notify's messages, command splitting and retry schedule.
#include <gtest/gtest.h>

#include <cstdio>

#include "kb/knowledge_base.hpp"
#include "notify/message.hpp"
#include "notify/outbox.hpp"
#include "notify/targets.hpp"
#include "store/time.hpp"
#include "watch/affected.hpp"
#include "watch/cursor.hpp"
#include "watch/events.hpp"
#include "watch/shard.hpp"

namespace stance {
namespace {

const char* kPage = R"({"Events":[
  {"EventId":"e2","EventName":"PutEventSelectors","EventTime":1700000010.0,
   "Resources":[{"ResourceType":"AWS::CloudTrail::Trail","ResourceName":"arn:aws:cloudtrail:us-east-1:111111111111:trail/a"}],
   "CloudTrailEvent":"{}"},
  {"EventId":"e1","EventName":"StopLogging","EventTime":1700000000,
   "CloudTrailEvent":"{\"requestParameters\":{\"name\":\"b\"}}"},
  {"EventId":"e0","EventName":"ConsoleLogin","EventTime":1700000000}
 ],"NextToken":"t"})";

TEST(WatchEvents, ReadsWatchedEventsAndTheResourceTheyName) {
  watch::EventPage page = watch::parse_lookup_events(kPage, "111111111111", "us-east-1");
  ASSERT_EQ(page.error, "");
  EXPECT_EQ(page.next_token, "t");
  ASSERT_EQ(page.events.size(), 2u);
  EXPECT_EQ(page.events[0].resource, "arn:aws:cloudtrail:us-east-1:111111111111:trail/a");
  EXPECT_EQ(page.events[0].time, 1700000010);
  EXPECT_EQ(page.events[1].resource, "b");  // from CloudTrailEvent's requestParameters
  EXPECT_EQ(page.ids_seen.size(), 3u);      // the unwatched ConsoleLogin still moves the cursor
}

TEST(WatchEvents, AnUnreadablePageIsAnErrorNotAnEmptyPage) {
  EXPECT_NE(watch::parse_lookup_events("<html>", "1", "r").error, "");
  EXPECT_NE(watch::parse_lookup_events("{}", "1", "r").error, "");
  EXPECT_NE(watch::parse_lookup_events(R"({"Events":[{"EventName":"StopLogging"}]})", "1", "r").error, "");
}

TEST(WatchEvents, WatchesTheIssuesEventNames) {
  EXPECT_EQ(watch::watched_event("PutEventSelectors"), watch::EventTarget::Trail);
  EXPECT_EQ(watch::watched_event("PutBucketPolicy"), watch::EventTarget::Bucket);
  EXPECT_EQ(watch::watched_event("ScheduleKeyDeletion"), watch::EventTarget::Key);
  EXPECT_FALSE(watch::watched_event("GetEventSelectors"));
}

TEST(WatchCursor, RecognisesEventsOfTheSameSecondAndRoundTrips) {
  watch::EventCursor c;
  c.advance(100, "a");
  c.advance(100, "b");
  c.advance(90, "old");
  EXPECT_FALSE(c.is_new(100, "a"));
  EXPECT_TRUE(c.is_new(100, "c"));
  EXPECT_FALSE(c.is_new(99, "z"));
  EXPECT_TRUE(c.is_new(101, "a"));
  watch::EventCursor back = watch::EventCursor::parse(c.serialize());
  EXPECT_EQ(back.time, 100);
  EXPECT_EQ(back.ids_at_time, (std::set<std::string>{"a", "b"}));
  EXPECT_EQ(watch::EventCursor::parse("garbage").time, 0);
}

model::Trail trail(const std::string& arn, const std::string& bucket) {
  model::Trail t;
  t.arn = arn;
  t.home_region = "us-east-1";
  t.s3_bucket_name = model::Value<std::string>::set(bucket, {});
  return t;
}

engine::Finding finding(const std::string& type, const std::string& id) {
  engine::Finding f;
  f.resource.type = type;
  f.resource.id = id;
  return f;
}

TEST(WatchAffected, ATrailEventKeepsOnlyThatTrailAndReadsOnlyItsRegion) {
  watch::ChangeEvent e;
  e.account = "111111111111";
  e.region = "us-east-1";
  e.name = "StopLogging";
  e.resource = "a";
  auto rescans = watch::plan_rescans({e});
  ASSERT_EQ(rescans.size(), 1u);
  EXPECT_EQ(rescans[0].regions, std::vector<std::string>{"us-east-1"});
  const std::string a = "arn:aws:cloudtrail:us-east-1:111111111111:trail/a";
  const std::string b = "arn:aws:cloudtrail:us-east-1:111111111111:trail/b";
  watch::AffectedResources affected(rescans[0], {trail(a, "x"), trail(b, "y")});
  EXPECT_TRUE(affected.keeps(finding("AWS::CloudTrail::Trail", a)));
  EXPECT_FALSE(affected.keeps(finding("AWS::CloudTrail::Trail", b)));
  EXPECT_FALSE(affected.keeps(finding("AWS::::Account", "111111111111")));  // left to the next full scan
}

TEST(WatchAffected, ABucketEventReadsTheAccountAndKeepsTheTrailsLoggingToIt) {
  watch::ChangeEvent e;
  e.account = "111111111111";
  e.region = "eu-west-1";
  e.target = watch::EventTarget::Bucket;
  e.name = "PutBucketPolicy";
  e.resource = "y";
  auto rescans = watch::plan_rescans({e});
  EXPECT_TRUE(rescans[0].regions.empty());
  const std::string a = "arn:aws:cloudtrail:us-east-1:111111111111:trail/a";
  const std::string b = "arn:aws:cloudtrail:us-east-1:111111111111:trail/b";
  watch::AffectedResources affected(rescans[0], {trail(a, "x"), trail(b, "y")});
  EXPECT_FALSE(affected.keeps(finding("AWS::CloudTrail::Trail", a)));
  EXPECT_TRUE(affected.keeps(finding("AWS::CloudTrail::Trail", b)));
}

TEST(WatchShard, SplitsAccountsStablyAndRejectsBadShards) {
  EXPECT_EQ(watch::stable_hash("123456789012"), watch::stable_hash("123456789012"));
  int owned = 0;
  for (int i = 0; i < 3; ++i) owned += watch::Shard{static_cast<std::uint32_t>(i), 3}.owns("123456789012");
  EXPECT_EQ(owned, 1);
  // Spread: 1000 account IDs over 4 shards, none of them starved (FNV-1a alone puts every "111111111111"-like
  // ID in the odd half).
  int counts[4] = {};
  for (int i = 0; i < 1000; ++i) {
    char id[13];
    std::snprintf(id, sizeof id, "%012d", 100000000 + i * 7919);
    ++counts[watch::stable_hash(id) % 4];
  }
  for (int c : counts) EXPECT_GT(c, 150);
  EXPECT_TRUE(watch::parse_shard("0/1"));
  EXPECT_FALSE(watch::parse_shard("2/2"));
  EXPECT_FALSE(watch::parse_shard("1/0"));
  EXPECT_FALSE(watch::parse_shard("a/2"));
  EXPECT_FALSE(watch::parse_shard("1"));
}

TEST(NotifyTargets, SplitsCommandsWithoutAShell) {
  auto words = notify::split_command(R"(/bin/notify --to 'a b' "c \"d\"" e\ f $HOME;rm)");
  ASSERT_TRUE(words);
  EXPECT_EQ(*words, (std::vector<std::string>{"/bin/notify", "--to", "a b", "c \"d\"", "e f", "$HOME;rm"}));
  EXPECT_FALSE(notify::split_command("'unclosed"));
  EXPECT_NE(notify::validate_target({notify::TargetKind::Webhook, "ftp://x"}), "");
  EXPECT_NE(notify::validate_target({notify::TargetKind::Sns, "arn:aws:sqs:us-east-1:1:q"}), "");
  EXPECT_EQ(notify::validate_target({notify::TargetKind::Sns, "arn:aws:sns:us-east-1:111111111111:t"}), "");
  auto back = notify::parse_target(notify::to_text({notify::TargetKind::Slack, "https://h/x"}));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->kind, notify::TargetKind::Slack);
}

TEST(NotifyMessage, NamesResourceRuleChangeTitleAndFixAndEscapesTheScannedText) {
  auto kb = kb::load_knowledge_base(std::nullopt);
  store::Notification n;
  n.id = 7;
  n.transition.kind = store::TransitionKind::Regressed;
  n.transition.rule_id = "CT-010";
  n.transition.resource_id = "arn:aws:cloudtrail:eu-west-1:111111111111:trail/a";
  n.transition.message = "evil \"quote\" <b>";
  n.transition.scope = "aws {}";
  const std::string json = notify::json_message(n, kb.kb);
  EXPECT_NE(json.find("\"change\":\"regressed\""), std::string::npos) << json;
  EXPECT_NE(json.find(kb.kb.find("CT-010")->title), std::string::npos) << json;
  EXPECT_NE(json.find("stance fix --aws --region eu-west-1 --rule CT-010"), std::string::npos) << json;
  EXPECT_NE(json.find(R"(evil \"quote\")"), std::string::npos) << json;
  const std::string slack = notify::slack_message(n, kb.kb);
  EXPECT_NE(slack.find("&lt;b&gt;"), std::string::npos) << slack;
  EXPECT_NE(slack.find("\"blocks\""), std::string::npos) << slack;
}

TEST(NotifyOutbox, BacksOffExponentiallyThenGivesUp) {
  notify::RetryPolicy policy{3, 5};
  EXPECT_EQ(notify::next_attempt_after(1, 1000, policy), store::iso_utc(1005));
  EXPECT_EQ(notify::next_attempt_after(2, 1000, policy), store::iso_utc(1010));
  EXPECT_EQ(notify::next_attempt_after(3, 1000, policy), "");
}

}  // namespace
}  // namespace stance
