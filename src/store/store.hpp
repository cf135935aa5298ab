// The history store: where every scan, its findings and their transitions are kept. One interface, so that
// a PostgreSQL store (`--db postgresql://...`) can come beside SQLite with the same schema and the same
// transition rules (store/transitions.hpp decides them, not the database).
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "store/record.hpp"

namespace stance::store {

// Every failure to open, read or write a store; the message names the database and says why.
class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Pruned {
  int scans = 0;
  int findings = 0;
  int transitions = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Writes the scan (its id is set), its findings and the transitions derived from the scope's fingerprint
  // states, all in one transaction: a crash or a concurrent writer leaves either all of it or none.
  // Returns the transitions written.
  virtual std::vector<Transition> record_scan(ScanRecord& scan) = 0;

  // Scans and transitions at or after `since` (UTC ISO 8601; "" = all), oldest first.
  virtual std::vector<ScanSummary> scans(const std::string& since) = 0;
  virtual std::vector<Transition> transitions(const std::string& since) = 0;

  // One scan with its findings (in fingerprint order); nullopt if there is no scan with that id.
  virtual std::optional<ScanRecord> scan(ScanId id) = 0;

  // Retention: deletes the scans older than `cutoff` (UTC ISO 8601) with their findings, transitions and
  // notifications, except the latest scan of each scope. The fingerprint states stay, so transitions derived
  // after the deletion are the same as without it.
  virtual Pruned prune_before(const std::string& cutoff) = 0;

  // The outbox (filled by record_scan from ScanRecord::notify_targets). Pending notifications whose
  // next_attempt is <= now (UTC ISO 8601), oldest first, at most `limit`; of transitions of `scope` only
  // ("" = every scope), so that watchers sharing one database (one per --shard) each deliver their own.
  virtual std::vector<Notification> due_notifications(const std::string& now, int limit,
                                                      const std::string& scope) = 0;
  // All notifications of transitions at or after `since`, oldest first (history, the dashboard).
  virtual std::vector<Notification> notifications(const std::string& since) = 0;
  // Records one delivery attempt: delivered; or failed with `error`, to be tried again at `next_attempt`
  // ("" = give up: status becomes "failed"). `now` is the attempt's time.
  virtual void record_attempt(std::int64_t notification_id, bool delivered, const std::string& error,
                              const std::string& now, const std::string& next_attempt) = 0;

  // Small named values that outlive a process (watch's event cursors). nullopt when never set.
  virtual std::optional<std::string> state(const std::string& key) = 0;
  virtual void set_state(const std::string& key, const std::string& value) = 0;
};

enum class OpenMode {
  CreateIfMissing,  // scan --db: a new file becomes an empty history
  MustExist,        // history, diff: reading a history that is not there is an error
};

// `location`: a file path (SQLite). Throws StoreError: cannot open, not a stance history, schema newer than
// this stance reads.
std::unique_ptr<Store> open_store(const std::string& location, OpenMode mode);

}  // namespace stance::store
