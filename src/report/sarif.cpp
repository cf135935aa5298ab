// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Validates against the OASIS schema
// (tests/report/validate_sarif.py). Choices worth knowing:
// - every finding is a result, passes included (kind "pass"): GitHub ignores them for alerts, audits
//   want them; unknown is kind "review"; only kind "fail" carries a level other than "none" (the spec
//   ties level to kind);
// - findings with status error are not results (nothing was judged): they go, with the source errors
//   and warnings, to invocations[0].toolExecutionNotifications;
// - relative paths stay relative to %SRCROOT% (the checkout GitHub resolves them against);
// - cloud findings are located by logicalLocations (the ARN) only. GitHub code scanning rejects a whole
//   upload when any result lacks a physical location, so SARIF from a live scan is for other SARIF
//   consumers; SARIF from IaC scans passes GitHub's checks (validate_sarif.py --github);
// - with --framework, the per-control summary is the run's property "stance/compliance" (the JSON report's
//   "compliance" array);
// - partialFingerprints hash rule + file + resource ID, not the line, so an alert survives edits above it
//   (the file is part of it because logical IDs repeat across templates).
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/json_writer.hpp"
#include "kb/render.hpp"
#include "report/compliance_json.hpp"
#include "report/report.hpp"
#include "report/support.hpp"

#ifndef STANCE_HOMEPAGE_URL
#define STANCE_HOMEPAGE_URL ""
#endif

namespace stance::report {
namespace {

constexpr const char* kSchemaUri =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
constexpr const char* kSourceRoot = "%SRCROOT%";
constexpr const char* kFingerprintKey = "stanceResourceHash/v1";

// ---- rules -------------------------------------------------------------------------------------------

const char* level_for(engine::Severity severity) {
  switch (severity) {
    case engine::Severity::Critical:
    case engine::Severity::High: return "error";
    case engine::Severity::Medium: return "warning";
    case engine::Severity::Low:
    case engine::Severity::Info: return "note";
  }
  return "warning";
}

// GitHub's "security-severity": a CVSS-like score it maps back to critical (>= 9.0), high (7.0-8.9),
// medium (4.0-6.9) and low (0.1-3.9). Info has no security severity (GitHub then uses the level).
const char* security_severity(engine::Severity severity) {
  switch (severity) {
    case engine::Severity::Critical: return "9.5";
    case engine::Severity::High: return "8.0";
    case engine::Severity::Medium: return "5.5";
    case engine::Severity::Low: return "3.0";
    case engine::Severity::Info: return nullptr;
  }
  return nullptr;
}

// "CloudTrail Management Events" -> "CloudTrailManagementEvents" (reportingDescriptor.name).
std::string camel_case(std::string_view title) {
  std::string out;
  bool word_start = true;
  for (char c : title) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u)) {
      word_start = true;
      continue;
    }
    out.push_back(word_start && u < 0x80 ? static_cast<char>(std::toupper(u)) : c);
    word_start = false;
  }
  return out;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// A code fence longer than any run of backticks inside the text, so snippets cannot end it early.
std::string fence_for(std::string_view text) {
  std::size_t longest = 0, run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return std::string(std::max<std::size_t>(3, longest + 1), '`');
}

std::string without_trailing_newlines(std::string text) {
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

std::string snippet_heading(const kb::Snippet& s) { return s.title.empty() ? s.kind : s.title; }

// help.text: plain text for viewers that do not render Markdown.
std::string help_text(const kb::Article& a) {
  std::string text = without_trailing_newlines(a.summary);
  if (!a.rationale.empty()) text += "\n\nWhy it matters:\n" + without_trailing_newlines(a.rationale);
  if (!a.evaluation.empty()) text += "\n\nHow stance decides:\n" + without_trailing_newlines(a.evaluation);
  if (!a.remediation.empty()) {
    text += "\n\nRemediation:";
    for (const kb::Snippet& s : a.remediation) {
      text += "\n\n" + snippet_heading(s) + ":\n";
      if (!s.note.empty()) text += without_trailing_newlines(s.note) + "\n";
      text += without_trailing_newlines(s.text);
    }
  }
  if (!a.references.empty()) {
    text += "\n\nReferences:";
    for (const std::string& r : a.references) text += "\n" + r;
  }
  return text;
}

// help.markdown: what GitHub shows under an alert. The article's prose is Markdown-light already;
// snippets become fenced blocks tagged like `stance kb show --format markdown` tags them.
std::string help_markdown(const kb::Article& a) {
  std::string md = without_trailing_newlines(a.summary);
  if (!a.rationale.empty()) md += "\n\n## Why it matters\n\n" + without_trailing_newlines(a.rationale);
  if (!a.evaluation.empty()) md += "\n\n## How stance decides\n\n" + without_trailing_newlines(a.evaluation);
  if (!a.remediation.empty()) {
    md += "\n\n## Remediation";
    for (const kb::Snippet& s : a.remediation) {
      md += "\n\n### " + snippet_heading(s) + "\n\n";
      if (!s.note.empty()) md += without_trailing_newlines(s.note) + "\n\n";
      const std::string body = without_trailing_newlines(s.text);
      const std::string_view language = kb::snippet_language(s.kind);
      if (language.empty()) {
        md += body;  // console steps are prose
      } else {
        const std::string fence = fence_for(body);
        md += fence + std::string(language) + "\n" + body + "\n" + fence;
      }
    }
  }
  if (!a.references.empty()) {
    md += "\n\n## References\n";
    for (const std::string& r : a.references) md += "\n- <" + r + ">";
  }
  return md;
}

struct RuleEntry {
  std::string id;
  const kb::Article* article = nullptr;
  engine::Severity fallback_severity = engine::Severity::Medium;  // without an article: the finding's
  // The severity the rule's findings carry when it is not the article's (set in .stance.yaml): the level
  // and security-severity GitHub shows come from the rule, so they must say it too.
  std::optional<engine::Severity> configured;
};

// Every rule of the knowledge base and every rule that has findings, sorted by ID.
std::vector<RuleEntry> collect_rules(const engine::ScanResult& result, const kb::KnowledgeBase& kb) {
  std::vector<RuleEntry> rules;
  auto known = [&](std::string_view id) {
    return std::any_of(rules.begin(), rules.end(), [&](const RuleEntry& r) { return detail::iequals(r.id, id); });
  };
  for (const kb::Article& a : kb.articles()) {
    if (!known(a.id)) rules.push_back({a.id, &a});
  }
  for (const engine::Finding& f : result.findings) {
    if (known(f.rule_id)) continue;
    const kb::Article* article = detail::find_article(kb, f.rule_id);
    rules.push_back({article ? article->id : f.rule_id, article, f.severity});
  }
  std::sort(rules.begin(), rules.end(), [](const RuleEntry& a, const RuleEntry& b) { return a.id < b.id; });
  for (RuleEntry& rule : rules) {
    for (const engine::Finding& f : result.findings) {
      if (!detail::iequals(f.rule_id, rule.id)) continue;
      if (rule.article && f.severity != rule.article->risk) rule.configured = f.severity;
      break;  // a rule's findings share one severity
    }
  }
  return rules;
}

int rule_index(const std::vector<RuleEntry>& rules, std::string_view id) {
  for (std::size_t i = 0; i < rules.size(); ++i) {
    if (detail::iequals(rules[i].id, id)) return static_cast<int>(i);
  }
  return -1;
}

void write_rule(json::Writer& w, const RuleEntry& rule) {
  const kb::Article* a = rule.article;
  const engine::Severity severity = rule.configured ? *rule.configured : a ? a->risk : rule.fallback_severity;
  w.begin_object();
  w.field("id", rule.id);
  if (a && !a->title.empty()) w.field("name", camel_case(a->title));
  w.key("shortDescription").begin_object().field("text", a && !a->title.empty() ? a->title : rule.id).end_object();
  if (a && !a->summary.empty()) w.key("fullDescription").begin_object().field("text", a->summary).end_object();
  if (a && !a->references.empty()) w.field("helpUri", a->references.front());
  if (a) {
    w.key("help").begin_object();
    w.field("text", help_text(*a));
    w.field("markdown", help_markdown(*a));
    w.end_object();
  }
  w.key("defaultConfiguration").begin_object().field("level", level_for(severity)).end_object();
  w.key("properties").begin_object();
  w.key("tags").begin_array().value("security");
  if (a && !a->service.empty()) w.value(lowercase(a->service));
  w.end_array();
  if (const char* score = security_severity(severity)) w.field("security-severity", score);
  w.end_object();
  w.end_object();
}

// ---- artifacts and locations -------------------------------------------------------------------------

bool unreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~';
}

std::string percent_encode(std::string_view path) {
  std::string out;
  for (unsigned char c : path) {
    if (unreserved(c) || c == '/') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

struct ArtifactUri {
  std::string uri;
  bool relative = true;  // resolved against %SRCROOT%
};

// A path as given on the command line (or in a ScanError) to a SARIF URI: forward slashes, every byte
// outside the unreserved set percent-encoded; absolute paths become file: URIs.
ArtifactUri to_uri(std::string_view path) {
  std::string p(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  if (!p.empty() && p.front() == '/') return {"file://" + percent_encode(p), false};
  if (p.size() >= 3 && std::isalpha(static_cast<unsigned char>(p[0])) && p[1] == ':' && p[2] == '/') {
    return {"file:///" + p.substr(0, 2) + percent_encode(p.substr(2)), false};  // C:/...
  }
  while (p.size() > 2 && p.compare(0, 2, "./") == 0) p.erase(0, 2);
  return {percent_encode(p), true};
}

class Artifacts {
 public:
  int index_of(const std::string& file) {
    for (std::size_t i = 0; i < files_.size(); ++i) {
      if (files_[i] == file) return static_cast<int>(i);
    }
    files_.push_back(file);
    return static_cast<int>(files_.size() - 1);
  }
  void add(const model::Location& where) {
    if (where.is_file()) index_of(where.file);
  }
  const std::vector<std::string>& files() const { return files_; }

 private:
  std::vector<std::string> files_;  // in order of first mention
};

void write_artifact_location(json::Writer& w, const std::string& file, Artifacts& artifacts) {
  const ArtifactUri uri = to_uri(file);
  w.begin_object();
  w.field("uri", uri.uri);
  if (uri.relative) w.field("uriBaseId", kSourceRoot);
  w.field("index", artifacts.index_of(file));
  w.end_object();
}

// One SARIF location object: a physical location for files, a logical one for cloud resources.
void write_location(json::Writer& w, const model::Location& where, Artifacts& artifacts) {
  w.begin_object();
  if (where.is_file()) {
    w.key("physicalLocation").begin_object();
    w.key("artifactLocation");
    write_artifact_location(w, where.file, artifacts);
    if (where.line > 0) {
      w.key("region").begin_object();
      w.field("startLine", where.line);
      if (where.column > 0) w.field("startColumn", where.column);
      w.end_object();
    }
    w.end_object();
  }
  if (where.is_cloud()) {
    w.key("logicalLocations").begin_array();
    w.begin_object().field("fullyQualifiedName", where.arn).field("kind", "resource").end_object();
    w.end_array();
    w.key("properties").begin_object();
    if (!where.region.empty()) w.field("region", where.region);
    if (!where.account.empty()) w.field("account", where.account);
    w.end_object();
  }
  w.end_object();
}

void write_locations(json::Writer& w, const model::Location& where, Artifacts& artifacts) {
  if (where.empty()) return;
  w.key("locations").begin_array();
  write_location(w, where, artifacts);
  w.end_array();
}

// ---- results -----------------------------------------------------------------------------------------

std::uint64_t fnv1a(std::string_view text) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

std::string fingerprint(const std::string& rule_id, const engine::Finding& f) {
  std::string key = rule_id;
  key += '\0';
  if (f.location.is_file()) key += to_uri(f.location.file.view()).uri;
  key += '\0';
  key += f.resource.id;
  if (!f.resource.root_module.empty()) key += '\0' + f.resource.root_module;  // roots sharing a module
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(fnv1a(key)));
  return buf;
}

const char* result_kind(engine::Status status) {
  switch (status) {
    case engine::Status::Fail: return "fail";
    case engine::Status::Pass: return "pass";
    case engine::Status::Unknown: return "review";
    case engine::Status::Error: return "notApplicable";  // not written: errors are notifications
  }
  return "review";
}

// Code-scanning alerts show the message alone, so it names the resource: "AnalyticsTrail: records ...".
std::string message_or_fallback(const engine::Finding& f) {
  if (f.message.empty()) return f.resource.id + ": " + engine::to_string(f.status);
  if (f.resource.id.empty()) return f.message;
  return f.resource.id + ": " + f.message;
}

void write_result(json::Writer& w, const engine::Finding& f, const std::vector<RuleEntry>& rules,
                  Artifacts& artifacts) {
  const int index = rule_index(rules, f.rule_id);
  const std::string& rule_id = rules[static_cast<std::size_t>(index)].id;
  w.begin_object();
  w.field("ruleId", rule_id);
  w.field("ruleIndex", index);
  w.field("kind", result_kind(f.status));
  w.field("level", f.status == engine::Status::Fail ? level_for(f.severity) : "none");
  w.key("message").begin_object().field("text", message_or_fallback(f)).end_object();
  write_locations(w, f.location, artifacts);
  w.key("partialFingerprints").begin_object().field(kFingerprintKey, fingerprint(rule_id, f)).end_object();
  if (f.suppression) {
    const engine::Suppression& s = *f.suppression;
    w.key("suppressions").begin_array().begin_object();
    w.field("kind", s.kind == engine::Suppression::Kind::InSource ? "inSource" : "external");
    if (!s.reason.empty()) w.field("justification", s.reason);
    if (!s.where.empty()) {
      w.key("location");
      write_location(w, s.where, artifacts);
    }
    w.end_object().end_array();
  }
  w.key("properties").begin_object();
  w.key("resource").begin_object();
  w.field("type", f.resource.type).field("id", f.resource.id);
  if (!f.resource.name.empty()) w.field("name", f.resource.name);
  w.end_object();
  w.field("severity", engine::to_string(f.severity));
  if (const char* score = security_severity(f.severity)) w.field("security-severity", score);
  w.end_object();
  w.end_object();
}

void write_notification(json::Writer& w, const char* level, const engine::ScanError& problem,
                        Artifacts& artifacts) {
  w.begin_object();
  w.field("level", level);
  std::string text = problem.message;
  if (problem.location.empty() && !problem.source.empty()) text = problem.source + ": " + text;
  w.key("message").begin_object().field("text", text).end_object();
  write_locations(w, problem.location, artifacts);
  if (!problem.source.empty()) w.key("properties").begin_object().field("source", problem.source).end_object();
  w.end_object();
}

void write_error_finding(json::Writer& w, const engine::Finding& f, const std::vector<RuleEntry>& rules,
                         Artifacts& artifacts) {
  const int index = rule_index(rules, f.rule_id);
  w.begin_object();
  w.field("level", "error");
  w.key("message").begin_object().field("text", f.resource.id + ": " + f.message).end_object();
  write_locations(w, f.location, artifacts);
  w.key("associatedRule").begin_object();
  w.field("id", rules[static_cast<std::size_t>(index)].id).field("index", index);
  w.end_object();
  w.end_object();
}

bool is_semantic_version(std::string_view v) {
  int dots = 0;
  std::size_t i = 0;
  for (; i < v.size() && v[i] != '-' && v[i] != '+'; ++i) {
    if (v[i] == '.') {
      if (i == 0 || v[i - 1] == '.') return false;
      ++dots;
    } else if (!std::isdigit(static_cast<unsigned char>(v[i]))) {
      return false;
    }
  }
  return dots == 2 && i > 0 && v[i - 1] != '.';
}

}  // namespace

void write_sarif(std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                 const Options& options) {
  const std::vector<RuleEntry> rules = collect_rules(result, kb);
  // Artifacts are numbered in the order of first mention, as the results below will mention them.
  Artifacts artifacts;
  for (const engine::Finding& f : result.findings) {
    artifacts.add(f.location);
    if (f.suppression) artifacts.add(f.suppression->where);
  }
  for (const engine::ScanError& e : result.errors) artifacts.add(e.location);
  for (const engine::ScanError& e : result.warnings) artifacts.add(e.location);
  bool error_findings = false;
  for (const engine::Finding& f : result.findings) error_findings = error_findings || f.status == engine::Status::Error;

  json::Writer w(out);
  w.begin_object();
  w.field("$schema", kSchemaUri);
  w.field("version", "2.1.0");
  w.key("runs").begin_array().begin_object();

  w.key("tool").begin_object().key("driver").begin_object();
  w.field("name", "stance");
  w.field("version", options.tool_version);
  if (is_semantic_version(options.tool_version)) w.field("semanticVersion", options.tool_version);
  if (std::string_view(STANCE_HOMEPAGE_URL).size() > 0) w.field("informationUri", STANCE_HOMEPAGE_URL);
  w.key("rules").begin_array();
  for (const RuleEntry& rule : rules) write_rule(w, rule);
  w.end_array();
  w.end_object().end_object();

  w.key("invocations").begin_array().begin_object();
  w.field("executionSuccessful", result.errors.empty() && !error_findings);
  w.key("toolExecutionNotifications").begin_array();
  for (const engine::Finding& f : result.findings) {
    if (f.status == engine::Status::Error) write_error_finding(w, f, rules, artifacts);
  }
  for (const engine::ScanError& e : result.errors) write_notification(w, "error", e, artifacts);
  for (const engine::ScanError& e : result.warnings) write_notification(w, "warning", e, artifacts);
  w.end_array();
  w.end_object().end_array();

  w.key("artifacts").begin_array();
  for (const std::string& file : artifacts.files()) {
    const ArtifactUri uri = to_uri(file);
    w.begin_object().key("location").begin_object();
    w.field("uri", uri.uri);
    if (uri.relative) w.field("uriBaseId", kSourceRoot);
    w.end_object().end_object();
  }
  w.end_array();

  w.key("results").begin_array();
  for (const engine::Finding& f : result.findings) {
    if (f.status != engine::Status::Error) write_result(w, f, rules, artifacts);
  }
  w.end_array();
  w.field("columnKind", "unicodeCodePoints");
  if (!result.compliance.empty()) {
    // The JSON report's "compliance" array, in the run's property bag (SARIF has no place of its own for it).
    w.key("properties").begin_object().key("stance/compliance");
    detail::write_compliance(w, result.compliance);
    w.end_object();
  }

  w.end_object().end_array();
  w.end_object();
  w.finish();
}

}  // namespace stance::report
