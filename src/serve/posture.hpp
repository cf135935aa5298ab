// What the dashboard and the HTML report show, read from the history: the latest scan of each scope (a
// scanned directory set or an AWS account selection) with its findings, and the trend of the counts over
// every recorded scan. Plain values, so that pages, the JSON API and the report render the same data.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store/record.hpp"
#include "store/store.hpp"

namespace stance::serve {

// A finding of a latest scan, with the scan it comes from.
struct PostureFinding {
  store::FindingRecord record;
  store::ScanId scan_id = 0;
  std::string scan_time;
  std::string scope;
  std::string source;                // "paths" | "aws"
  std::vector<std::string> paths;    // the scan's paths (IaC), for the fix command
};

// As the scan report's summary: a suppressed fail or unknown counts under `suppressed` only.
struct Counts {
  int pass = 0, fail = 0, unknown = 0, error = 0, suppressed = 0;
  void add(const store::FindingRecord& f);
  int total() const { return pass + fail + unknown + error + suppressed; }
};

// The posture after one scan: its time and the counts summed over the latest scan of each scope so far.
struct TrendPoint {
  std::string time;
  store::ScanId scan_id = 0;
  Counts counts;
};

struct Posture {
  std::vector<store::ScanSummary> latest_scans;  // one per scope, by scope
  std::vector<PostureFinding> findings;          // of the latest scans: failing first, then by rule and resource
  std::vector<TrendPoint> trend;                 // oldest first, at most kMaxTrendPoints
  std::size_t scan_count = 0;                    // every recorded scan
  Counts totals;
};

inline constexpr std::size_t kMaxTrendPoints = 400;

// Reads every scan summary and the findings of each scope's latest scan. Throws store::StoreError.
Posture load_posture(store::Store& store);
// The same from summaries already read (store.scans("")).
Posture load_posture(store::Store& store, const std::vector<store::ScanSummary>& scans);

// Builds the posture from records already read (load_posture's second half; the tests use it directly).
Posture make_posture(const std::vector<store::ScanSummary>& scans, std::vector<store::ScanRecord> latest);

enum class Dimension { Rule, Severity, Account, Region };
const char* to_string(Dimension dimension);  // "rule" | "severity" | "account" | "region"

// The counts per value of `dimension` over the posture's findings; severities from critical down to info,
// other dimensions by value. An empty account or region (a template finding) is its own row, "".
std::vector<std::pair<std::string, Counts>> counts_by(const Posture& posture, Dimension dimension);

// The finding's value of `dimension`.
const std::string& value_of(const store::FindingRecord& f, Dimension dimension);

// critical 0 .. info 4, anything else 5: the order severities are listed in.
int severity_rank(std::string_view severity);

}  // namespace stance::serve
