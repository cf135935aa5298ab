// What is particular to the PostgreSQL history store, against the test cluster: its own schema `stance`,
// refusing a schema that is not a stance history or one from a newer stance (untouched), reading nothing
// into an empty database, and connection errors that name the database but never the password.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <set>

#include "store/pg_cluster.hpp"
#include "store/records.hpp"
#include "store/store.hpp"

namespace stance::store {
namespace {

using testing::PgCluster;
using testing::finding;
using testing::scan;

class PostgresStore : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why_not;
    cluster_ = PgCluster::shared(why_not);
    if (!cluster_ && !PgCluster::installed()) GTEST_SKIP() << why_not;
    ASSERT_TRUE(cluster_) << why_not;
    url_ = cluster_->fresh_database();
    const std::size_t start = url_.find("@/") + 2;  // postgresql://postgres@/NAME?host=...
    name_ = url_.substr(start, url_.find('?') - start);
  }
  std::string sql(const std::string& statement) { return cluster_->sql(name_, statement); }
  // The database's URL as the password user, with `password` in it ("" for none).
  std::string password_url(const std::string& password) const {
    const std::string auth = std::string(PgCluster::kPasswordUser) + (password.empty() ? "" : ":" + password);
    return cluster_->url(name_, auth);
  }
  std::string error_of(const std::string& url, OpenMode mode) {
    try {
      auto db = open_store(url, mode);
      ScanRecord s = scan({finding("a", "fail")});
      db->record_scan(s);
    } catch (const StoreError& e) {
      return e.what();
    }
    ADD_FAILURE() << url << " was accepted";
    return "";
  }

  PgCluster* cluster_ = nullptr;
  std::string url_;
  std::string name_;
};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST_F(PostgresStore, TheHistoryLivesInItsOwnSchemaWithOrdinaryTextReadable) {
  ScanRecord s = scan({finding("a", "fail")});
  s.findings[0].message = std::string("with a \0 inside", 15);
  open_store(url_, OpenMode::CreateIfMissing)->record_scan(s);
  EXPECT_EQ(sql("SELECT version FROM stance.schema_version"), "2");
  EXPECT_EQ(sql("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'public'"), "0");
  EXPECT_EQ(sql("SELECT resource_id FROM stance.findings"), "Trail-a");  // as it is, for SQL users
  EXPECT_EQ(sql("SELECT message FROM stance.findings"), "\xEE\x80\x80with a \\x00 inside");
  auto back = open_store(url_, OpenMode::MustExist)->scan(s.id);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->findings.at(0).message, s.findings[0].message);
}

// A watcher's store outlives a server restart: the next call connects again.
TEST_F(PostgresStore, AClosedConnectionIsOpenedAgain) {
  auto db = open_store(url_, OpenMode::CreateIfMissing);
  ScanRecord first = scan({finding("a", "fail")});
  db->record_scan(first);
  EXPECT_EQ(sql("SELECT count(pg_terminate_backend(pid, 10000)) FROM pg_stat_activity WHERE datname = '" + name_ +
                "' AND application_name = 'stance'"),
            "1");
  EXPECT_EQ(db->scans("").size(), 1u);
  ScanRecord fixed = scan({finding("a", "pass")}, "2024-05-02T12:00:00Z");
  EXPECT_EQ(db->record_scan(fixed).size(), 1u);
}

TEST_F(PostgresStore, BothUrlSchemesAreTheSameDatabase) {
  ScanRecord s = scan({finding("a", "fail")});
  open_store(url_, OpenMode::CreateIfMissing)->record_scan(s);
  const std::string other = "postgres://" + url_.substr(std::string("postgresql://").size());
  EXPECT_EQ(open_store(other, OpenMode::MustExist)->scans("").size(), 1u);
}

TEST_F(PostgresStore, ADatabaseWithoutAHistoryIsAnErrorForReadersAndIsLeftAlone) {
  const std::string error = error_of(url_, OpenMode::MustExist);
  EXPECT_TRUE(contains(error, "no stance history")) << error;
  EXPECT_TRUE(contains(error, name_)) << error;
  EXPECT_EQ(sql("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'stance'"), "0");
}

TEST_F(PostgresStore, AnEmptySchemaMadeByAnAdministratorIsUsed) {
  sql(std::string("CREATE SCHEMA stance AUTHORIZATION ") + PgCluster::kPasswordUser);
  ScanRecord s = scan({finding("a", "fail")});
  EXPECT_EQ(open_store(url_, OpenMode::CreateIfMissing)->record_scan(s).size(), 1u);
}

TEST_F(PostgresStore, AnotherApplicationsStanceSchemaIsRefusedUntouched) {
  sql("CREATE SCHEMA stance; CREATE TABLE stance.scans (id INTEGER, secret TEXT); "
      "INSERT INTO stance.scans VALUES (1, 'keep me')");
  for (OpenMode mode : {OpenMode::CreateIfMissing, OpenMode::MustExist}) {
    const std::string error = error_of(url_, mode);
    EXPECT_TRUE(contains(error, "not a stance history")) << error;
  }
  // A table named like the version table, but not ours, is no history either.
  sql("CREATE TABLE stance.schema_version (application TEXT, version INTEGER); "
      "INSERT INTO stance.schema_version VALUES ('something else', 1)");
  EXPECT_TRUE(contains(error_of(url_, OpenMode::CreateIfMissing), "not a stance history"));
  EXPECT_EQ(sql("SELECT string_agg(secret, ',') FROM stance.scans"), "keep me");
  EXPECT_EQ(sql("SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'stance'"), "2");
}

TEST_F(PostgresStore, ANewerSchemaIsRefusedUntouched) {
  ScanRecord s = scan({finding("a", "fail")});
  open_store(url_, OpenMode::CreateIfMissing)->record_scan(s);
  sql("UPDATE stance.schema_version SET version = 99");
  const std::string error = error_of(url_, OpenMode::CreateIfMissing);
  EXPECT_TRUE(contains(error, "newer stance (schema version 99")) << error;
  EXPECT_EQ(sql("SELECT count(*) FROM stance.scans"), "1");
}

TEST_F(PostgresStore, PasswordsComeFromTheUrlOrLibpqsEnvironmentAndAreNeverRepeated) {
  ScanRecord s = scan({finding("a", "fail")});
  open_store(password_url(PgCluster::kPassword), OpenMode::CreateIfMissing)->record_scan(s);

  const std::string wrong = error_of(password_url("Wr0ng-Pa55"), OpenMode::MustExist);
  EXPECT_TRUE(contains(wrong, "password authentication failed")) << wrong;
  EXPECT_TRUE(contains(wrong, name_)) << wrong;
  EXPECT_FALSE(contains(wrong, "Wr0ng-Pa55")) << wrong;

  // libpq reads PGPASSWORD (and ~/.pgpass) when the URL has no password.
  ::setenv("PGPASSWORD", PgCluster::kPassword, 1);
  EXPECT_EQ(open_store(password_url(""), OpenMode::MustExist)->scans("").size(), 1u);
  ::unsetenv("PGPASSWORD");
  EXPECT_TRUE(contains(error_of(password_url(""), OpenMode::MustExist), "password"));
}

TEST_F(PostgresStore, ConnectionErrorsNameTheServerAndDatabaseButNotThePassword) {
  const std::string missing_db = error_of(cluster_->url("no_such_db", "postgres:hunter2"), OpenMode::MustExist);
  EXPECT_TRUE(contains(missing_db, "no_such_db")) << missing_db;
  EXPECT_TRUE(contains(missing_db, "cannot connect")) << missing_db;
  EXPECT_FALSE(contains(missing_db, "hunter2")) << missing_db;

  const std::string no_server =
      error_of("postgresql://alice:hunter2@/posture?host=/nonexistent-socket-dir&password=hunter3",
               OpenMode::CreateIfMissing);
  EXPECT_TRUE(contains(no_server, "postgresql://alice@/nonexistent-socket-dir")) << no_server;
  EXPECT_TRUE(contains(no_server, "/posture")) << no_server;
  EXPECT_FALSE(contains(no_server, "hunter")) << no_server;

  const std::string unparsable = error_of("postgresql://alice:hunter2@host:port/db?%zz", OpenMode::MustExist);
  EXPECT_FALSE(contains(unparsable, "hunter2")) << unparsable;
}

// Watchers sharding the accounts: each writes its own scope and advances shared state keys (in its own order)
// with every scan. None waits on another's scope, none deadlocks for long (the server breaks a deadlock and the
// scan is written again), and every scan and state update lands.
TEST_F(PostgresStore, WatchersOfDifferentScopesWriteAtOnce) {
  open_store(url_, OpenMode::CreateIfMissing);
  constexpr int kWatchers = 3;
  constexpr int kScansEach = 15;
  std::vector<pid_t> children;
  for (int w = 0; w < kWatchers; ++w) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        auto db = open_store(url_, OpenMode::MustExist);  // one connection for the watcher's life
        for (int i = 0; i < kScansEach; ++i) {
          ScanRecord s = scan({finding("t" + std::to_string(w), i % 2 ? "pass" : "fail")}, "2024-05-01T12:00:00Z",
                              "aws shard " + std::to_string(w));
          s.notify_targets = {"exec:cat"};
          const std::string mine = "watcher/" + std::to_string(w);
          s.state_updates = {{w % 2 ? "shared/b" : "shared/a", mine}, {w % 2 ? "shared/a" : "shared/b", mine},
                             {mine, std::to_string(i)}};
          db->record_scan(s);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "watcher %d: %s\n", w, e.what());
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a watcher failed";
  }
  auto db = open_store(url_, OpenMode::MustExist);
  EXPECT_EQ(db->scans("").size(), std::size_t{kWatchers * kScansEach});
  // Each watcher's scope alternates fail/pass: new, then resolved/regressed each time, one notification each.
  EXPECT_EQ(db->transitions("").size(), std::size_t{kWatchers * kScansEach});
  EXPECT_EQ(db->notifications("").size(), std::size_t{kWatchers * kScansEach});
  for (int w = 0; w < kWatchers; ++w) {
    EXPECT_EQ(db->state("watcher/" + std::to_string(w)), std::to_string(kScansEach - 1));
  }
  EXPECT_TRUE(db->state("shared/a")->rfind("watcher/", 0) == 0);
}

// A big scan (1,000 accounts' trails under a few rules) is written in one transaction, all of it, in a bounded
// time (a generous bound: the machine running the tests may be busy).
TEST_F(PostgresStore, ALargeScanIsRecordedWhole) {
  std::vector<FindingRecord> findings;
  for (int i = 0; i < 6000; ++i) findings.push_back(finding("fp" + std::to_string(i), i % 3 ? "pass" : "fail"));
  ScanRecord s = scan(std::move(findings));
  s.notify_targets = {"webhook:http://127.0.0.1:9/hook"};
  auto db = open_store(url_, OpenMode::CreateIfMissing);
  const auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(db->record_scan(s).size(), 2000u);
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("recorded 6000 findings, 2000 transitions and notifications in %.2f s\n", seconds);
  EXPECT_LT(seconds, 120);
  EXPECT_EQ(db->scan(s.id)->findings.size(), 6000u);
  EXPECT_EQ(db->due_notifications("2099-01-01T00:00:00Z", 10000, "").size(), 2000u);
}

}  // namespace
}  // namespace stance::store
