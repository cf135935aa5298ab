// The SQLite history store: round trips, transitions across reopening, retention, refusing files that are not
// a stance history (without touching them), and two processes writing at once.
#include "store/store.hpp"

#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "cli/cli_harness.hpp"
#include "store/records.hpp"
#include "store/transitions.hpp"

namespace stance::store {
namespace {

using cli::testing::TempDir;
using testing::finding;
using testing::scan;

std::string bytes_of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void sql(const std::string& path, const char* statement) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, statement, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  sqlite3_close(db);
}

std::string sql_text(const std::string& path, const char* query) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, query, -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
    out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

std::vector<std::string> kinds(const std::vector<Transition>& transitions) {
  std::vector<std::string> out;
  for (const auto& t : transitions) out.push_back(std::string(to_string(t.kind)) + ":" + t.fingerprint);
  return out;
}

using Kinds = std::vector<std::string>;

TEST(SqliteStore, RoundTripsAScanWithHostileValuesAsData) {
  TempDir dir;
  const std::string path = dir / "history.db";
  FindingRecord tricky = finding("f1", "fail", true);
  tricky.resource_id = "Robert'); DROP TABLE scans; --";
  tricky.message = std::string("nul\0inside and \"quotes\" and \xE2\x80\xAE bidi", 35);
  tricky.account = "111122223333";
  tricky.region = "eu-west-1";
  ScanRecord s = scan({tricky, finding("f2", "pass"), finding("f3", "unknown"), finding("f4", "error")});
  s.paths = {"/repo/a dir", "/repo/'b'"};
  s.accounts = {"111122223333"};
  s.regions = {"eu-west-1", "us-east-1"};
  s.rules = {"CT-002", "CT-010"};
  s.complete = false;
  {
    auto db = open_store(path, OpenMode::CreateIfMissing);
    db->record_scan(s);
    EXPECT_EQ(s.id, 1);
  }
  auto db = open_store(path, OpenMode::MustExist);
  std::optional<ScanRecord> back = db->scan(1);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->time, s.time);
  EXPECT_EQ(back->scope, s.scope);
  EXPECT_EQ(back->paths, s.paths);
  EXPECT_EQ(back->accounts, s.accounts);
  EXPECT_EQ(back->regions, s.regions);
  EXPECT_EQ(back->rules, s.rules);
  EXPECT_FALSE(back->complete);
  ASSERT_EQ(back->findings.size(), 4u);
  const FindingRecord& f = back->findings[0];
  EXPECT_EQ(f.resource_id, tricky.resource_id);
  EXPECT_EQ(f.message, tricky.message);
  EXPECT_TRUE(f.suppressed);
  EXPECT_EQ(f.suppression_reason, "accepted");
  EXPECT_EQ(f.account, "111122223333");
  EXPECT_EQ(f.region, "eu-west-1");
  EXPECT_FALSE(db->scan(2));

  auto scans = db->scans("");
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].pass, 1);
  EXPECT_EQ(scans[0].fail, 0);
  EXPECT_EQ(scans[0].suppressed, 1);  // a suppressed fail counts as suppressed only, as in the report summary
  EXPECT_EQ(scans[0].unknown, 1);
  EXPECT_EQ(scans[0].error, 1);
  EXPECT_EQ(sql_text(path, "PRAGMA journal_mode"), "wal");
}

TEST(SqliteStore, TransitionsSurviveReopeningAndScopesAreSeparate) {
  TempDir dir;
  const std::string path = dir / "history.db";
  ScanRecord first = scan({finding("a", "fail")});
  open_store(path, OpenMode::CreateIfMissing)->record_scan(first);
  {
    ScanRecord other = scan({finding("a", "pass")}, "2024-05-01T12:00:00Z", "paths [\"/other\"]");
    EXPECT_EQ(kinds(open_store(path, OpenMode::MustExist)->record_scan(other)), Kinds{});  // another scope
  }
  ScanRecord fixed = scan({finding("a", "pass")}, "2024-05-02T12:00:00Z");
  auto db = open_store(path, OpenMode::MustExist);
  EXPECT_EQ(kinds(db->record_scan(fixed)), Kinds{"resolved:a"});
  auto all = db->transitions("");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(to_string(all[0].kind), std::string("new"));
  EXPECT_EQ(all[1].previous_scan_id, 1);
  EXPECT_EQ(all[1].scan_id, 3);
  EXPECT_EQ(all[1].from, "fail");
  EXPECT_EQ(all[1].to, "pass");
  EXPECT_EQ(db->transitions("2024-05-02T00:00:00Z").size(), 1u);
  EXPECT_EQ(db->scans("2024-05-02T00:00:00Z").size(), 1u);
}

TEST(SqliteStore, RetentionDeletesOldScansButKeepsEachScopesLatestAndTheStates) {
  TempDir dir;
  auto db = open_store(dir / "history.db", OpenMode::CreateIfMissing);
  for (const char* day : {"2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"}) {
    ScanRecord s = scan({finding("a", "fail")}, day);
    db->record_scan(s);  // #1 new, #2 and #3 nothing
  }
  ScanRecord other = scan({finding("b", "fail")}, "2024-01-01T00:00:00Z", "aws {}");
  db->record_scan(other);  // #4, alone in its scope

  Pruned p = db->prune_before("2024-06-01T00:00:00Z");
  EXPECT_EQ(p.scans, 2);        // #1 and #2; #3 is the latest of its scope, #4 of its own
  EXPECT_EQ(p.findings, 2);
  EXPECT_EQ(p.transitions, 1);  // a's "new" went with scan #1
  std::vector<ScanId> left;
  for (const auto& s : db->scans("")) left.push_back(s.id);
  EXPECT_EQ(left, (std::vector<ScanId>{3, 4}));
  EXPECT_FALSE(db->scan(1));
  ASSERT_EQ(db->transitions("").size(), 1u);  // b's "new" (scan #4)

  // a is still known to be failing: not "new" again; fixing it is "resolved", from the deleted scan's state.
  ScanRecord still = scan({finding("a", "fail")}, "2024-07-01T00:00:00Z");
  EXPECT_EQ(kinds(db->record_scan(still)), Kinds{});
  ScanRecord fixed = scan({finding("a", "pass")}, "2024-07-02T00:00:00Z");
  EXPECT_EQ(kinds(db->record_scan(fixed)), Kinds{"resolved:a"});
  EXPECT_EQ(db->prune_before("2024-01-01T00:00:00Z").scans, 0);  // nothing older than that
}

TEST(SqliteStore, MissingFileIsAnErrorForReadersAndIsNotCreated) {
  TempDir dir;
  const std::string path = dir / "none.db";
  EXPECT_THROW(open_store(path, OpenMode::MustExist), StoreError);
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_THROW(open_store(dir / "no/such/dir/h.db", OpenMode::CreateIfMissing), StoreError);
  EXPECT_THROW(open_store(dir.str(), OpenMode::CreateIfMissing), StoreError);  // a directory
  EXPECT_THROW(open_store("postgresql://user:secret@host/db", OpenMode::CreateIfMissing), StoreError);
  try {
    open_store("postgresql://user:secret@host/db", OpenMode::CreateIfMissing);
  } catch (const StoreError& e) {
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos) << e.what();
  }
}

void expect_refused_untouched(const std::string& path, OpenMode mode, const std::string& why) {
  const std::string before = bytes_of(path);
  try {
    auto db = open_store(path, mode);
    db->scans("");
    ScanRecord s = scan({finding("a", "fail")});
    db->record_scan(s);
    ADD_FAILURE() << path << " was accepted";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find(why), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  EXPECT_EQ(bytes_of(path), before) << path << " was changed";
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(SqliteStore, AFileThatIsNotADatabaseIsRefusedUntouched) {
  TempDir dir;
  const std::string path = dir.write("notes.db", "these are my notes, not a database\n");
  expect_refused_untouched(path, OpenMode::CreateIfMissing, "not a SQLite database");
  expect_refused_untouched(path, OpenMode::MustExist, "not a SQLite database");
}

TEST(SqliteStore, AnotherApplicationsDatabaseIsRefusedUntouched) {
  TempDir dir;
  const std::string path = dir / "app.db";
  sql(path, "CREATE TABLE scans (id INTEGER, secret TEXT); INSERT INTO scans VALUES (1, 'keep me');");
  expect_refused_untouched(path, OpenMode::CreateIfMissing, "not a stance history");
}

TEST(SqliteStore, ANewerSchemaIsRefusedUntouched) {
  TempDir dir;
  const std::string path = dir / "history.db";
  open_store(path, OpenMode::CreateIfMissing);
  sql(path, "PRAGMA user_version = 99");
  expect_refused_untouched(path, OpenMode::CreateIfMissing, "newer stance (schema version 99");
}

TEST(SqliteStore, ADamagedFileIsAnError) {
  TempDir dir;
  const std::string path = dir / "history.db";
  {
    auto db = open_store(path, OpenMode::CreateIfMissing);
    for (int i = 0; i < 5; ++i) {
      ScanRecord s = scan({finding("a", i % 2 ? "pass" : "fail"), finding("b", "fail")});
      db->record_scan(s);
    }
  }
  ASSERT_FALSE(std::filesystem::exists(path + "-wal"));  // checkpointed on close
  // Every page but the first (the header and the schema) overwritten.
  std::string bytes = bytes_of(path);
  ASSERT_GT(bytes.size(), 8192u);
  std::fill(bytes.begin() + 4096, bytes.end(), '\xff');
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  try {
    auto db = open_store(path, OpenMode::MustExist);
    db->scans("");
    db->transitions("");
    ADD_FAILURE() << "a damaged history was read";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("damaged"), std::string::npos) << e.what();
  }
}

TEST(SqliteStore, AnEmptyFileIsNotAHistoryToReadButBecomesOneWhenWritten) {
  TempDir dir;
  const std::string path = dir.write("empty.db", "");
  EXPECT_THROW(open_store(path, OpenMode::MustExist), StoreError);
  EXPECT_EQ(bytes_of(path), "");
  ScanRecord s = scan({finding("a", "fail")});
  open_store(path, OpenMode::CreateIfMissing)->record_scan(s);
  EXPECT_EQ(open_store(path, OpenMode::MustExist)->scans("").size(), 1u);
}

// Two processes record scans of one scope at the same time. Each scan is one transaction, and the states it
// derives from are read inside it, so the stored transitions are exactly those a one-at-a-time replay of
// the scans (in id order) derives.
TEST(SqliteStore, TwoProcessesWritingAtOnceKeepEveryScanAndConsistentTransitions) {
  TempDir dir;
  const std::string path = dir / "history.db";
  constexpr int kScansEach = 20;
  std::vector<pid_t> children;
  for (int process = 0; process < 2; ++process) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        for (int i = 0; i < kScansEach; ++i) {
          // Each process opens for every scan, as separate `stance scan --db` runs do.
          auto db = open_store(path, OpenMode::CreateIfMissing);
          ScanRecord s = scan({finding("shared", (i + process) % 2 ? "pass" : "fail"),
                               finding("p" + std::to_string(process), i % 3 ? "fail" : "pass")});
          db->record_scan(s);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child %d: %s\n", process, e.what());
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a writer failed";
  }
  auto db = open_store(path, OpenMode::MustExist);
  auto scans = db->scans("");
  ASSERT_EQ(scans.size(), 2u * kScansEach);
  std::map<std::string, FingerprintState> states;
  std::vector<std::string> replayed;
  for (const auto& summary : scans) {
    ScanRecord s = *db->scan(summary.id);
    Derived d = derive_transitions(s, states);
    for (auto& st : d.states) states[st.fingerprint] = st;
    for (const auto& t : d.transitions) replayed.push_back(std::to_string(t.scan_id) + " " + to_string(t.kind) + " " + t.fingerprint);
  }
  std::vector<std::string> stored;
  for (const auto& t : db->transitions("")) stored.push_back(std::to_string(t.scan_id) + " " + to_string(t.kind) + " " + t.fingerprint);
  // Within one scan the order differs (recorded in the scan's order, read back by fingerprint).
  std::sort(stored.begin(), stored.end());
  std::sort(replayed.begin(), replayed.end());
  EXPECT_EQ(stored, replayed);
  EXPECT_GT(stored.size(), 10u);
}

}  // namespace
}  // namespace stance::store
