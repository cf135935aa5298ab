#include "cli/diff_command.hpp"

#include <optional>
#include <ostream>

#include "common/json_writer.hpp"
#include "common/printable.hpp"
#include "store/postgres_url.hpp"
#include "store/scan_diff.hpp"
#include "store/store.hpp"

namespace stance::cli {

namespace {

constexpr int kDiffSchemaVersion = 1;

void write_scan(json::Writer& w, std::string_view name, const store::ScanRecord& s) {
  w.key(name).begin_object();
  w.field("id", s.id).field("time", s.time).field("source", s.source).field("scope", s.scope);
  w.end_object();
}

void write_side(json::Writer& w, std::string_view name, const std::optional<store::FindingRecord>& f) {
  w.key(name);
  if (!f) {
    w.null();
    return;
  }
  w.begin_object();
  w.field("status", f->status).field("suppressed", f->suppressed).field("severity", f->severity);
  w.field("location", f->location).field("message", f->message);
  w.end_object();
}

void write_entries(json::Writer& w, std::string_view name, const std::vector<store::DiffEntry>& entries) {
  w.key(name).begin_array();
  for (const auto& e : entries) {
    const store::FindingRecord& f = e.any();
    w.begin_object();
    w.field("fingerprint", e.fingerprint).field("rule_id", f.rule_id);
    w.key("resource").begin_object();
    w.field("type", f.resource_type).field("id", f.resource_id).field("name", f.resource_name);
    w.end_object();
    write_side(w, "before", e.before);
    write_side(w, "after", e.after);
    w.end_object();
  }
  w.end_array();
}

void write_json(std::ostream& out, const store::ScanRecord& a, const store::ScanRecord& b, const store::ScanDiff& d) {
  json::Writer w(out);
  w.begin_object();
  w.field("schema_version", kDiffSchemaVersion);
  write_scan(w, "from", a);
  write_scan(w, "to", b);
  w.field("same_scope", a.scope == b.scope);
  write_entries(w, "new", d.added);
  write_entries(w, "resolved", d.resolved);
  write_entries(w, "changed", d.changed);
  w.key("summary").begin_object();
  w.field("new", static_cast<int>(d.added.size())).field("resolved", static_cast<int>(d.resolved.size()));
  w.field("changed", static_cast<int>(d.changed.size())).field("unchanged", d.unchanged);
  w.end_object();
  w.end_object();
  w.finish();
}

std::string state(const std::optional<store::FindingRecord>& f) {
  if (!f) return "absent";
  return f->status + (f->suppressed ? " (suppressed)" : "");
}

void write_section(std::ostream& out, const char* title, const std::vector<store::DiffEntry>& entries) {
  if (entries.empty()) return;
  out << title << " (" << entries.size() << "):\n";
  for (const auto& e : entries) {
    const store::FindingRecord& f = e.any();
    out << "  " << f.rule_id << "  " << f.severity << "  " << text::printable(f.resource_id) << "  ("
        << state(e.before) << " -> " << state(e.after) << ")\n      " << text::printable(f.location) << ": "
        << text::printable(f.message) << '\n';
  }
}

void write_text(std::ostream& out, const store::ScanRecord& a, const store::ScanRecord& b, const store::ScanDiff& d) {
  out << "Scan #" << a.id << " (" << a.time << ") -> scan #" << b.id << " (" << b.time << ")\n";
  if (a.scope != b.scope) {
    out << "Note: the scans read different sources (" << text::printable(a.scope) << " / " << text::printable(b.scope)
        << ")\n";
  }
  write_section(out, "New", d.added);
  write_section(out, "Resolved", d.resolved);
  write_section(out, "Changed", d.changed);
  out << d.added.size() << " new, " << d.resolved.size() << " resolved, " << d.changed.size() << " changed, "
      << d.unchanged << " unchanged\n";
}

}  // namespace

int run_diff(const DiffArgs& args, Streams streams) {
  try {
    auto db = store::open_store(args.db, store::OpenMode::MustExist);
    std::optional<store::ScanRecord> a = db->scan(args.scan_a);
    std::optional<store::ScanRecord> b = db->scan(args.scan_b);
    for (auto [id, scan] : {std::pair{args.scan_a, &a}, std::pair{args.scan_b, &b}}) {
      if (!*scan) {
        const std::string db_name = store::postgres::printable_location(args.db);  // a URL's password stays out
        streams.err << "stance: diff: no scan #" << id << " in " << db_name << " (`stance history --db " << db_name
                    << "` lists them)\n";
        return kExitIncomplete;
      }
    }
    const store::ScanDiff d = store::diff_scans(*a, *b);
    if (args.format == "json") write_json(streams.out, *a, *b, d);
    else write_text(streams.out, *a, *b, d);
    return d.added.empty() ? kExitOk : kExitFindings;
  } catch (const store::StoreError& e) {
    streams.err << "stance: error: " << e.what() << '\n';
    return kExitIncomplete;
  }
}

}  // namespace stance::cli
