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

using namespace json::literals;  // "rule_id"_key

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
    w.field("file"_key, where.file);
    if (where.line > 0) w.field("line"_key, where.line);
    if (where.column > 0) w.field("column"_key, where.column);
  }
  if (where.is_cloud()) {
    w.field("arn"_key, where.arn);
    w.field("region"_key, where.region);
    w.field("account"_key, where.account);
  }
  w.end_object();
}

void write_finding(json::Writer& w, const engine::Finding& f) {
  w.begin_object();
  w.field("rule_id"_key, f.rule_id);
  w.field("status"_key, engine::to_string(f.status));
  w.field("severity"_key, engine::to_string(f.severity));
  w.key("resource"_key).begin_object();
  w.field("type"_key, f.resource.type);
  w.field("id"_key, f.resource.id);
  w.field("name"_key, f.resource.name);
  if (f.resource.name_generated) w.field("name_generated"_key, true);
  if (!f.resource.root_module.empty()) w.field("root_module"_key, f.resource.root_module);
  w.end_object();
  w.key("location"_key);
  write_location(w, f.location);
  w.field("message"_key, f.message);
  if (f.suppression) {
    w.key("suppression"_key).begin_object();
    w.field("kind"_key, suppression_kind(f.suppression->kind));
    w.field("reason"_key, f.suppression->reason);
    w.key("location"_key);
    write_location(w, f.suppression->where);
    w.end_object();
  }
  w.end_object();
}

void write_problems(json::Writer& w, const char* name, const std::vector<engine::ScanError>& problems) {
  w.key(name).begin_array();
  for (const engine::ScanError& e : problems) {
    w.begin_object();
    w.field("source"_key, e.source);
    w.field("message"_key, e.message);
    w.key("location"_key);
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
  w.field("schema_version"_key, 1);
  w.key("tool"_key).begin_object();
  w.field("name"_key, "stance");
  w.field("version"_key, options.tool_version);
  w.end_object();

  w.key("findings"_key).begin_array();
  for (const engine::Finding& f : result.findings) write_finding(w, f);
  w.end_array();
  write_problems(w, "errors", result.errors);
  write_problems(w, "warnings", result.warnings);

  const detail::Counts counts = detail::count_findings(result.findings);
  w.key("summary"_key).begin_object();
  w.field("pass"_key, counts.pass);
  w.field("fail"_key, counts.fail);
  w.field("unknown"_key, counts.unknown);
  w.field("error"_key, counts.error);
  w.field("suppressed"_key, counts.suppressed);
  w.end_object();

  // Only with --framework, so a report without one is byte-for-byte what it was.
  if (!result.compliance.empty()) {
    w.key("compliance"_key);
    detail::write_compliance(w, result.compliance);
  }

  w.end_object();
  w.finish();
}

}  // namespace stance::report
