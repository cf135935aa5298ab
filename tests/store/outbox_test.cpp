// A version 1 SQLite history (before the notification outbox and watch state) upgraded in place. The outbox and
// watch state themselves are tested on every store in store_behaviour_test.cpp.
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
  EXPECT_EQ(db->due_notifications("2024-05-02T12:00:00Z", 10, "").size(), 1u);
}

}  // namespace
}  // namespace stance::store
