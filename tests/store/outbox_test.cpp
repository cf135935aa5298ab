// The notification outbox and watch state: queued in the scan's own transaction, due by time, attempts recorded,
// given up on; state values that outlive the store object; and a version 1 history upgraded in place.
#include "store/store.hpp"

#include <sqlite3.h>

#include <gtest/gtest.h>

#include "cli/cli_harness.hpp"
#include "store/records.hpp"

namespace stance::store {
namespace {

using cli::testing::TempDir;
using testing::finding;
using testing::scan;

TEST(Outbox, EachTransitionIsQueuedOncePerTargetWithTheScan) {
  TempDir dir;
  const std::string path = dir / "history.db";
  auto db = open_store(path, OpenMode::CreateIfMissing);
  ScanRecord first = scan({finding("a", "fail"), finding("b", "pass")});
  first.notify_targets = {"webhook:http://127.0.0.1:9/hook", "exec:cat"};
  first.state_updates = {{"cursor/111122223333/us-east-1", "2024-05-01T11:59:00Z"}};
  db->record_scan(first);

  // One "new" transition (a fails; a first pass is no change) x two targets.
  auto due = db->due_notifications("2024-05-01T12:00:00Z", 100);
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].status, "pending");
  EXPECT_EQ(due[0].attempts, 0);
  EXPECT_EQ(due[0].transition.fingerprint, "a");
  EXPECT_EQ(due[0].transition.kind, TransitionKind::New);
  EXPECT_EQ(due[0].target, "webhook:http://127.0.0.1:9/hook");
  EXPECT_EQ(due[1].target, "exec:cat");
  EXPECT_EQ(db->state("cursor/111122223333/us-east-1"), "2024-05-01T11:59:00Z");

  // Not due before the scan's time; the limit is kept.
  EXPECT_TRUE(db->due_notifications("2024-05-01T11:00:00Z", 100).empty());
  EXPECT_EQ(db->due_notifications("2024-05-01T12:00:00Z", 1).size(), 1u);

  // The same verdicts again: no transition, nothing new queued.
  ScanRecord same = scan({finding("a", "fail"), finding("b", "pass")}, "2024-05-01T13:00:00Z");
  same.notify_targets = first.notify_targets;
  db->record_scan(same);
  EXPECT_EQ(db->due_notifications("2024-05-01T13:00:00Z", 100).size(), 2u);
  EXPECT_EQ(db->notifications("").size(), 2u);
}

TEST(Outbox, AttemptsAreRecordedRetriedAndGivenUp) {
  TempDir dir;
  const std::string path = dir / "history.db";
  auto db = open_store(path, OpenMode::CreateIfMissing);
  ScanRecord s = scan({finding("a", "fail"), finding("b", "fail")});
  s.notify_targets = {"webhook:http://127.0.0.1:9/hook"};
  db->record_scan(s);
  auto due = db->due_notifications("2024-05-01T12:00:00Z", 100);
  ASSERT_EQ(due.size(), 2u);

  db->record_attempt(due[0].id, true, "", "2024-05-01T12:00:01Z", "");
  db->record_attempt(due[1].id, false, "HTTP 503", "2024-05-01T12:00:01Z", "2024-05-01T12:00:05Z");
  EXPECT_TRUE(db->due_notifications("2024-05-01T12:00:04Z", 100).empty());
  auto retry = db->due_notifications("2024-05-01T12:00:05Z", 100);
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].id, due[1].id);
  EXPECT_EQ(retry[0].attempts, 1);
  EXPECT_EQ(retry[0].last_error, "HTTP 503");

  db->record_attempt(retry[0].id, false, "HTTP 503 again", "2024-05-01T12:00:06Z", "");
  EXPECT_TRUE(db->due_notifications("2099-01-01T00:00:00Z", 100).empty());
  auto all = db->notifications("");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].status, "delivered");
  EXPECT_EQ(all[0].attempts, 1);
  EXPECT_EQ(all[1].status, "failed");
  EXPECT_EQ(all[1].attempts, 2);
  EXPECT_EQ(all[1].last_error, "HTTP 503 again");
}

TEST(WatchState, ValuesOutliveTheStoreObject) {
  TempDir dir;
  const std::string path = dir / "history.db";
  {
    auto db = open_store(path, OpenMode::CreateIfMissing);
    EXPECT_EQ(db->state("k"), std::nullopt);
    db->set_state("k", "one");
    db->set_state("k", "two");
    db->set_state("'; DROP TABLE scans; --", "x");
  }
  auto db = open_store(path, OpenMode::MustExist);
  EXPECT_EQ(db->state("k"), "two");
  EXPECT_EQ(db->state("'; DROP TABLE scans; --"), "x");
}

void sql(const std::string& path, const char* statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, statement, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

TEST(SchemaMigration, AVersion1HistoryIsUpgradedAndKeepsItsScans) {
  TempDir dir;
  const std::string path = dir / "history.db";
  {
    auto db = open_store(path, OpenMode::CreateIfMissing);
    ScanRecord s = scan({finding("a", "fail")});
    db->record_scan(s);
  }
  // Back to what stance wrote with schema version 1.
  sql(path,
      "DROP INDEX notifications_due; ALTER TABLE notifications DROP COLUMN next_attempt; DROP TABLE watch_state; "
      "PRAGMA user_version = 1;");
  auto db = open_store(path, OpenMode::MustExist);
  ASSERT_EQ(db->scans("").size(), 1u);
  db->set_state("k", "v");
  ScanRecord s = scan({finding("a", "pass")}, "2024-05-02T12:00:00Z");
  s.notify_targets = {"exec:cat"};
  auto transitions = db->record_scan(s);
  ASSERT_EQ(transitions.size(), 1u);
  EXPECT_EQ(transitions[0].kind, TransitionKind::Resolved);
  EXPECT_EQ(db->due_notifications("2024-05-02T12:00:00Z", 10).size(), 1u);
}

}  // namespace
}  // namespace stance::store
