// The same `stance watch` cycles recorded in PostgreSQL and in SQLite give the same history (issue 15's "the
// same watch runs against PostgreSQL and gives identical history"): a first full scan, then a trail's
// selectors changed through the test endpoint to ReadOnly, then a second cycle that regresses CT-010 and
// notifies the webhook once per history.
#include <gtest/gtest.h>

#include <regex>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/run_stance.hpp"
#include "cli/cli_harness.hpp"
#include "store/pg_cluster.hpp"
#include "watch/watch_harness.hpp"

namespace stance::testing {
namespace {

using namespace std::chrono_literals;

constexpr const char* kState = R"({
  "credentials": {"AKIDWATCHPG00000001": {"secret": "watch-pg-secret", "account": "555555555555"}},
  "accounts": {"555555555555": {"regions": ["us-east-1"], "trails": [
    {"Name": "audit", "HomeRegion": "us-east-1", "S3BucketName": "b", "IsMultiRegionTrail": true,
     "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": true}]},
    {"Name": "other", "HomeRegion": "us-east-1", "S3BucketName": "b", "IsMultiRegionTrail": true}]}}
})";

// Times are when each watcher ran (moments apart); everything else must be equal.
std::string without_times(const std::string& text) {
  static const std::regex iso_time(R"re(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)re");
  return std::regex_replace(text, iso_time, "T");
}

TEST(WatchPostgres, TheSameWatchGivesTheSameHistoryAsSqlite) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  std::string why_not;
  store::testing::PgCluster* cluster = store::testing::PgCluster::shared(why_not);
  if (!cluster && !store::testing::PgCluster::installed()) GTEST_SKIP() << why_not;
  ASSERT_TRUE(cluster) << why_not;
  const std::string pg = cluster->fresh_database();
  cli::testing::TempDir dir;
  const std::string sqlite = dir / "watch.db";

  FakeAws aws(kState);
  WebhookReceiver hook;
  const std::map<std::string, std::string> env = {{"AWS_ACCESS_KEY_ID", "AKIDWATCHPG00000001"},
                                                  {"AWS_SECRET_ACCESS_KEY", "watch-pg-secret"},
                                                  {"AWS_ENDPOINT_URL", aws.endpoint()}};
  auto cycle = [&](const std::string& db) {
    return run_stance({"watch", "--aws", "--region", "us-east-1", "--rule", "CT-010", "--db", db, "--interval", "5",
                       "--once", "--webhook", hook.url(), "--max-attempts", "2", "--timeout", "5"},
                      env);
  };
  for (const std::string& db : {sqlite, pg}) {
    StanceRun first = cycle(db);
    EXPECT_EQ(first.code, 0) << db << ": " << first.err;
  }
  ASSERT_EQ(put_event_selectors(aws.endpoint(), "AKIDWATCHPG00000001", "watch-pg-secret", "us-east-1", "audit",
                                "ReadOnly"),
            "");
  for (const std::string& db : {sqlite, pg}) {
    StanceRun second = cycle(db);
    EXPECT_EQ(second.code, 1) << db << ": " << second.err;
  }
  // One regression notified per history, no more.
  ASSERT_TRUE(hook.wait_for(2, 10s));
  std::this_thread::sleep_for(500ms);
  EXPECT_EQ(hook.bodies().size(), 2u);

  StanceRun from_sqlite = run_stance({"history", "--db", sqlite, "--format", "json"}, {});
  StanceRun from_pg = run_stance({"history", "--db", pg, "--format", "json"}, {});
  ASSERT_EQ(from_sqlite.code, 0) << from_sqlite.err;
  ASSERT_EQ(from_pg.code, 0) << from_pg.err;
  EXPECT_NE(from_pg.out.find("\"kind\": \"regressed\""), std::string::npos) << from_pg.out;
  EXPECT_NE(from_pg.out.find("\"status\": \"delivered\""), std::string::npos) << from_pg.out;
  EXPECT_EQ(without_times(from_pg.out), without_times(from_sqlite.out));
}

}  // namespace
}  // namespace stance::testing
