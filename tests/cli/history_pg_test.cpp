// `scan --db postgresql://...`, `stance history` and `stance diff` end to end against the test PostgreSQL
// cluster: the same scans recorded in PostgreSQL and in SQLite give the same history and the same diff.
#include <gtest/gtest.h>

#include <regex>

#include "cli_harness.hpp"
#include "store/pg_cluster.hpp"

namespace stance::cli::testing {
namespace {

using RunResult = stance::cli::testing::Run;  // `Run` alone is gtest's Test::Run inside a TEST

// The scan's time is when it ran: the two databases' scans ran moments apart.
std::string without_times(const std::string& text) {
  static const std::regex json_time(R"re("time": "[0-9T:Z-]+")re");
  static const std::regex text_time(R"re(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)re");
  return std::regex_replace(std::regex_replace(text, json_time, "\"time\": \"T\""), text_time, "T");
}

TEST(HistoryPostgres, TheSameScansGiveTheSameHistoryAsSqlite) {
  std::string why_not;
  store::testing::PgCluster* cluster = store::testing::PgCluster::shared(why_not);
  if (!cluster && !store::testing::PgCluster::installed()) GTEST_SKIP() << why_not;
  ASSERT_TRUE(cluster) << why_not;
  const std::string pg = cluster->fresh_database();
  TempDir dir;
  const std::string sqlite = dir / "history.db";
  const std::string templates = dir / "templates";

  // Failing, fixed, failing again: new, resolved, regressed.
  for (const char* text : {kFailingTemplate, kPassingTemplate, kFailingTemplate}) {
    dir.write("templates/trail.yaml", text);
    RunResult a = stance({"scan", templates, "--db", sqlite});
    RunResult b = stance({"scan", templates, "--db", pg});
    EXPECT_EQ(b.code, a.code) << b.err;
    EXPECT_EQ(b.out, a.out);
    EXPECT_EQ(b.err, a.err);
  }

  RunResult pg_history = stance({"history", "--db", pg, "--format", "json"});
  RunResult sqlite_history = stance({"history", "--db", sqlite, "--format", "json"});
  ASSERT_EQ(pg_history.code, 0) << pg_history.err;
  ASSERT_EQ(sqlite_history.code, 0) << sqlite_history.err;
  EXPECT_TRUE(contains(pg_history.out, "\"kind\": \"regressed\"")) << pg_history.out;
  EXPECT_EQ(without_times(pg_history.out), without_times(sqlite_history.out));

  RunResult pg_text = stance({"history", "--db", pg});
  EXPECT_EQ(without_times(pg_text.out), without_times(stance({"history", "--db", sqlite}).out));
  EXPECT_TRUE(contains(pg_text.out, "Scans (3)")) << pg_text.out;

  for (const auto& [from, to] : {std::pair{"1", "2"}, std::pair{"2", "3"}}) {
    RunResult pg_diff = stance({"diff", "--db", pg, from, to, "--format", "json"});
    RunResult sqlite_diff = stance({"diff", "--db", sqlite, from, to, "--format", "json"});
    EXPECT_EQ(pg_diff.code, sqlite_diff.code) << pg_diff.err;
    EXPECT_EQ(without_times(pg_diff.out), without_times(sqlite_diff.out));
  }

  // Errors name the database without the password the URL carries.
  const std::string with_password =
      pg.substr(0, pg.find("postgres@")) + "postgres:hunter2@" + pg.substr(pg.find("postgres@") + 9);
  RunResult missing = stance({"diff", "--db", with_password, "1", "9"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(contains(missing.err, "no scan #9")) << missing.err;
  EXPECT_FALSE(contains(missing.err, "hunter2")) << missing.err;
  RunResult nowhere = stance({"history", "--db", "postgresql://u:hunter2@/db?host=/nonexistent-dir"});
  EXPECT_EQ(nowhere.code, 2);
  EXPECT_TRUE(contains(nowhere.err, "/nonexistent-dir")) << nowhere.err;
  EXPECT_FALSE(contains(nowhere.err, "hunter2")) << nowhere.err;
}

}  // namespace
}  // namespace stance::cli::testing
