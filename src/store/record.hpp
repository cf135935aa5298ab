// What the history stores: one record per scan, its findings by fingerprint, and the transitions derived
// between consecutive scans of the same scope. Plain values only, so that every Store implementation
// (SQLite now, PostgreSQL later) reads and writes the same things.
#pragma once

#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

namespace stance::store {

using ScanId = std::int64_t;

// A finding as the history keeps it. `status` is the report's verdict: "pass", "fail", "unknown", "error".
struct FindingRecord {
  std::string fingerprint;  // store/fingerprint.hpp: rule + resource identity, never a line number
  std::string rule_id;
  std::string status;
  std::string severity;
  std::string resource_type;
  std::string resource_id;    // logical ID | Terraform address | ARN | account ID
  std::string resource_name;
  std::string location;       // "file:line:col" or the ARN, as reports print it (changes when code moves)
  std::string account;        // live: the account and region the finding is located in
  std::string region;
  std::string message;
  bool suppressed = false;
  std::string suppression_reason;
};

struct ScanRecord {
  ScanId id = 0;                        // set by Store::record_scan
  std::string time;                     // UTC ISO 8601, "2024-05-01T12:00:00Z"
  std::string scope;                    // the source identity: transitions compare scans of one scope only
  std::string source;                   // "paths" | "aws"
  std::vector<std::string> paths;       // the scanned paths, absolute (IaC)
  std::vector<std::string> accounts;    // the accounts asked for and those findings are located in, sorted
  std::vector<std::string> regions;     // the regions asked for, else those findings are located in, sorted
  std::string tool_version;             // STANCE_VERSION
  std::vector<std::string> rules;       // the rules evaluated, sorted
  // false when the scan had errors (a file or an API call could not be read): then a fingerprint it does not
  // report is not taken as gone, since the scan may simply not have seen its resource.
  bool complete = true;
  std::vector<FindingRecord> findings;  // one per fingerprint
  // Written in the scan's own transaction, so that a crash leaves both or neither:
  // the notification targets (Notification::target) each transition of this scan is queued for, and
  // watch state (Store::state) that this scan advances, e.g. an event cursor of `stance watch`.
  std::vector<std::string> notify_targets;
  std::vector<std::pair<std::string, std::string>> state_updates;
};

// A scan without its findings, as history lists it.
struct ScanSummary {
  ScanId id = 0;
  std::string time;
  std::string scope;
  std::string source;
  std::vector<std::string> paths;
  std::vector<std::string> accounts;
  std::vector<std::string> regions;
  std::string tool_version;
  std::vector<std::string> rules;
  bool complete = true;
  int pass = 0, fail = 0, unknown = 0, error = 0, suppressed = 0;
};

enum class TransitionKind { New, Resolved, Regressed };
const char* to_string(TransitionKind kind);  // "new" | "resolved" | "regressed"
std::optional<TransitionKind> parse_transition_kind(std::string_view text);

struct Transition {
  std::int64_t id = 0;                 // set by the store
  ScanId scan_id = 0;                  // the scan that showed the change
  std::optional<ScanId> previous_scan_id;  // the scan that last judged the finding (none for "new")
  std::string time;                    // the scan's time
  std::string scope;
  std::string fingerprint;
  TransitionKind kind = TransitionKind::New;
  std::string from;                    // "" (never seen) | "pass" | "fail" | "gone"
  std::string to;                      // "fail" | "pass" | "gone"
  std::string rule_id;
  std::string severity;
  std::string resource_type;
  std::string resource_id;
  std::string resource_name;
  std::string location;
  std::string message;                 // the finding's message in the scan of the change (resolved by absence: the last one seen)
};

// One transition queued for one notification target (the outbox). Delivery is at least once per row and
// recorded: a watcher killed after delivering but before recording it may send that one row again, but a
// transition is queued only once per target, in the transaction that derived it.
struct Notification {
  std::int64_t id = 0;
  std::string target;        // as given to watch: "webhook:URL", "slack:URL", "sns:ARN", "exec:COMMAND"
  std::string status;        // "pending" | "delivered" | "failed" (gave up)
  int attempts = 0;
  std::string last_error;
  std::string next_attempt;  // UTC ISO 8601: a pending notification is due when this is <= now
  std::string created_at;
  std::string updated_at;
  Transition transition;     // what it notifies
};

// What the store remembers per (scope, fingerprint) across scans, so that transitions stay right when the
// scans that established them have been deleted by retention.
struct FingerprintState {
  std::string fingerprint;
  std::string state;          // "pass" | "fail" | "gone": the last judged verdict
  ScanId last_judged_scan = 0;
  ScanId first_seen_scan = 0;
  // What the finding was when last judged, for a "resolved" transition by absence.
  FindingRecord last;
};

}  // namespace stance::store
