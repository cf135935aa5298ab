#include "store/postgres_db.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <vector>

#include "store/postgres_text.hpp"
#include "store/postgres_url.hpp"

namespace stance::store::postgres {

Param::Param(std::string_view text) : value_(to_db_text(text)) {}

Result::~Result() { PQclear(result_); }

int Result::rows() const { return PQntuples(result_); }

int Result::affected_rows() const { return std::atoi(PQcmdTuples(result_)); }

std::string Result::text(int row, int column) const {
  return from_db_text(std::string_view(PQgetvalue(result_, row, column),
                                       static_cast<std::size_t>(PQgetlength(result_, row, column))));
}

std::int64_t Result::integer(int row, int column) const {
  return std::strtoll(PQgetvalue(result_, row, column), nullptr, 10);
}

bool Result::boolean(int row, int column) const { return PQgetvalue(result_, row, column)[0] == 't'; }

bool Result::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }

Connection::Connection(const std::string& url) : url_(url), name_(describe(url)) {
  // Later keywords override earlier ones: a connect timeout the URL does not set, and always UTF-8, the
  // encoding of everything stance records.
  const char* keywords[] = {"connect_timeout", "application_name", "dbname", "client_encoding", nullptr};
  const char* values[] = {"15", "stance", url.c_str(), "UTF8", nullptr};
  conn_ = PQconnectdbParams(keywords, values, /*expand_dbname=*/1);
  if (!conn_) throw StoreError("history database " + name_ + ": cannot connect: out of memory");
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn_);
    while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
    PQfinish(conn_);
    conn_ = nullptr;
    throw StoreError("history database " + name_ + ": cannot connect: " + redact(why, url_));
  }
  // The server's notices ("schema already exists, skipping") are not for stance's users: libpq would print them.
  PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
}

Connection::~Connection() { PQfinish(conn_); }

void Connection::fail(const PGresult* result, std::string_view doing) const {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string why = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  if (why.empty()) why = PQerrorMessage(conn_);
  while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
  const std::string message = "history database " + name_ + ": " + std::string(doing) + ": " + redact(why, url_);
  if (state && (std::string_view(state) == "40001" || std::string_view(state) == "40P01")) {
    throw RetryableError(message);
  }
  throw StoreError(message);
}

void Connection::reconnect_if_closed() {
  if (PQstatus(conn_) != CONNECTION_BAD) return;
  if (in_transaction_) fail(nullptr, "the connection was lost mid-transaction (nothing of it was written)");
  PQreset(conn_);
  if (PQstatus(conn_) != CONNECTION_OK) fail(nullptr, "reconnecting");
}

Result Connection::exec(const char* sql, std::initializer_list<Param> params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const Param& p : params) values.push_back(p.c_str());
  for (int attempt = 1;; ++attempt) {
    reconnect_if_closed();
    Result result(PQexecParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr,
                               /*resultFormat=*/0));
    const PGresult* r = result.raw();
    const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return result;
    // libpq learns that the server closed the connection (a restart, an idle timeout) only when it uses it:
    // a statement outside a transaction (a read, BEGIN, one update) is sent once more on a new connection.
    if (attempt == 1 && !in_transaction_ && PQstatus(conn_) == CONNECTION_BAD) continue;
    fail(r, "running a query");
  }
}

std::vector<Result> Connection::exec_each(const char* sql, const std::vector<std::vector<Param>>& rows) {
  // In blocking mode, a pipeline must not grow past what the socket buffers hold: the server would wait for us
  // to read its results while we wait for it to read our queries.
  constexpr std::size_t kBatch = 200;
  std::vector<Result> out;
  out.reserve(rows.size());
  reconnect_if_closed();
  for (std::size_t start = 0; start < rows.size(); start += kBatch) {
    const std::size_t end = std::min(rows.size(), start + kBatch);
    if (PQenterPipelineMode(conn_) != 1) fail(nullptr, "starting a pipeline");
    bool sent = true;
    for (std::size_t i = start; i < end && sent; ++i) {
      std::vector<const char*> values;
      values.reserve(rows[i].size());
      for (const Param& p : rows[i]) values.push_back(p.c_str());
      sent = PQsendQueryParams(conn_, sql, static_cast<int>(values.size()), nullptr, values.data(), nullptr, nullptr,
                               /*resultFormat=*/0) == 1;
    }
    if (!sent || PQpipelineSync(conn_) != 1) {
      const std::string why = PQerrorMessage(conn_);
      PQexitPipelineMode(conn_);
      throw StoreError("history database " + name_ + ": sending queries: " + redact(why, url_));
    }
    // Each query's result is followed by a null; after the first error the rest come back "aborted"; the
    // sync's result ends the batch.
    std::optional<Result> first_error;
    for (std::size_t i = start; i < end; ++i) {
      Result result(PQgetResult(conn_));
      while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
      const PGresult* r = result.raw();
      const ExecStatusType status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
      if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) out.push_back(std::move(result));
      else if (!first_error) first_error.emplace(std::move(result));
    }
    for (PGresult* r = PQgetResult(conn_); r; r = PQgetResult(conn_)) {
      const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
      PQclear(r);
      if (sync) break;
    }
    PQexitPipelineMode(conn_);
    if (first_error) fail(first_error->raw(), "running a query");
  }
  return out;
}

void Connection::exec_script(const char* sql) {
  reconnect_if_closed();
  Result result(PQexec(conn_, sql));
  const PGresult* r = result.raw();
  if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) fail(r, "creating the tables");
}

Transaction::Transaction(Connection& db) : db_(db) {
  db_.exec("BEGIN");
  db_.in_transaction_ = true;
}

Transaction::~Transaction() {
  if (done_) return;
  db_.in_transaction_ = false;
  // A lost connection needs no rollback: the server rolled the transaction back when it went.
  if (PQstatus(db_.conn_) != CONNECTION_OK) return;
  try {
    db_.exec("ROLLBACK");
  } catch (const StoreError&) {
    // Lost on the way: the same.
  }
}

void Transaction::commit() {
  db_.exec("COMMIT");
  db_.in_transaction_ = false;
  done_ = true;
}

}  // namespace stance::store::postgres
