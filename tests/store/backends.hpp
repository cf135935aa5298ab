// The history stores the behavioural tests run against: a SQLite file in a temporary directory, and a fresh
// database in the test PostgreSQL cluster (skipped, saying why, when the postgresql package is absent).
#pragma once

#include <string>

#include "cli/cli_harness.hpp"
#include "store/pg_cluster.hpp"

namespace stance::store::testing {

// ready(): false with why_not when the backend is not there; `installed` false when that is a reason to skip.
struct SqliteBackend {
  bool ready(std::string&, bool&) { return true; }
  // The same location for the whole test.
  std::string location() const { return dir / "history.db"; }
  cli::testing::TempDir dir;
};

struct PostgresBackend {
  bool ready(std::string& why_not, bool& installed) {
    PgCluster* cluster = PgCluster::shared(why_not);
    installed = PgCluster::installed();
    if (!cluster) return false;
    url = cluster->fresh_database();
    return true;
  }
  std::string location() const { return url; }
  std::string url;
};

// Names the typed tests' instances "SqliteBackend" / "PostgresBackend".
struct BackendNames {
  template <class T>
  static std::string GetName(int) {
    if constexpr (std::is_same_v<T, SqliteBackend>) return "Sqlite";
    else return "Postgres";
  }
};

}  // namespace stance::store::testing
