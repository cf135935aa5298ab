// A thin RAII layer over libpq: a connection, query results, and transactions. Values only ever reach the
// server as parameters of PQexecParams, never through the SQL text; text values pass through
// postgres_text.hpp on the way in and out.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace stance::store::postgres {

// The server aborted a transaction that may succeed when run again: a serialization failure (40001) or a
// deadlock (40P01) between concurrent writers.
class RetryableError : public StoreError {
 public:
  using StoreError::StoreError;
};

// One query parameter: text (stored as postgres_text.hpp says), a number, a boolean, or NULL.
class Param {
 public:
  Param(std::string_view text);  // NOLINT: implicit, so that calls read as a parameter list
  Param(const std::string& text) : Param(std::string_view(text)) {}
  Param(const char* text) : Param(std::string_view(text)) {}
  Param(std::int64_t number) : value_(std::to_string(number)) {}
  Param(int number) : value_(std::to_string(number)) {}
  Param(bool flag) : value_(flag ? "true" : "false") {}
  Param(std::optional<std::int64_t> number) {
    if (number) value_ = std::to_string(*number);
  }
  const char* c_str() const { return value_ ? value_->c_str() : nullptr; }

 private:
  std::optional<std::string> value_;
};

class Result {
 public:
  explicit Result(PGresult* result) : result_(result) {}
  ~Result();
  Result(Result&& other) noexcept : result_(other.result_) { other.result_ = nullptr; }
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  Result& operator=(Result&&) = delete;

  int rows() const;
  int affected_rows() const;  // of an INSERT, UPDATE or DELETE
  // Row and column are 0-based. NULL reads as "" and 0.
  std::string text(int row, int column) const;
  std::int64_t integer(int row, int column) const;
  bool boolean(int row, int column) const;
  bool is_null(int row, int column) const;
  const PGresult* raw() const { return result_; }

 private:
  PGresult* result_;
};

class Connection {
 public:
  // `url`: postgresql://... or postgres://..., as libpq reads it (PGPASSWORD, ~/.pgpass and the other PG*
  // variables apply). Throws StoreError naming the database without its password.
  explicit Connection(const std::string& url);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // "postgresql://user@host:port/db": how messages name this database.
  const std::string& name() const { return name_; }
  // One statement with its values as parameters ($1, $2, ...). Throws StoreError (RetryableError).
  // A connection the server closed (a restart, a failover) is opened again first, unless a transaction was
  // under way on it: then this fails, and the transaction is lost whole, as the server rolled it back.
  Result exec(const char* sql, std::initializer_list<Param> params = {});
  // `sql` run once for each row of parameters, many rows to a round trip (libpq's pipeline mode), in order;
  // the results in the same order. For the many rows of one scan, inside a transaction.
  std::vector<Result> exec_each(const char* sql, const std::vector<std::vector<Param>>& rows);
  // Several statements without any value (the schema's DDL).
  void exec_script(const char* sql);

 private:
  friend class Transaction;
  [[noreturn]] void fail(const PGresult* result, std::string_view doing) const;
  void reconnect_if_closed();

  PGconn* conn_ = nullptr;
  bool in_transaction_ = false;
  std::string url_;
  std::string name_;
};

// BEGIN ... COMMIT, rolled back if not committed (an exception on the way).
class Transaction {
 public:
  explicit Transaction(Connection& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Connection& db_;
  bool done_ = false;
};

}  // namespace stance::store::postgres
