#include "serve/api_json.hpp"

#include "common/json_writer.hpp"
#include "serve/fix_commands.hpp"

namespace stance::serve {

namespace {

constexpr int kSchemaVersion = 1;

void write_counts(json::Writer& w, const Counts& c) {
  w.field("pass", c.pass).field("fail", c.fail).field("unknown", c.unknown).field("error", c.error);
  w.field("suppressed", c.suppressed);
}

void write_finding(json::Writer& w, const PostureFinding& pf) {
  const auto& f = pf.record;
  w.begin_object();
  w.field("scan_id", pf.scan_id).field("scan_time", pf.scan_time).field("fingerprint", f.fingerprint);
  w.field("rule_id", f.rule_id).field("status", f.status).field("severity", f.severity);
  w.key("resource").begin_object();
  w.field("type", f.resource_type).field("id", f.resource_id).field("name", f.resource_name);
  w.end_object();
  w.field("location", f.location).field("account", f.account).field("region", f.region).field("message", f.message);
  w.field("suppressed", f.suppressed);
  if (f.suppressed) w.field("suppression_reason", f.suppression_reason);
  w.end_object();
}

}  // namespace

void write_overview_json(std::ostream& out, const Posture& posture) {
  json::Writer w(out);
  w.begin_object();
  w.field("schema_version", kSchemaVersion);
  w.field("scan_count", static_cast<std::int64_t>(posture.scan_count));
  w.key("totals").begin_object();
  write_counts(w, posture.totals);
  w.end_object();
  for (Dimension d : {Dimension::Rule, Dimension::Severity, Dimension::Account, Dimension::Region}) {
    w.key(std::string("by_") + to_string(d)).begin_array();
    for (const auto& [value, counts] : counts_by(posture, d)) {
      w.begin_object();
      w.field("value", value);
      write_counts(w, counts);
      w.end_object();
    }
    w.end_array();
  }
  w.key("trend").begin_array();
  for (const auto& p : posture.trend) {
    w.begin_object();
    w.field("time", p.time).field("scan_id", p.scan_id);
    write_counts(w, p.counts);
    w.end_object();
  }
  w.end_array();
  w.key("latest_scans").begin_array();
  for (const auto& s : posture.latest_scans) {
    w.begin_object();
    w.field("id", s.id).field("time", s.time).field("scope", s.scope).field("source", s.source);
    w.field("complete", s.complete);
    write_counts(w, {s.pass, s.fail, s.unknown, s.error, s.suppressed});
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.finish();
}

void write_findings_json(std::ostream& out, const Posture& posture, const FindingFilter& filter) {
  json::Writer w(out);
  w.begin_object();
  w.field("schema_version", kSchemaVersion);
  w.key("filter").begin_object();
  w.field("rule", filter.rule).field("severity", filter.severity).field("status", filter.status);
  w.field("account", filter.account).field("region", filter.region).field("text", filter.text);
  w.end_object();
  const std::size_t first = (static_cast<std::size_t>(filter.page) - 1) * kPageSize;
  std::size_t total = 0;
  w.key("findings").begin_array();
  for (const auto& f : posture.findings) {
    if (!matches(filter, f.record)) continue;
    if (total >= first && total < first + kPageSize) write_finding(w, f);
    ++total;
  }
  w.end_array();
  w.field("total", static_cast<std::int64_t>(total)).field("page", filter.page);
  w.field("page_size", static_cast<std::int64_t>(kPageSize));
  w.end_object();
  w.finish();
}

void write_suppressed_json(std::ostream& out, const Posture& posture) {
  json::Writer w(out);
  w.begin_object();
  w.field("schema_version", kSchemaVersion);
  w.key("findings").begin_array();
  for (const auto& f : posture.findings) {
    if (f.record.suppressed) write_finding(w, f);
  }
  w.end_array();
  w.end_object();
  w.finish();
}

void write_finding_json(std::ostream& out, const PostureFinding& finding, const std::vector<store::Transition>& history) {
  json::Writer w(out);
  w.begin_object();
  w.field("schema_version", kSchemaVersion);
  w.key("finding");
  write_finding(w, finding);
  w.key("fix_commands").begin_array();
  for (const auto& c : fix_commands(finding)) {
    w.begin_object();
    w.field("purpose", c.purpose).field("command", c.command);
    w.end_object();
  }
  w.end_array();
  w.key("history").begin_array();
  for (const auto& t : history) {
    w.begin_object();
    w.field("time", t.time).field("scan_id", t.scan_id).field("kind", store::to_string(t.kind));
    w.field("from", t.from).field("to", t.to).field("location", t.location).field("message", t.message);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.finish();
}

}  // namespace stance::serve
