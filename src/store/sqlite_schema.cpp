#include "store/sqlite_schema.hpp"

#include <string>

namespace stance::store::sqlite {

namespace {

// Tables (the same columns are meant for PostgreSQL):
//   scans             one row per recorded scan
//   scan_items        its lists: scanned paths, accounts, regions, rules evaluated
//   findings          its findings, one per fingerprint
//   transitions       new / resolved / regressed, derived when a scan is written
//   fingerprint_state per scope and fingerprint, the last judged verdict: what transitions are derived from,
//                     kept when retention deletes old scans
//   notifications     the outbox of notifications of transitions (one per transition and target), for watch
//   watch_state       small named values that outlive a watcher (its event cursors)
// Version 2 added notifications.next_attempt and watch_state (kMigrateTo2 brings a version 1 file there).
constexpr const char* kSchema = R"sql(
CREATE TABLE scans (
  id           INTEGER PRIMARY KEY,
  time         TEXT NOT NULL,
  scope        TEXT NOT NULL,
  source       TEXT NOT NULL,
  tool_version TEXT NOT NULL,
  complete     INTEGER NOT NULL,
  pass         INTEGER NOT NULL,
  fail         INTEGER NOT NULL,
  unknown      INTEGER NOT NULL,
  error        INTEGER NOT NULL,
  suppressed   INTEGER NOT NULL
);
CREATE INDEX scans_by_time ON scans(time);
CREATE INDEX scans_by_scope ON scans(scope, id);
CREATE TABLE scan_items (
  scan_id  INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  kind     TEXT NOT NULL CHECK (kind IN ('path', 'account', 'region', 'rule')),
  position INTEGER NOT NULL,
  value    TEXT NOT NULL,
  PRIMARY KEY (scan_id, kind, position)
);
CREATE TABLE findings (
  scan_id            INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  fingerprint        TEXT NOT NULL,
  rule_id            TEXT NOT NULL,
  status             TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'unknown', 'error')),
  severity           TEXT NOT NULL,
  resource_type      TEXT NOT NULL,
  resource_id        TEXT NOT NULL,
  resource_name      TEXT NOT NULL,
  location           TEXT NOT NULL,
  account            TEXT NOT NULL,
  region             TEXT NOT NULL,
  message            TEXT NOT NULL,
  suppressed         INTEGER NOT NULL,
  suppression_reason TEXT NOT NULL,
  PRIMARY KEY (scan_id, fingerprint)
);
CREATE INDEX findings_by_fingerprint ON findings(fingerprint, scan_id);
CREATE TABLE transitions (
  id               INTEGER PRIMARY KEY,
  scan_id          INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
  previous_scan_id INTEGER,
  time             TEXT NOT NULL,
  scope            TEXT NOT NULL,
  fingerprint      TEXT NOT NULL,
  kind             TEXT NOT NULL CHECK (kind IN ('new', 'resolved', 'regressed')),
  from_state       TEXT NOT NULL,
  to_state         TEXT NOT NULL,
  rule_id          TEXT NOT NULL,
  severity         TEXT NOT NULL,
  resource_type    TEXT NOT NULL,
  resource_id      TEXT NOT NULL,
  resource_name    TEXT NOT NULL,
  location         TEXT NOT NULL,
  message          TEXT NOT NULL
);
CREATE INDEX transitions_by_time ON transitions(time);
CREATE INDEX transitions_by_fingerprint ON transitions(fingerprint, id);
CREATE TABLE fingerprint_state (
  scope            TEXT NOT NULL,
  fingerprint      TEXT NOT NULL,
  state            TEXT NOT NULL CHECK (state IN ('pass', 'fail', 'gone')),
  first_seen_scan  INTEGER NOT NULL,
  last_judged_scan INTEGER NOT NULL,
  rule_id          TEXT NOT NULL,
  severity         TEXT NOT NULL,
  resource_type    TEXT NOT NULL,
  resource_id      TEXT NOT NULL,
  resource_name    TEXT NOT NULL,
  location         TEXT NOT NULL,
  message          TEXT NOT NULL,
  PRIMARY KEY (scope, fingerprint)
);
CREATE TABLE notifications (
  id            INTEGER PRIMARY KEY,
  transition_id INTEGER NOT NULL REFERENCES transitions(id) ON DELETE CASCADE,
  target        TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  next_attempt  TEXT NOT NULL DEFAULT '',
  UNIQUE (transition_id, target)
);
CREATE INDEX notifications_due ON notifications(status, next_attempt);
CREATE TABLE watch_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL
);
)sql";

constexpr const char* kMigrateTo2 = R"sql(
ALTER TABLE notifications ADD COLUMN next_attempt TEXT NOT NULL DEFAULT '';
CREATE INDEX notifications_due ON notifications(status, next_attempt);
CREATE TABLE watch_state (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL
);
)sql";

int pragma_int(Database& db, const char* sql) {
  Statement s(db, sql);
  return s.step() ? static_cast<int>(s.integer(0)) : 0;
}

int object_count(Database& db) { return pragma_int(db, "SELECT count(*) FROM sqlite_schema"); }

// What the file is, read without writing anything. SQLite reads the header lazily: a file that is not a
// database fails here, on the first read, with "file is not a database".
enum class Kind { Empty, Stance, Foreign };

Kind classify(Database& db, int& version) {
  const int application_id = pragma_int(db, "PRAGMA application_id");
  version = pragma_int(db, "PRAGMA user_version");
  if (application_id == kApplicationId) return Kind::Stance;
  if (application_id == 0 && version == 0 && object_count(db) == 0) return Kind::Empty;
  return Kind::Foreign;
}

}  // namespace

void prepare_schema(Database& db, OpenMode mode) {
  int version = 0;
  // One read transaction: another process creating the schema commits between two separate reads, and the
  // file would look half-made (no application ID yet, tables already) — another application's, to classify.
  db.exec("BEGIN");
  Kind kind;
  try {
    kind = classify(db, version);
  } catch (...) {
    db.exec("ROLLBACK");
    throw;
  }
  db.exec("COMMIT");
  if (kind == Kind::Foreign) {
    throw StoreError("history database " + db.path() + ": not a stance history (another application's SQLite "
                     "database); nothing was changed");
  }
  if (kind == Kind::Empty && mode == OpenMode::MustExist) {
    throw StoreError("history database " + db.path() + ": empty, no scan recorded yet (record one with "
                     "`stance scan ... --db " + db.path() + "`)");
  }
  if (kind == Kind::Stance && version > kSchemaVersion) {
    throw StoreError("history database " + db.path() + ": written by a newer stance (schema version " +
                     std::to_string(version) + ", this stance reads up to " + std::to_string(kSchemaVersion) +
                     "); nothing was changed");
  }
  db.exec("PRAGMA foreign_keys = ON");
  // WAL: readers (history, the dashboard) do not block the writer, and a crash mid-write loses nothing that
  // was committed. Persistent in the file, so set once; not inside a transaction.
  {
    Statement wal(db, "PRAGMA journal_mode = WAL");
    if (wal.step() && wal.text(0) != "wal") db.fail("cannot switch to WAL mode");
  }
  if (kind == Kind::Stance) {
    if (version == kSchemaVersion) return;
    // Additive only (a column with a default, a table), so that reading an older history upgrades it safely.
    Transaction migrate(db);
    // Another process may have migrated it between the check and the lock.
    classify(db, version);
    if (version < 2) db.exec(kMigrateTo2);
    db.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
    migrate.commit();
    return;
  }
  Transaction create(db);
  // Another process may have created it between the check and the lock.
  if (classify(db, version) == Kind::Stance) {
    create.commit();
    return;
  }
  db.exec(kSchema);
  db.exec(("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
  db.exec(("PRAGMA user_version = " + std::to_string(kSchemaVersion)).c_str());
  create.commit();
}

}  // namespace stance::store::sqlite
