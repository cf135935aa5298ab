#include "serve/posture.hpp"

#include <algorithm>
#include <cctype>
#include <map>

namespace stance::serve {

void Counts::add(const store::FindingRecord& f) {
  if (f.suppressed && (f.status == "fail" || f.status == "unknown")) ++suppressed;
  else if (f.status == "pass") ++pass;
  else if (f.status == "fail") ++fail;
  else if (f.status == "unknown") ++unknown;
  else ++error;
}

namespace {

Counts counts_of(const store::ScanSummary& s) {
  return {s.pass, s.fail, s.unknown, s.error, s.suppressed};
}

Counts operator+(Counts a, const Counts& b) {
  a.pass += b.pass;
  a.fail += b.fail;
  a.unknown += b.unknown;
  a.error += b.error;
  a.suppressed += b.suppressed;
  return a;
}

int status_rank(const store::FindingRecord& f) {
  if (f.suppressed) return 5;
  if (f.status == "fail") return 0;
  if (f.status == "error") return 1;
  if (f.status == "unknown") return 2;
  return 3;
}

// Every scan is a point while there are few; beyond kMaxTrendPoints, evenly spaced ones and always the last,
// so a watch that has run for months still draws in a page.
std::vector<TrendPoint> thinned(std::vector<TrendPoint> points) {
  if (points.size() <= kMaxTrendPoints) return points;
  std::vector<TrendPoint> out;
  const double step = static_cast<double>(points.size() - 1) / static_cast<double>(kMaxTrendPoints - 1);
  for (std::size_t i = 0; i < kMaxTrendPoints; ++i) {
    out.push_back(points[static_cast<std::size_t>(static_cast<double>(i) * step + 0.5)]);
  }
  out.back() = points.back();
  return out;
}

}  // namespace

int severity_rank(std::string_view severity) {
  static constexpr std::string_view kOrder[] = {"critical", "high", "medium", "low", "info"};
  for (int i = 0; i < 5; ++i) {
    if (severity.size() == kOrder[i].size() &&
        std::equal(severity.begin(), severity.end(), kOrder[i].begin(),
                   [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; })) {
      return i;
    }
  }
  return 5;
}

Posture make_posture(const std::vector<store::ScanSummary>& scans, std::vector<store::ScanRecord> latest) {
  Posture p;
  p.scan_count = scans.size();
  std::map<std::string, store::ScanSummary> latest_summary;
  std::map<std::string, Counts> per_scope;
  std::vector<TrendPoint> trend;
  for (const auto& s : scans) {
    latest_summary[s.scope] = s;
    per_scope[s.scope] = counts_of(s);
    TrendPoint point{s.time, s.id, {}};
    for (const auto& [scope, counts] : per_scope) point.counts = point.counts + counts;
    trend.push_back(std::move(point));
  }
  p.trend = thinned(std::move(trend));
  for (auto& [scope, summary] : latest_summary) p.latest_scans.push_back(std::move(summary));

  for (auto& scan : latest) {
    for (auto& f : scan.findings) {
      p.totals.add(f);
      p.findings.push_back({std::move(f), scan.id, scan.time, scan.scope, scan.source, scan.paths});
    }
  }
  std::stable_sort(p.findings.begin(), p.findings.end(), [](const PostureFinding& a, const PostureFinding& b) {
    const int ra = status_rank(a.record), rb = status_rank(b.record);
    if (ra != rb) return ra < rb;
    const int sa = severity_rank(a.record.severity), sb = severity_rank(b.record.severity);
    if (sa != sb) return sa < sb;
    if (a.record.rule_id != b.record.rule_id) return a.record.rule_id < b.record.rule_id;
    return a.record.resource_id < b.record.resource_id;
  });
  return p;
}

Posture load_posture(store::Store& store) { return load_posture(store, store.scans("")); }

Posture load_posture(store::Store& store, const std::vector<store::ScanSummary>& scans) {
  std::map<std::string, store::ScanId> latest_id;
  for (const auto& s : scans) latest_id[s.scope] = s.id;  // oldest first: the last one wins
  std::vector<store::ScanRecord> latest;
  for (const auto& [scope, id] : latest_id) {
    if (auto record = store.scan(id)) latest.push_back(std::move(*record));
  }
  return make_posture(scans, std::move(latest));
}

const char* to_string(Dimension dimension) {
  switch (dimension) {
    case Dimension::Rule: return "rule";
    case Dimension::Severity: return "severity";
    case Dimension::Account: return "account";
    case Dimension::Region: return "region";
  }
  return "rule";
}

const std::string& value_of(const store::FindingRecord& f, Dimension dimension) {
  switch (dimension) {
    case Dimension::Rule: return f.rule_id;
    case Dimension::Severity: return f.severity;
    case Dimension::Account: return f.account;
    case Dimension::Region: return f.region;
  }
  return f.rule_id;
}

std::vector<std::pair<std::string, Counts>> counts_by(const Posture& posture, Dimension dimension) {
  std::map<std::string, Counts> by;
  for (const auto& f : posture.findings) by[value_of(f.record, dimension)].add(f.record);
  std::vector<std::pair<std::string, Counts>> out(by.begin(), by.end());
  if (dimension == Dimension::Severity) {
    std::stable_sort(out.begin(), out.end(),
                     [](const auto& a, const auto& b) { return severity_rank(a.first) < severity_rank(b.first); });
  }
  return out;
}

}  // namespace stance::serve
