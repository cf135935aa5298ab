#include "store/postgres_store.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "store/postgres_db.hpp"
#include "store/postgres_schema.hpp"
#include "store/summary_counts.hpp"
#include "store/transitions.hpp"

namespace stance::store {

namespace {

using postgres::Connection;
using postgres::Result;
using postgres::Transaction;

// The advisory lock key of a scope (FNV-1a): writers of one scope take turns, writers of different scopes
// (watchers of different shards) do not wait for each other. A collision only makes two scopes take turns.
std::int64_t scope_lock_key(const std::string& scope) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const unsigned char c : "stance scope " + scope) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return static_cast<std::int64_t>(hash);
}

// How often a transaction the server aborted (deadlock, serialization failure) is run again.
constexpr int kAttempts = 8;

constexpr const char* kTransitionColumns =
    "id, scan_id, previous_scan_id, time, scope, fingerprint, kind, from_state, to_state, rule_id, severity, "
    "resource_type, resource_id, resource_name, location, message";

constexpr const char* kNotificationColumns =
    "SELECT n.id, n.target, n.status, n.attempts, n.last_error, n.next_attempt, n.created_at, n.updated_at, "
    "t.id, t.scan_id, t.previous_scan_id, t.time, t.scope, t.fingerprint, t.kind, t.from_state, t.to_state, "
    "t.rule_id, t.severity, t.resource_type, t.resource_id, t.resource_name, t.location, t.message "
    "FROM stance.notifications n JOIN stance.transitions t ON t.id = n.transition_id";

// The 16 transition columns, in the order of kTransitionColumns, starting at column `c`.
Transition read_transition(const Result& q, int row, int c) {
  Transition t;
  t.id = q.integer(row, c);
  t.scan_id = q.integer(row, c + 1);
  if (!q.is_null(row, c + 2)) t.previous_scan_id = q.integer(row, c + 2);
  t.time = q.text(row, c + 3);
  t.scope = q.text(row, c + 4);
  t.fingerprint = q.text(row, c + 5);
  t.kind = parse_transition_kind(q.text(row, c + 6)).value_or(TransitionKind::New);
  t.from = q.text(row, c + 7);
  t.to = q.text(row, c + 8);
  t.rule_id = q.text(row, c + 9);
  t.severity = q.text(row, c + 10);
  t.resource_type = q.text(row, c + 11);
  t.resource_id = q.text(row, c + 12);
  t.resource_name = q.text(row, c + 13);
  t.location = q.text(row, c + 14);
  t.message = q.text(row, c + 15);
  return t;
}

std::vector<Notification> read_notifications(const Result& q) {
  std::vector<Notification> out;
  for (int row = 0; row < q.rows(); ++row) {
    Notification n;
    n.id = q.integer(row, 0);
    n.target = q.text(row, 1);
    n.status = q.text(row, 2);
    n.attempts = static_cast<int>(q.integer(row, 3));
    n.last_error = q.text(row, 4);
    n.next_attempt = q.text(row, 5);
    n.created_at = q.text(row, 6);
    n.updated_at = q.text(row, 7);
    n.transition = read_transition(q, row, 8);
    out.push_back(std::move(n));
  }
  return out;
}

class PostgresStore final : public Store {
 public:
  PostgresStore(const std::string& url, OpenMode mode) : db_(url) { postgres::prepare_schema(db_, mode); }

  std::vector<Transition> record_scan(ScanRecord& scan) override {
    for (const auto& f : scan.findings) {
      if (f.status != "pass" && f.status != "fail" && f.status != "unknown" && f.status != "error") {
        throw StoreError("history database " + db_.name() + ": finding status '" + f.status + "' is not a verdict");
      }
    }
    for (int attempt = 1;; ++attempt) {
      try {
        return write_scan(scan);
      } catch (const postgres::RetryableError&) {
        scan.id = 0;
        if (attempt == kAttempts) throw;
        std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
      }
    }
  }

  std::vector<ScanSummary> scans(const std::string& since) override {
    Result q = db_.exec(
        "SELECT id, time, scope, source, tool_version, complete, pass, fail, unknown, error, suppressed "
        "FROM stance.scans WHERE time >= $1 ORDER BY id",
        {since});
    std::vector<ScanSummary> out;
    for (int row = 0; row < q.rows(); ++row) {
      ScanSummary s;
      s.id = q.integer(row, 0);
      s.time = q.text(row, 1);
      s.scope = q.text(row, 2);
      s.source = q.text(row, 3);
      s.tool_version = q.text(row, 4);
      s.complete = q.boolean(row, 5);
      s.pass = static_cast<int>(q.integer(row, 6));
      s.fail = static_cast<int>(q.integer(row, 7));
      s.unknown = static_cast<int>(q.integer(row, 8));
      s.error = static_cast<int>(q.integer(row, 9));
      s.suppressed = static_cast<int>(q.integer(row, 10));
      out.push_back(std::move(s));
    }
    // The scans' lists in one query, not four per scan: a round trip to a server costs more than to a file.
    std::map<ScanId, ScanSummary*> by_id;
    for (auto& s : out) by_id[s.id] = &s;
    Result lists = db_.exec(
        "SELECT i.scan_id, i.kind, i.value FROM stance.scan_items i JOIN stance.scans s ON s.id = i.scan_id "
        "WHERE s.time >= $1 ORDER BY i.scan_id, i.kind, i.position",
        {since});
    for (int row = 0; row < lists.rows(); ++row) {
      auto it = by_id.find(lists.integer(row, 0));
      if (it == by_id.end()) continue;  // a scan committed between the two queries
      const std::string kind = lists.text(row, 1);
      ScanSummary& s = *it->second;
      (kind == "path" ? s.paths : kind == "account" ? s.accounts : kind == "region" ? s.regions : s.rules)
          .push_back(lists.text(row, 2));
    }
    return out;
  }

  std::vector<Transition> transitions(const std::string& since) override {
    Result q = db_.exec((std::string("SELECT ") + kTransitionColumns +
                         " FROM stance.transitions WHERE time >= $1 ORDER BY id").c_str(),
                        {since});
    std::vector<Transition> out;
    for (int row = 0; row < q.rows(); ++row) out.push_back(read_transition(q, row, 0));
    return out;
  }

  std::optional<ScanRecord> scan(ScanId id) override {
    Result q = db_.exec("SELECT time, scope, source, tool_version, complete FROM stance.scans WHERE id = $1", {id});
    if (q.rows() == 0) return std::nullopt;
    ScanRecord r;
    r.id = id;
    r.time = q.text(0, 0);
    r.scope = q.text(0, 1);
    r.source = q.text(0, 2);
    r.tool_version = q.text(0, 3);
    r.complete = q.boolean(0, 4);
    r.paths = items(id, "path");
    r.accounts = items(id, "account");
    r.regions = items(id, "region");
    r.rules = items(id, "rule");
    // COLLATE "C": byte order, as SQLite sorts, whatever the database's locale.
    Result f = db_.exec(
        "SELECT fingerprint, rule_id, status, severity, resource_type, resource_id, resource_name, location, "
        "account, region, message, suppressed, suppression_reason FROM stance.findings WHERE scan_id = $1 "
        "ORDER BY fingerprint COLLATE \"C\"",
        {id});
    for (int row = 0; row < f.rows(); ++row) {
      FindingRecord x;
      x.fingerprint = f.text(row, 0);
      x.rule_id = f.text(row, 1);
      x.status = f.text(row, 2);
      x.severity = f.text(row, 3);
      x.resource_type = f.text(row, 4);
      x.resource_id = f.text(row, 5);
      x.resource_name = f.text(row, 6);
      x.location = f.text(row, 7);
      x.account = f.text(row, 8);
      x.region = f.text(row, 9);
      x.message = f.text(row, 10);
      x.suppressed = f.boolean(row, 11);
      x.suppression_reason = f.text(row, 12);
      r.findings.push_back(std::move(x));
    }
    return r;
  }

  Pruned prune_before(const std::string& cutoff) override {
    Transaction tx(db_);
    // The latest scan of each scope stays whatever its age: it is the posture now.
    const std::string doomed =
        "SELECT id FROM stance.scans WHERE time < $1 AND id NOT IN (SELECT max(id) FROM stance.scans GROUP BY scope)";
    Pruned p;
    p.findings = static_cast<int>(
        db_.exec(("SELECT count(*) FROM stance.findings WHERE scan_id IN (" + doomed + ")").c_str(), {cutoff})
            .integer(0, 0));
    p.transitions = static_cast<int>(
        db_.exec(("SELECT count(*) FROM stance.transitions WHERE scan_id IN (" + doomed + ")").c_str(), {cutoff})
            .integer(0, 0));
    p.scans = db_.exec(("DELETE FROM stance.scans WHERE id IN (" + doomed + ")").c_str(), {cutoff}).affected_rows();
    tx.commit();
    return p;
  }

  std::vector<Notification> due_notifications(const std::string& now, int limit, const std::string& scope) override {
    return read_notifications(db_.exec(
        (std::string(kNotificationColumns) +
         " WHERE n.status = 'pending' AND n.next_attempt <= $1 AND ($3 = '' OR t.scope = $3) ORDER BY n.id LIMIT $2")
            .c_str(),
        {now, limit, scope}));
  }

  std::vector<Notification> notifications(const std::string& since) override {
    return read_notifications(
        db_.exec((std::string(kNotificationColumns) + " WHERE t.time >= $1 ORDER BY n.id").c_str(), {since}));
  }

  void record_attempt(std::int64_t notification_id, bool delivered, const std::string& error, const std::string& now,
                      const std::string& next_attempt) override {
    const char* status = delivered ? "delivered" : next_attempt.empty() ? "failed" : "pending";
    db_.exec(
        "UPDATE stance.notifications SET attempts = attempts + 1, status = $2, last_error = $3, updated_at = $4, "
        "next_attempt = $5 WHERE id = $1",
        {notification_id, status, delivered ? std::string() : error, now,
         delivered ? std::string() : next_attempt});
  }

  std::optional<std::string> state(const std::string& key) override {
    Result q = db_.exec("SELECT value FROM stance.watch_state WHERE key = $1", {key});
    if (q.rows() == 0) return std::nullopt;
    return q.text(0, 0);
  }

  void set_state(const std::string& key, const std::string& value) override { write_state(key, value); }

 private:
  // One attempt at record_scan's transaction.
  std::vector<Transition> write_scan(ScanRecord& scan) {
    Transaction tx(db_);
    // Writers of this scope take turns from here to the commit, so the states read below are the latest and
    // scan ids grow in the order the scope's scans are judged (transitions compare consecutive ones).
    // Read committed: each statement after the lock sees what the previous holder committed.
    db_.exec("SELECT pg_advisory_xact_lock($1::bigint)", {scope_lock_key(scan.scope)});
    const SummaryCounts c = summary_counts(scan.findings);
    Result inserted = db_.exec(
        "INSERT INTO stance.scans (time, scope, source, tool_version, complete, pass, fail, unknown, error, "
        "suppressed) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        {scan.time, scan.scope, scan.source, scan.tool_version, scan.complete, c.pass, c.fail, c.unknown, c.error,
         c.suppressed});
    scan.id = inserted.integer(0, 0);
    write_items(scan.id, "path", scan.paths);
    write_items(scan.id, "account", scan.accounts);
    write_items(scan.id, "region", scan.regions);
    write_items(scan.id, "rule", scan.rules);
    write_findings(scan);

    Derived derived = derive_transitions(scan, states_of(scan.scope));
    write_transitions(derived.transitions);
    write_states(scan.scope, derived.states);
    queue_notifications(scan, derived.transitions);
    // In key order, so that two writers updating the same keys cannot deadlock on them.
    auto updates = scan.state_updates;
    std::stable_sort(updates.begin(), updates.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (const auto& [key, value] : updates) write_state(key, value);
    tx.commit();
    return derived.transitions;
  }

  void queue_notifications(const ScanRecord& scan, const std::vector<Transition>& transitions) {
    std::vector<std::vector<postgres::Param>> rows;
    for (const auto& t : transitions) {
      for (const auto& target : scan.notify_targets) rows.push_back({t.id, target, scan.time});
    }
    db_.exec_each(
        "INSERT INTO stance.notifications (transition_id, target, status, created_at, updated_at, next_attempt) "
        "VALUES ($1, $2, 'pending', $3, $3, $3) ON CONFLICT (transition_id, target) DO NOTHING",
        rows);
  }

  void write_state(const std::string& key, const std::string& value) {
    db_.exec(
        "INSERT INTO stance.watch_state (key, value) VALUES ($1, $2) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {key, value});
  }

  void write_items(ScanId id, const char* kind, const std::vector<std::string>& values) {
    std::vector<std::vector<postgres::Param>> rows;
    for (std::size_t i = 0; i < values.size(); ++i) rows.push_back({id, kind, static_cast<std::int64_t>(i), values[i]});
    db_.exec_each("INSERT INTO stance.scan_items (scan_id, kind, position, value) VALUES ($1, $2, $3, $4)", rows);
  }

  std::vector<std::string> items(ScanId id, const char* kind) {
    Result q = db_.exec("SELECT value FROM stance.scan_items WHERE scan_id = $1 AND kind = $2 ORDER BY position",
                        {id, kind});
    std::vector<std::string> out;
    for (int row = 0; row < q.rows(); ++row) out.push_back(q.text(row, 0));
    return out;
  }

  void write_findings(const ScanRecord& scan) {
    std::vector<std::vector<postgres::Param>> rows;
    for (const auto& f : scan.findings) {
      rows.push_back({scan.id, f.fingerprint, f.rule_id, f.status, f.severity, f.resource_type, f.resource_id,
                      f.resource_name, f.location, f.account, f.region, f.message, f.suppressed,
                      f.suppression_reason});
    }
    db_.exec_each(
        "INSERT INTO stance.findings (scan_id, fingerprint, rule_id, status, severity, resource_type, resource_id, "
        "resource_name, location, account, region, message, suppressed, suppression_reason) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
        rows);
  }

  std::map<std::string, FingerprintState> states_of(const std::string& scope) {
    Result q = db_.exec(
        "SELECT fingerprint, state, first_seen_scan, last_judged_scan, rule_id, severity, resource_type, "
        "resource_id, resource_name, location, message FROM stance.fingerprint_state WHERE scope = $1",
        {scope});
    std::map<std::string, FingerprintState> out;
    for (int row = 0; row < q.rows(); ++row) {
      FingerprintState s;
      s.fingerprint = q.text(row, 0);
      s.state = q.text(row, 1);
      s.first_seen_scan = q.integer(row, 2);
      s.last_judged_scan = q.integer(row, 3);
      s.last.fingerprint = s.fingerprint;
      s.last.rule_id = q.text(row, 4);
      s.last.severity = q.text(row, 5);
      s.last.resource_type = q.text(row, 6);
      s.last.resource_id = q.text(row, 7);
      s.last.resource_name = q.text(row, 8);
      s.last.location = q.text(row, 9);
      s.last.message = q.text(row, 10);
      out.emplace(s.fingerprint, std::move(s));
    }
    return out;
  }

  void write_transitions(std::vector<Transition>& transitions) {
    std::vector<std::vector<postgres::Param>> rows;
    for (const auto& t : transitions) {
      rows.push_back({t.scan_id, t.previous_scan_id, t.time, t.scope, t.fingerprint, to_string(t.kind), t.from, t.to,
                      t.rule_id, t.severity, t.resource_type, t.resource_id, t.resource_name, t.location, t.message});
    }
    std::vector<Result> ids = db_.exec_each(
        "INSERT INTO stance.transitions (scan_id, previous_scan_id, time, scope, fingerprint, kind, from_state, "
        "to_state, rule_id, severity, resource_type, resource_id, resource_name, location, message) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        rows);
    for (std::size_t i = 0; i < transitions.size(); ++i) transitions[i].id = ids.at(i).integer(0, 0);
  }

  void write_states(const std::string& scope, const std::vector<FingerprintState>& states) {
    std::vector<std::vector<postgres::Param>> rows;
    for (const auto& s : states) {
      rows.push_back({scope, s.fingerprint, s.state, s.first_seen_scan, s.last_judged_scan, s.last.rule_id,
                      s.last.severity, s.last.resource_type, s.last.resource_id, s.last.resource_name,
                      s.last.location, s.last.message});
    }
    db_.exec_each(
        "INSERT INTO stance.fingerprint_state (scope, fingerprint, state, first_seen_scan, last_judged_scan, "
        "rule_id, severity, resource_type, resource_id, resource_name, location, message) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) "
        "ON CONFLICT (scope, fingerprint) DO UPDATE SET state = excluded.state, "
        "last_judged_scan = excluded.last_judged_scan, rule_id = excluded.rule_id, "
        "severity = excluded.severity, resource_type = excluded.resource_type, "
        "resource_id = excluded.resource_id, resource_name = excluded.resource_name, "
        "location = excluded.location, message = excluded.message",
        rows);
  }

  Connection db_;
};

}  // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& url, OpenMode mode) {
  return std::make_unique<PostgresStore>(url, mode);
}

}  // namespace stance::store
