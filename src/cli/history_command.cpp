#include "cli/history_command.hpp"

#include <ostream>

#include "common/json_writer.hpp"
#include "common/printable.hpp"
#include "store/store.hpp"
#include "store/time.hpp"

namespace stance::cli {

namespace {

constexpr int kHistorySchemaVersion = 1;

void write_strings(json::Writer& w, std::string_view name, const std::vector<std::string>& values) {
  w.key(name).begin_array();
  for (const auto& v : values) w.value(v);
  w.end_array();
}

void write_json(std::ostream& out, const std::string& since, const std::vector<store::ScanSummary>& scans,
                const std::vector<store::Transition>& transitions,
                const std::vector<store::Notification>& notifications) {
  json::Writer w(out);
  w.begin_object();
  w.field("schema_version", kHistorySchemaVersion);
  w.key("since");
  if (since.empty()) w.null();
  else w.value(since);
  w.key("scans").begin_array();
  for (const auto& s : scans) {
    w.begin_object();
    w.field("id", s.id).field("time", s.time).field("source", s.source).field("scope", s.scope);
    write_strings(w, "paths", s.paths);
    write_strings(w, "accounts", s.accounts);
    write_strings(w, "regions", s.regions);
    w.field("tool_version", s.tool_version);
    write_strings(w, "rules", s.rules);
    w.field("complete", s.complete);
    w.key("summary").begin_object();
    w.field("pass", s.pass).field("fail", s.fail).field("unknown", s.unknown).field("error", s.error);
    w.field("suppressed", s.suppressed);
    w.end_object();
    w.end_object();
  }
  w.end_array();
  w.key("transitions").begin_array();
  for (const auto& t : transitions) {
    w.begin_object();
    w.field("id", t.id).field("scan_id", t.scan_id);
    w.key("previous_scan_id");
    if (t.previous_scan_id) w.value(*t.previous_scan_id);
    else w.null();
    w.field("time", t.time).field("kind", store::to_string(t.kind));
    w.key("from");
    if (t.from.empty()) w.null();
    else w.value(t.from);
    w.field("to", t.to).field("fingerprint", t.fingerprint).field("rule_id", t.rule_id).field("severity", t.severity);
    w.key("resource").begin_object();
    w.field("type", t.resource_type).field("id", t.resource_id).field("name", t.resource_name);
    w.end_object();
    w.field("location", t.location).field("message", t.message).field("scope", t.scope);
    w.end_object();
  }
  w.end_array();
  // The outbox of `stance watch`: each transition queued per target, and whether it was delivered.
  w.key("notifications").begin_array();
  for (const auto& n : notifications) {
    w.begin_object();
    w.field("id", n.id).field("transition_id", n.transition.id).field("target", n.target).field("status", n.status);
    w.field("attempts", n.attempts);
    w.key("last_error");
    if (n.last_error.empty()) w.null();
    else w.value(n.last_error);
    w.key("next_attempt");
    if (n.status != "pending" || n.next_attempt.empty()) w.null();
    else w.value(n.next_attempt);
    w.field("created_at", n.created_at).field("updated_at", n.updated_at);
    w.field("kind", store::to_string(n.transition.kind)).field("rule_id", n.transition.rule_id);
    w.field("resource_id", n.transition.resource_id);
    w.end_object();
  }
  w.end_array();
  w.end_object();
  w.finish();
}

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// What a scan read, in a few words: its paths, or its accounts and regions.
std::string what_was_scanned(const store::ScanSummary& s) {
  if (s.source != "aws") return joined(s.paths);
  return "aws accounts " + (s.accounts.empty() ? std::string("(none)") : joined(s.accounts)) + " regions " +
         (s.regions.empty() ? std::string("(all)") : joined(s.regions));
}

void write_text(std::ostream& out, const std::string& since, const std::vector<store::ScanSummary>& scans,
                const std::vector<store::Transition>& transitions,
                const std::vector<store::Notification>& notifications) {
  const std::string when = since.empty() ? "" : " since " + since;
  if (scans.empty()) out << "No scans recorded" << when << ".\n";
  else out << "Scans" << when << " (" << scans.size() << "):\n";
  for (const auto& s : scans) {
    out << "  #" << s.id << "  " << s.time << "  fail " << s.fail << ", pass " << s.pass << ", unknown " << s.unknown
        << ", error " << s.error << ", suppressed " << s.suppressed << (s.complete ? "" : "  (incomplete)") << "\n"
        << "      " << text::printable(what_was_scanned(s)) << "  [" << joined(s.rules) << "]  stance "
        << text::printable(s.tool_version) << '\n';
  }
  if (transitions.empty()) {
    out << "No transitions" << when << ".\n";
    return;
  }
  out << "Transitions" << when << " (" << transitions.size() << "):\n";
  for (const auto& t : transitions) {
    out << "  #" << t.scan_id << "  " << t.time << "  " << store::to_string(t.kind) << "  " << t.rule_id << "  "
        << text::printable(t.resource_id) << "  (" << (t.from.empty() ? "first seen" : t.from) << " -> " << t.to
        << ")\n      " << text::printable(t.location) << ": " << text::printable(t.message) << '\n';
  }
  if (notifications.empty()) return;
  out << "Notifications" << when << " (" << notifications.size() << "):\n";
  for (const auto& n : notifications) {
    out << "  " << n.status << "  " << n.transition.rule_id << " " << store::to_string(n.transition.kind) << "  "
        << text::printable(n.transition.resource_id) << "  -> " << text::printable(n.target) << "  (" << n.attempts
        << " attempt(s)" << (n.last_error.empty() ? "" : ", last error: " + text::printable(n.last_error)) << ")\n";
  }
}

}  // namespace

int run_history(const HistoryArgs& args, Streams streams) {
  std::string since;
  if (args.since) {
    auto seconds = store::parse_duration_seconds(*args.since);
    if (!seconds) {
      streams.err << "stance: --since: '" << *args.since << "' is not a duration such as 7d, 12h, 2w or 1d12h\n";
      return kExitIncomplete;
    }
    since = store::iso_utc(store::now_epoch_seconds() - *seconds);
  }
  try {
    auto db = store::open_store(args.db, store::OpenMode::MustExist);
    const auto scans = db->scans(since);
    const auto transitions = db->transitions(since);
    const auto notifications = db->notifications(since);
    if (args.format == "json") write_json(streams.out, since, scans, transitions, notifications);
    else write_text(streams.out, since, scans, transitions, notifications);
  } catch (const store::StoreError& e) {
    streams.err << "stance: error: " << e.what() << '\n';
    return kExitIncomplete;
  }
  return kExitOk;
}

}  // namespace stance::cli
