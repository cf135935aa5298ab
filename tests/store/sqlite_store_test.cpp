// What is particular to the SQLite history store: WAL mode, and refusing files that are not a stance history
// (without touching them). What every store does alike is in store_behaviour_test.cpp.
#include "store/store.hpp"

#include <sqlite3.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli/cli_harness.hpp"
#include "store/records.hpp"

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

TEST(SqliteStore, WritesInWalMode) {
  TempDir dir;
  const std::string path = dir / "history.db";
  ScanRecord s = scan({finding("a", "fail")});
  open_store(path, OpenMode::CreateIfMissing)->record_scan(s);
  EXPECT_EQ(sql_text(path, "PRAGMA journal_mode"), "wal");
}

TEST(SqliteStore, MissingFileIsAnErrorForReadersAndIsNotCreated) {
  TempDir dir;
  const std::string path = dir / "none.db";
  EXPECT_THROW(open_store(path, OpenMode::MustExist), StoreError);
  EXPECT_FALSE(std::filesystem::exists(path));
  EXPECT_THROW(open_store(dir / "no/such/dir/h.db", OpenMode::CreateIfMissing), StoreError);
  EXPECT_THROW(open_store(dir.str(), OpenMode::CreateIfMissing), StoreError);  // a directory
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

}  // namespace
}  // namespace stance::store
