// A thin RAII layer over the SQLite C API: a connection and prepared statements with bound parameters.
// Values from scanned input only ever reach SQLite through bind(), never through the SQL text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "store/store.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace stance::store::sqlite {

// Another connection held a lock SQLite does not wait for (switching to WAL, a schema read racing its
// creation): the caller may try again.
class BusyError : public StoreError {
 public:
  using StoreError::StoreError;
};

class Database {
 public:
  // Throws StoreError naming `path`.
  Database(const std::string& path, bool create);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  // Runs SQL without parameters (schema, pragmas, transaction control).
  void exec(const char* sql);
  [[noreturn]] void fail(std::string_view doing) const;  // throws StoreError with SQLite's message

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(Database& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters are 1-based, as in SQLite.
  Statement& bind(int index, std::string_view text);
  Statement& bind(int index, std::int64_t number);
  Statement& bind_null(int index);
  // true: a row is ready; false: done.
  bool step();
  // Runs to completion (INSERT, UPDATE, DELETE), then resets for reuse with new bindings.
  void run();
  void reset();

  std::string text(int column) const;  // 0-based; NULL reads as ""
  std::int64_t integer(int column) const;
  bool is_null(int column) const;

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE ... COMMIT, rolled back if not committed (an exception on the way).
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace stance::store::sqlite
