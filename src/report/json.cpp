// The JSON report: the contract of ../shared/DESIGN.md section 4, which other tools parse. Keys are written in a
// fixed order; additions beyond the contract ("suppression", "warnings", summary "suppressed", a Terraform
// resource's "root_module", "compliance" with --framework) only add keys, never change or remove one. In
// "summary" every finding is counted once: a suppressed fail or unknown under "suppressed" (never as "fail"),
// as the other formats count it.
#include "common/json_writer.hpp"
#include "report/compliance_json.hpp"
#include "report/report.hpp"
#include "report/support.hpp"

namespace stance::report {
namespace {

const char* suppression_kind(engine::Suppression::Kind kind) {
  switch (kind) {
    case engine::Suppression::Kind::InSource: return "in_source";
    case engine::Suppression::Kind::Config: return "config";
  }
  return "?";
}

// File locations: {file, line, column}, line/column left out when unknown (0). Cloud locations:
// {arn, region, account}. An empty location is an empty object, so "location" is always present.
void write_location(json::Writer& w, const model::Location& where) {
  w.begin_object();
  if (where.is_file()) {
    w.field("file", where.file);
    if (where.line > 0) w.field("line", where.line);
    if (where.column > 0) w.field("column", where.column);
  }
  if (where.is_cloud()) {
    w.field("arn", where.arn);
    w.field("region", where.region);
    w.field("account", where.account);
  }
  w.end_object();
}

void write_finding(json::Writer& w, const engine::Finding& f) {
  w.begin_object();
  w.field("rule_id", f.rule_id);
  w.field("status", engine::to_string(f.status));
  w.field("severity", engine::to_string(f.severity));
  w.key("resource").begin_object();
  w.field("type", f.resource.type);
  w.field("id", f.resource.id);
  w.field("name", f.resource.name);
  if (f.resource.name_generated) w.field("name_generated", true);
  if (!f.resource.root_module.empty()) w.field("root_module", f.resource.root_module);
  w.end_object();
  w.key("location");
  write_location(w, f.location);
  w.field("message", f.message);
  if (f.suppression) {
    w.key("suppression").begin_object();
    w.field("kind", suppression_kind(f.suppression->kind));
    w.field("reason", f.suppression->reason);
    w.key("location");
    write_location(w, f.suppression->where);
    w.end_object();
  }
  w.end_object();
}

void write_problems(json::Writer& w, const char* name, const std::vector<engine::ScanError>& problems) {
  w.key(name).begin_array();
  for (const engine::ScanError& e : problems) {
    w.begin_object();
    w.field("source", e.source);
    w.field("message", e.message);
    w.key("location");
    write_location(w, e.location);
    w.end_object();
  }
  w.end_array();
}

}  // namespace

void write_json(std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase&,
                const Options& options) {
  // A report may be thousands of findings: handed to the stream in chunks, not call by call.
  json::Writer w(out, /*pretty=*/true, json::Writer::Handing::InChunks);
  w.begin_object();
  w.field("schema_version", 1);
  w.key("tool").begin_object();
  w.field("name", "stance");
  w.field("version", options.tool_version);
  w.end_object();

  w.key("findings").begin_array();
  for (const engine::Finding& f : result.findings) write_finding(w, f);
  w.end_array();
  write_problems(w, "errors", result.errors);
  write_problems(w, "warnings", result.warnings);

  const detail::Counts counts = detail::count_findings(result.findings);
  w.key("summary").begin_object();
  w.field("pass", counts.pass);
  w.field("fail", counts.fail);
  w.field("unknown", counts.unknown);
  w.field("error", counts.error);
  w.field("suppressed", counts.suppressed);
  w.end_object();

  // Only with --framework, so a report without one is byte-for-byte what it was.
  if (!result.compliance.empty()) {
    w.key("compliance");
    detail::write_compliance(w, result.compliance);
  }

  w.end_object();
  w.finish();
}

}  // namespace stance::report
