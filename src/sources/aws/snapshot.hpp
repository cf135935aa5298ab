// `stance collect` snapshots: everything a live read collected (RawAccount: per trail the API responses
// with operation, region and time; the regions read; account-level problems), in one versioned JSON file.
// `stance scan snapshot.json` reads it back and runs the same adapter as a live scan, so it gives the same
// findings. The format is documented in SNAPSHOT.md beside this file.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "engine/finding.hpp"
#include "sources/aws/raw_trail.hpp"
#include "sources/source.hpp"

namespace stance::sources::aws {

inline constexpr int kSnapshotVersion = 1;

struct SnapshotMeta {
  std::string tool_version;  // stance's version, e.g. STANCE_VERSION
  std::string collected_at;  // ISO 8601 UTC, when the collection started
};

// The snapshot as JSON text (pretty-printed, ends with a newline). Each response that is JSON is embedded as
// JSON, so people can read it; a body that is not (a truncated response) is kept as a string.
// `problems` are those of the collection as a whole, before any account could be read (GetCallerIdentity
// or organizations:ListAccounts failed, no credentials): recorded so that a scan of the snapshot reports them.
std::string write_snapshot(const std::vector<RawAccount>& accounts, const SnapshotMeta& meta,
                           const std::vector<RawProblem>& problems = {});

struct SnapshotRead {
  std::vector<RawAccount> accounts;
  SnapshotMeta meta;
  // The file could not be read completely (bad JSON, wrong shape, unsupported version): file:line:col.
  std::vector<engine::ScanError> errors;
  std::vector<engine::ScanError> warnings;  // e.g. a call of an operation this stance does not use
  // The recorded problems (collection-wide, and account-level such as AccessDenied on ListTrails), located
  // at their entry in the file; the collection was incomplete, so a scan of the snapshot is too.
  std::vector<engine::ScanError> problems;
  // The collection-wide problems as recorded (also in `problems`, as errors).
  std::vector<RawProblem> collection_problems;
};

SnapshotRead read_snapshot(const std::string& path);
SnapshotRead read_snapshot_text(std::string_view text, const std::string& path);
// From a document already parsed as JSON whose root has "stance_snapshot".
SnapshotRead read_snapshot_root(const doc::Node& root, const std::string& path);

// What `stance scan snapshot.json` evaluates: the adapted trails (source kind Snapshot), the file's errors
// and the recorded problems as errors, a summary note.
SourceResult scan_snapshot(SnapshotRead read, const std::string& path);
SourceResult scan_snapshot_file(const std::string& path);

}  // namespace stance::sources::aws
