#include "store/scan_diff.hpp"

#include <map>

namespace stance::store {

namespace {

bool failing(const std::optional<FindingRecord>& f) { return f && f->status == "fail" && !f->suppressed; }

bool same(const FindingRecord& a, const FindingRecord& b) {
  return a.status == b.status && a.suppressed == b.suppressed && a.severity == b.severity && a.message == b.message;
}

}  // namespace

ScanDiff diff_scans(const ScanRecord& first, const ScanRecord& second) {
  std::map<std::string, DiffEntry> by_fingerprint;
  for (const auto& f : first.findings) by_fingerprint[f.fingerprint].before = f;
  for (const auto& f : second.findings) by_fingerprint[f.fingerprint].after = f;
  ScanDiff out;
  for (auto& [fingerprint, entry] : by_fingerprint) {
    entry.fingerprint = fingerprint;
    if (failing(entry.after) && !failing(entry.before)) {
      out.added.push_back(std::move(entry));
    } else if (failing(entry.before) && (!entry.after || entry.after->status == "pass")) {
      out.resolved.push_back(std::move(entry));
    } else if (entry.before && entry.after && same(*entry.before, *entry.after)) {
      ++out.unchanged;
    } else {
      out.changed.push_back(std::move(entry));
    }
  }
  return out;
}

}  // namespace stance::store
