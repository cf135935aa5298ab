#include "store/sqlite_store.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "store/sqlite_db.hpp"
#include "store/sqlite_schema.hpp"
#include "store/summary_counts.hpp"
#include "store/transitions.hpp"

namespace stance::store {

namespace {

using sqlite::Database;
using sqlite::Statement;
using sqlite::Transaction;

class SqliteStore final : public Store {
 public:
  SqliteStore(const std::string& path, OpenMode mode) : db_(path, mode == OpenMode::CreateIfMissing) {
    // SQLite's busy timeout does not cover every lock met while preparing: the switch to WAL needs the file
    // alone, and a second `stance scan --db` may be creating the schema. Those are tried again for a while.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    for (auto pause = std::chrono::milliseconds(5);; pause = std::min(pause * 2, std::chrono::milliseconds(200))) {
      try {
        sqlite::prepare_schema(db_, mode);
        return;
      } catch (const sqlite::BusyError&) {
        if (std::chrono::steady_clock::now() + pause > give_up) throw;
        std::this_thread::sleep_for(pause);
      }
    }
  }

  std::vector<Transition> record_scan(ScanRecord& scan) override {
    for (const auto& f : scan.findings) {
      if (f.status != "pass" && f.status != "fail" && f.status != "unknown" && f.status != "error") {
        throw StoreError("history database " + db_.path() + ": finding status '" + f.status + "' is not a verdict");
      }
    }
    Transaction tx(db_);
    const SummaryCounts c = summary_counts(scan.findings);
    Statement insert(db_,
                     "INSERT INTO scans (time, scope, source, tool_version, complete, pass, fail, unknown, error, "
                     "suppressed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    insert.bind(1, scan.time).bind(2, scan.scope).bind(3, scan.source).bind(4, scan.tool_version);
    insert.bind(5, std::int64_t{scan.complete}).bind(6, std::int64_t{c.pass}).bind(7, std::int64_t{c.fail});
    insert.bind(8, std::int64_t{c.unknown}).bind(9, std::int64_t{c.error}).bind(10, std::int64_t{c.suppressed});
    insert.run();
    scan.id = last_id();
    write_items(scan.id, "path", scan.paths);
    write_items(scan.id, "account", scan.accounts);
    write_items(scan.id, "region", scan.regions);
    write_items(scan.id, "rule", scan.rules);
    write_findings(scan);

    Derived derived = derive_transitions(scan, states_of(scan.scope));
    write_transitions(derived.transitions);
    write_states(scan.scope, derived.states);
    queue_notifications(scan, derived.transitions);
    for (const auto& [key, value] : scan.state_updates) write_state(key, value);
    tx.commit();
    return derived.transitions;
  }

  std::vector<ScanSummary> scans(const std::string& since) override {
    std::vector<ScanSummary> out;
    Statement q(db_,
                "SELECT id, time, scope, source, tool_version, complete, pass, fail, unknown, error, suppressed "
                "FROM scans WHERE time >= ?1 ORDER BY id");
    q.bind(1, since);
    while (q.step()) {
      ScanSummary s;
      s.id = q.integer(0);
      s.time = q.text(1);
      s.scope = q.text(2);
      s.source = q.text(3);
      s.tool_version = q.text(4);
      s.complete = q.integer(5) != 0;
      s.pass = static_cast<int>(q.integer(6));
      s.fail = static_cast<int>(q.integer(7));
      s.unknown = static_cast<int>(q.integer(8));
      s.error = static_cast<int>(q.integer(9));
      s.suppressed = static_cast<int>(q.integer(10));
      out.push_back(std::move(s));
    }
    for (auto& s : out) {
      s.paths = items(s.id, "path");
      s.accounts = items(s.id, "account");
      s.regions = items(s.id, "region");
      s.rules = items(s.id, "rule");
    }
    return out;
  }

  std::vector<Transition> transitions(const std::string& since) override {
    std::vector<Transition> out;
    Statement q(db_,
                "SELECT id, scan_id, previous_scan_id, time, scope, fingerprint, kind, from_state, to_state, rule_id, "
                "severity, resource_type, resource_id, resource_name, location, message "
                "FROM transitions WHERE time >= ?1 ORDER BY id");
    q.bind(1, since);
    while (q.step()) out.push_back(read_transition(q, 0));
    return out;
  }

  std::optional<ScanRecord> scan(ScanId id) override {
    Statement q(db_, "SELECT time, scope, source, tool_version, complete FROM scans WHERE id = ?1");
    q.bind(1, id);
    if (!q.step()) return std::nullopt;
    ScanRecord r;
    r.id = id;
    r.time = q.text(0);
    r.scope = q.text(1);
    r.source = q.text(2);
    r.tool_version = q.text(3);
    r.complete = q.integer(4) != 0;
    r.paths = items(id, "path");
    r.accounts = items(id, "account");
    r.regions = items(id, "region");
    r.rules = items(id, "rule");
    Statement f(db_,
                "SELECT fingerprint, rule_id, status, severity, resource_type, resource_id, resource_name, location, "
                "account, region, message, suppressed, suppression_reason FROM findings WHERE scan_id = ?1 "
                "ORDER BY fingerprint");
    f.bind(1, id);
    while (f.step()) {
      FindingRecord x;
      x.fingerprint = f.text(0);
      x.rule_id = f.text(1);
      x.status = f.text(2);
      x.severity = f.text(3);
      x.resource_type = f.text(4);
      x.resource_id = f.text(5);
      x.resource_name = f.text(6);
      x.location = f.text(7);
      x.account = f.text(8);
      x.region = f.text(9);
      x.message = f.text(10);
      x.suppressed = f.integer(11) != 0;
      x.suppression_reason = f.text(12);
      r.findings.push_back(std::move(x));
    }
    return r;
  }

  Pruned prune_before(const std::string& cutoff) override {
    Transaction tx(db_);
    // The latest scan of each scope stays whatever its age: it is the posture now.
    const char* doomed =
        "SELECT id FROM scans WHERE time < ?1 AND id NOT IN (SELECT max(id) FROM scans GROUP BY scope)";
    Pruned p;
    p.findings = count_where(std::string("SELECT count(*) FROM findings WHERE scan_id IN (") + doomed + ")", cutoff);
    p.transitions =
        count_where(std::string("SELECT count(*) FROM transitions WHERE scan_id IN (") + doomed + ")", cutoff);
    Statement del(db_, (std::string("DELETE FROM scans WHERE id IN (") + doomed + ")").c_str());
    del.bind(1, cutoff);
    del.run();
    p.scans = changed_rows();
    tx.commit();
    return p;
  }

  std::vector<Notification> due_notifications(const std::string& now, int limit, const std::string& scope) override {
    Statement q(db_, (std::string(kNotificationColumns) +
                      " WHERE n.status = 'pending' AND n.next_attempt <= ?1 AND (?3 = '' OR t.scope = ?3) "
                      "ORDER BY n.id LIMIT ?2").c_str());
    q.bind(1, now).bind(2, std::int64_t{limit}).bind(3, scope);
    return read_notifications(q);
  }

  std::vector<Notification> notifications(const std::string& since) override {
    Statement q(db_, (std::string(kNotificationColumns) + " WHERE t.time >= ?1 ORDER BY n.id").c_str());
    q.bind(1, since);
    return read_notifications(q);
  }

  void record_attempt(std::int64_t notification_id, bool delivered, const std::string& error, const std::string& now,
                      const std::string& next_attempt) override {
    Transaction tx(db_);
    Statement up(db_,
                 "UPDATE notifications SET attempts = attempts + 1, status = ?2, last_error = ?3, updated_at = ?4, "
                 "next_attempt = ?5 WHERE id = ?1");
    const char* status = delivered ? "delivered" : next_attempt.empty() ? "failed" : "pending";
    up.bind(1, notification_id).bind(2, status).bind(3, delivered ? std::string() : error).bind(4, now);
    up.bind(5, delivered ? std::string() : next_attempt);
    up.run();
    tx.commit();
  }

  std::optional<std::string> state(const std::string& key) override {
    Statement q(db_, "SELECT value FROM watch_state WHERE key = ?1");
    q.bind(1, key);
    if (!q.step()) return std::nullopt;
    return q.text(0);
  }

  void set_state(const std::string& key, const std::string& value) override {
    Transaction tx(db_);
    write_state(key, value);
    tx.commit();
  }

 private:
  static constexpr const char* kNotificationColumns =
      "SELECT n.id, n.target, n.status, n.attempts, n.last_error, n.next_attempt, n.created_at, n.updated_at, "
      "t.id, t.scan_id, t.previous_scan_id, t.time, t.scope, t.fingerprint, t.kind, t.from_state, t.to_state, "
      "t.rule_id, t.severity, t.resource_type, t.resource_id, t.resource_name, t.location, t.message "
      "FROM notifications n JOIN transitions t ON t.id = n.transition_id";

  std::vector<Notification> read_notifications(Statement& q) {
    std::vector<Notification> out;
    while (q.step()) {
      Notification n;
      n.id = q.integer(0);
      n.target = q.text(1);
      n.status = q.text(2);
      n.attempts = static_cast<int>(q.integer(3));
      n.last_error = q.text(4);
      n.next_attempt = q.text(5);
      n.created_at = q.text(6);
      n.updated_at = q.text(7);
      n.transition = read_transition(q, 8);
      out.push_back(std::move(n));
    }
    return out;
  }

  void queue_notifications(const ScanRecord& scan, const std::vector<Transition>& transitions) {
    if (scan.notify_targets.empty()) return;
    Statement ins(db_,
                  "INSERT OR IGNORE INTO notifications (transition_id, target, status, created_at, updated_at, "
                  "next_attempt) VALUES (?1, ?2, 'pending', ?3, ?3, ?3)");
    for (const auto& t : transitions) {
      for (const auto& target : scan.notify_targets) {
        ins.bind(1, t.id).bind(2, target).bind(3, scan.time);
        ins.run();
      }
    }
  }

  void write_state(const std::string& key, const std::string& value) {
    Statement up(db_,
                 "INSERT INTO watch_state (key, value) VALUES (?1, ?2) "
                 "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    up.bind(1, key).bind(2, value);
    up.run();
  }

  // The 16 transition columns, in the order of the transitions table, starting at column `c`.
  static Transition read_transition(const Statement& q, int c) {
    Transition t;
    t.id = q.integer(c);
    t.scan_id = q.integer(c + 1);
    if (!q.is_null(c + 2)) t.previous_scan_id = q.integer(c + 2);
    t.time = q.text(c + 3);
    t.scope = q.text(c + 4);
    t.fingerprint = q.text(c + 5);
    t.kind = parse_transition_kind(q.text(c + 6)).value_or(TransitionKind::New);
    t.from = q.text(c + 7);
    t.to = q.text(c + 8);
    t.rule_id = q.text(c + 9);
    t.severity = q.text(c + 10);
    t.resource_type = q.text(c + 11);
    t.resource_id = q.text(c + 12);
    t.resource_name = q.text(c + 13);
    t.location = q.text(c + 14);
    t.message = q.text(c + 15);
    return t;
  }

  ScanId last_id() {
    Statement q(db_, "SELECT last_insert_rowid()");
    q.step();
    return q.integer(0);
  }

  int changed_rows() {
    Statement q(db_, "SELECT changes()");
    q.step();
    return static_cast<int>(q.integer(0));
  }

  int count_where(const std::string& sql, const std::string& cutoff) {
    Statement q(db_, sql.c_str());
    q.bind(1, cutoff);
    q.step();
    return static_cast<int>(q.integer(0));
  }

  void write_items(ScanId id, const char* kind, const std::vector<std::string>& values) {
    Statement ins(db_, "INSERT INTO scan_items (scan_id, kind, position, value) VALUES (?1, ?2, ?3, ?4)");
    for (std::size_t i = 0; i < values.size(); ++i) {
      ins.bind(1, id).bind(2, kind).bind(3, static_cast<std::int64_t>(i)).bind(4, values[i]);
      ins.run();
    }
  }

  std::vector<std::string> items(ScanId id, const char* kind) {
    std::vector<std::string> out;
    Statement q(db_, "SELECT value FROM scan_items WHERE scan_id = ?1 AND kind = ?2 ORDER BY position");
    q.bind(1, id).bind(2, kind);
    while (q.step()) out.push_back(q.text(0));
    return out;
  }

  void write_findings(const ScanRecord& scan) {
    Statement ins(db_,
                  "INSERT INTO findings (scan_id, fingerprint, rule_id, status, severity, resource_type, resource_id, "
                  "resource_name, location, account, region, message, suppressed, suppression_reason) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    for (const auto& f : scan.findings) {
      ins.bind(1, scan.id).bind(2, f.fingerprint).bind(3, f.rule_id).bind(4, f.status).bind(5, f.severity);
      ins.bind(6, f.resource_type).bind(7, f.resource_id).bind(8, f.resource_name).bind(9, f.location);
      ins.bind(10, f.account).bind(11, f.region).bind(12, f.message).bind(13, std::int64_t{f.suppressed});
      ins.bind(14, f.suppression_reason);
      ins.run();
    }
  }

  std::map<std::string, FingerprintState> states_of(const std::string& scope) {
    std::map<std::string, FingerprintState> out;
    Statement q(db_,
                "SELECT fingerprint, state, first_seen_scan, last_judged_scan, rule_id, severity, resource_type, "
                "resource_id, resource_name, location, message FROM fingerprint_state WHERE scope = ?1");
    q.bind(1, scope);
    while (q.step()) {
      FingerprintState s;
      s.fingerprint = q.text(0);
      s.state = q.text(1);
      s.first_seen_scan = q.integer(2);
      s.last_judged_scan = q.integer(3);
      s.last.fingerprint = s.fingerprint;
      s.last.rule_id = q.text(4);
      s.last.severity = q.text(5);
      s.last.resource_type = q.text(6);
      s.last.resource_id = q.text(7);
      s.last.resource_name = q.text(8);
      s.last.location = q.text(9);
      s.last.message = q.text(10);
      out.emplace(s.fingerprint, std::move(s));
    }
    return out;
  }

  void write_transitions(std::vector<Transition>& transitions) {
    Statement ins(db_,
                  "INSERT INTO transitions (scan_id, previous_scan_id, time, scope, fingerprint, kind, from_state, "
                  "to_state, rule_id, severity, resource_type, resource_id, resource_name, location, message) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    for (auto& t : transitions) {
      ins.bind(1, t.scan_id);
      if (t.previous_scan_id) ins.bind(2, *t.previous_scan_id);
      else ins.bind_null(2);
      ins.bind(3, t.time).bind(4, t.scope).bind(5, t.fingerprint).bind(6, to_string(t.kind)).bind(7, t.from);
      ins.bind(8, t.to).bind(9, t.rule_id).bind(10, t.severity).bind(11, t.resource_type).bind(12, t.resource_id);
      ins.bind(13, t.resource_name).bind(14, t.location).bind(15, t.message);
      ins.run();
      t.id = last_id();
    }
  }

  void write_states(const std::string& scope, const std::vector<FingerprintState>& states) {
    Statement up(db_,
                 "INSERT INTO fingerprint_state (scope, fingerprint, state, first_seen_scan, last_judged_scan, rule_id, "
                 "severity, resource_type, resource_id, resource_name, location, message) "
                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) "
                 "ON CONFLICT (scope, fingerprint) DO UPDATE SET state = excluded.state, "
                 "last_judged_scan = excluded.last_judged_scan, rule_id = excluded.rule_id, "
                 "severity = excluded.severity, resource_type = excluded.resource_type, "
                 "resource_id = excluded.resource_id, resource_name = excluded.resource_name, "
                 "location = excluded.location, message = excluded.message");
    for (const auto& s : states) {
      up.bind(1, scope).bind(2, s.fingerprint).bind(3, s.state).bind(4, s.first_seen_scan).bind(5, s.last_judged_scan);
      up.bind(6, s.last.rule_id).bind(7, s.last.severity).bind(8, s.last.resource_type).bind(9, s.last.resource_id);
      up.bind(10, s.last.resource_name).bind(11, s.last.location).bind(12, s.last.message);
      up.run();
    }
  }

  Database db_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, OpenMode mode) {
  return std::make_unique<SqliteStore>(path, mode);
}

}  // namespace stance::store
