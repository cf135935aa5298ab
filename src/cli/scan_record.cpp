#include "cli/scan_record.hpp"

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

#include "common/json_writer.hpp"
#include "engine/evaluator.hpp"
#include "engine/registry.hpp"
#include "store/finding_records.hpp"
#include "store/store.hpp"
#include "store/time.hpp"

namespace stance::cli {

namespace {

// The rules the evaluator ran: the history needs them so that a rule left out of a scan does not make its
// findings "gone".
std::vector<std::string> evaluated_rules(const engine::Config& config, const engine::EvaluationOptions& options) {
  std::vector<std::string> out;
  for (const auto* rule : engine::selected_rules(config, options)) out.emplace_back(rule->id);
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  std::erase(v, std::string());
  return v;
}

// The source identity: two scans are compared for transitions only when it is the same. For templates the
// scanned paths; for --aws what was asked (profile, accounts or organization, regions, endpoint), not what
// happened to answer, so that an account that fails to answer once does not start a new history.
std::string scope_of(const ScanArgs& args, const std::vector<std::string>& paths) {
  std::ostringstream text;
  json::Writer w(text, /*pretty=*/false);
  if (!args.aws.enabled) {
    text << "paths ";
    w.begin_array();
    for (const auto& p : paths) w.value(p);
    w.end_array();
    return text.str();
  }
  text << "aws ";
  w.begin_object();
  w.field("profile", args.aws.profile);
  w.key("accounts").begin_array();
  for (const auto& a : sorted_unique(args.aws.accounts)) w.value(a);
  w.end_array();
  w.field("organization", args.aws.organization);
  w.key("regions").begin_array();
  for (const auto& r : sorted_unique(args.aws.regions)) w.value(r);
  w.end_array();
  w.field("endpoint_url", args.aws.endpoint_url);
  w.end_object();
  return text.str();
}

}  // namespace

std::string validate_history_options(const ScanArgs& args) {
  if (args.db && args.db->empty()) return "--db: empty database path";
  if (args.retain && !args.db) return "--retain applies to the history: add --db PATH";
  if (args.retain && !store::parse_duration_seconds(*args.retain)) {
    return "--retain: '" + *args.retain + "' is not a duration such as 90d, 12h, 2w or 1d12h";
  }
  return "";
}

store::ScanRecord make_scan_record(const ScanArgs& args, const std::vector<std::string>& paths,
                                   const engine::Config& config, const engine::EvaluationOptions& options,
                                   const engine::ScanResult& result, const std::string& time) {
  store::ScanRecord r;
  r.time = time;
  r.tool_version = STANCE_VERSION;
  r.rules = evaluated_rules(config, options);
  r.complete = result.errors.empty();
  // Accounts and regions: those the findings are located in (live scans and snapshots), and those asked for.
  std::vector<std::string> accounts = args.aws.accounts, regions = args.aws.regions;
  for (const auto& f : result.findings) {
    accounts.push_back(std::string(f.location.account));
    if (args.aws.regions.empty()) regions.push_back(std::string(f.location.region));
  }
  r.accounts = sorted_unique(std::move(accounts));
  r.regions = sorted_unique(std::move(regions));
  if (args.aws.enabled) {
    r.source = "aws";
  } else {
    r.source = "paths";
    std::vector<std::string> absolute;
    for (const auto& p : paths) absolute.push_back(p == "-" ? std::string("<stdin>") : store::absolute_path(p));
    r.paths = sorted_unique(std::move(absolute));
  }
  r.scope = scope_of(args, r.paths);
  r.findings = store::finding_records(result.findings, r.paths);
  return r;
}

Retention retention_of(const ScanArgs& args, const engine::Config& config) {
  if (args.retain) return {args.retain, std::nullopt};
  const auto& configured = config.history.retain;
  if (!configured) return {};
  if (!store::parse_duration_seconds(*configured)) {
    return {std::nullopt, engine::ScanError{config.path,
                                            "history.retain: '" + *configured +
                                                "' is not a duration such as 90d, 12h, 2w or 1d12h",
                                            config.history.retain_where}};
  }
  return {configured, std::nullopt};
}

bool record_scan_history(const ScanArgs& args, const std::optional<std::string>& retain, store::ScanRecord record,
                         Streams streams) {
  std::unique_ptr<store::Store> db;
  try {
    db = store::open_store(*args.db, store::OpenMode::CreateIfMissing);
    std::vector<store::Transition> transitions = db->record_scan(record);
    if (args.verbosity > 0) {
      streams.err << "stance: recorded scan #" << record.id << " in " << *args.db << " (" << transitions.size()
                  << " transition(s))\n";
    }
  } catch (const store::StoreError& e) {
    streams.err << "stance: error: the scan was not recorded: " << e.what() << '\n';
    return false;
  }
  if (!retain) return true;
  try {
    const auto cutoff = store::iso_utc(store::now_epoch_seconds() - *store::parse_duration_seconds(*retain));
    store::Pruned pruned = db->prune_before(cutoff);
    if (args.verbosity > 0 && pruned.scans > 0) {
      streams.err << "stance: retention " << *retain << ": deleted " << pruned.scans << " scan(s) older than "
                  << cutoff << '\n';
    }
    return true;
  } catch (const store::StoreError& e) {
    streams.err << "stance: error: retention " << *retain << ": the scan was recorded, but older scans were not deleted: " << e.what()
                << '\n';
    return false;
  }
}

}  // namespace stance::cli
