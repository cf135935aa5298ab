// The watch loop. Each cycle is either a full scan (on the --interval schedule; the first cycle always) or
// a poll of CloudTrail LookupEvents in every account and region the last full scan read, followed by a
// rescan of what the events changed. Each (re)scan is recorded with Store::record_scan in one transaction
// together with its notifications (the outbox) and the event cursors it advances, so a watcher killed at any
// point loses no record and queues no transition twice; then the due notifications are delivered.
//
// A rescan is recorded under the full scan's scope with complete = false: the findings it re-judges get
// their transitions (regressed, resolved) exactly as in a full scan, while the fingerprints it did not
// look at keep their state instead of becoming "gone" (store/transitions.hpp). A separate scope per
// resource would instead start a second history for the same fingerprint and notify it as "new" again.
// A trail deleted (DeleteTrail) is therefore "resolved ... gone" at the next full scan, not at its event.
#include "cli/watch_command.hpp"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <map>
#include <memory>
#include <ostream>

#include "cli/choices.hpp"
#include "cli/live_aws.hpp"
#include "cli/rule_selection.hpp"
#include "cli/scan_command.hpp"
#include "cli/scan_record.hpp"
#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "kb/knowledge_base.hpp"
#include "notify/outbox.hpp"
#include "notify/targets.hpp"
#include "sources/aws/reader.hpp"
#include "sources/aws/trail_adapter.hpp"
#include "store/store.hpp"
#include "store/time.hpp"
#include "watch/affected.hpp"
#include "watch/cursor.hpp"
#include "watch/poller.hpp"
#include "watch/queue.hpp"
#include "watch/shard.hpp"
#include "watch/stop.hpp"

namespace stance::cli {

namespace {

const std::vector<std::string> kSeverities = {"info", "low", "medium", "high", "critical"};

std::string join(const std::vector<std::string>& v, const char* sep = ",") {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

struct CycleOutcome {
  bool incomplete = false;
  bool failing = false;
};

class Watcher {
 public:
  Watcher(const WatchArgs& args, Streams streams, const kb::KnowledgeBase& kb, engine::Config config,
          engine::EvaluationOptions options, engine::Severity threshold, std::unique_ptr<store::Store> db,
          std::vector<std::string> targets, watch::Shard shard)
      : args_(args), streams_(streams), kb_(kb), config_(std::move(config)), options_(std::move(options)),
        threshold_(threshold), db_(std::move(db)), targets_(std::move(targets)), shard_(shard) {
    scope_ = make_scan_record(args_.scan, {}, config_, options_, engine::ScanResult{}, "").scope;
    retain_ = retention_of(args_.scan, config_).duration;
    if (shard_.count > 1) scope_ += fmt::format(" shard {}/{}", shard_.index, shard_.count);
    session_ = open_session(args_.scan.aws);
    webhook_http_ = stance::aws::make_curl_http_client();
    deliverer_ = std::make_unique<notify::Deliverer>(webhook_http_, session_.base, kb_);
    policy_.max_attempts = args_.notify_attempts;
    policy_.base_seconds = std::max<std::int64_t>(1, static_cast<std::int64_t>(args_.notify_backoff));
  }

  int run() {
    using Clock = std::chrono::steady_clock;
    const auto interval = std::chrono::milliseconds(static_cast<long>(args_.interval * 1000));
    const auto poll = std::chrono::milliseconds(
        static_cast<long>((args_.poll_interval ? *args_.poll_interval : std::min(args_.interval, 60.0)) * 1000));
    auto next_full = Clock::now();
    CycleOutcome last;
    while (!watch::stop_requested()) {
      const auto now = Clock::now();
      if (now >= next_full) {
        next_full = now + interval;
        last = full_scan();
      } else if (args_.queue) {
        consume_queue();
      } else {
        poll_and_rescan();
      }
      if (watch::stop_requested()) break;
      deliver();
      if (args_.once) break;
      const auto wait = std::min<Clock::duration>(next_full - Clock::now(), poll);
      if (wait > Clock::duration::zero()) {
        watch::sleep_unless_stopped(std::chrono::duration_cast<std::chrono::milliseconds>(wait));
      }
    }
    if (watch::stop_requested()) {
      if (!args_.scan.quiet) streams_.err << "stance: watch stopped (nothing half-recorded)\n";
      return kExitOk;
    }
    if (last.incomplete) return kExitIncomplete;
    return last.failing ? kExitFindings : kExitOk;
  }

 private:
  void say(const std::string& line) {
    if (!args_.scan.quiet) streams_.err << "stance: " << line << '\n';
  }

  // Records the scan; false (after saying why) when the history could not be written.
  bool record(store::ScanRecord& record, const std::string& what) {
    try {
      auto transitions = db_->record_scan(record);
      say(fmt::format("{}: recorded scan #{} ({} transition(s))", what, record.id, transitions.size()));
      return true;
    } catch (const store::StoreError& e) {
      streams_.err << "stance: error: " << what << " was not recorded: " << e.what() << '\n';
      return false;
    }
  }

  CycleOutcome full_scan() {
    CycleOutcome outcome;
    const std::int64_t started = store::now_epoch_seconds();
    ScanArgs scan = args_.scan;
    if (!scan.aws.accounts.empty()) {
      std::erase_if(scan.aws.accounts, [&](const std::string& a) { return !shard_.owns(a); });
      if (scan.aws.accounts.empty()) {
        say("full scan: no account of --accounts is in this shard");
        return outcome;
      }
    }
    // The trails' buckets and keys are read when a selected rule judges them, as `stance scan --aws` does.
    LiveReadOptions read_options =
        live_read_options(false, args_.scan.verbosity, engine::selected_rules(config_, options_));
    // --organization: the shard's accounts are chosen from ListAccounts before any of them is read.
    if (shard_.count > 1) read_options.include_account = [this](const std::string& a) { return shard_.owns(a); };
    LiveRead live = read_live(scan.aws, streams_, read_options);
    if (watch::stop_requested()) return outcome;  // dropped before its transaction: nothing half-written
    sources::SourceResult read = sources::aws::adapt_accounts(live.accounts, model::SourceKind::Aws);
    for (const auto& p : live.problems) read.errors.push_back(sources::aws::problem_error(p));
    const model::Inventory unit{read.trails, read.accounts, read.buckets, read.keys};
    read.findings = engine::evaluate(unit, config_, kb_, options_);
    engine::ScanResult result = to_scan_result(std::move(read));

    store::ScanRecord rec = make_scan_record(scan, {}, config_, options_, result, store::iso_utc(started));
    rec.scope = scope_;
    rec.notify_targets = targets_;
    // Events before the scan started are covered by what it read: the cursors start (or move up) there.
    for (const auto& account : live.accounts) {
      for (const auto& region : account.regions) {
        const std::string key = watch::cursor_key(account.account_id, region);
        watch::EventCursor cursor = watch::EventCursor::parse(db_->state(key).value_or(""));
        if (cursor.time < started) cursor = watch::EventCursor{started, {}};
        rec.state_updates.emplace_back(key, cursor.serialize());
      }
      regions_[account.account_id] = account.regions;
      auto client = live.clients.find(account.account_id);
      clients_[account.account_id] = client != live.clients.end() && client->second ? client->second : session_.base;
    }
    for (const auto& e : result.errors) streams_.err << "stance: error: " << e.message << '\n';
    outcome.incomplete = !result.errors.empty();
    for (const auto& f : result.findings) {
      if (f.status == engine::Status::Error && !f.suppression) outcome.incomplete = true;
      if (fails_build(f, threshold_, args_.scan.fail_on_unknown)) outcome.failing = true;
    }
    if (!record(rec, fmt::format("full scan of {} account(s)", live.accounts.size()))) outcome.incomplete = true;
    if (retain_) {  // --retain, else the configuration's history.retain
      try {
        db_->prune_before(store::iso_utc(store::now_epoch_seconds() - *store::parse_duration_seconds(*retain_)));
      } catch (const store::StoreError& e) {
        streams_.err << "stance: error: retention " << *retain_ << ": " << e.what() << '\n';
      }
    }
    return outcome;
  }

  void poll_and_rescan() {
    std::vector<watch::ChangeEvent> events;
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> cursor_updates;  // by account
    for (const auto& [account, regions] : regions_) {
      for (const auto& region : regions) {
        if (watch::stop_requested()) return;
        const std::string key = watch::cursor_key(account, region);
        const std::string before = db_->state(key).value_or("");
        watch::PollResult polled = watch::poll_events(*clients_[account], account, region, watch::EventCursor::parse(before));
        if (!polled.error.empty()) {
          streams_.err << "stance: warning: account " << account << ": " << polled.error << '\n';
          continue;
        }
        const std::string after = polled.cursor.serialize();
        if (after != before) cursor_updates[account].emplace_back(key, after);
        for (auto& e : polled.events) events.push_back(std::move(e));
      }
    }
    for (const watch::Rescan& rescan : watch::plan_rescans(events)) {
      if (watch::stop_requested()) return;
      rescan_account(rescan, cursor_updates[rescan.account]);
      cursor_updates.erase(rescan.account);
    }
    // Accounts whose events were none of the watched ones: their cursors move on their own.
    for (const auto& [account, updates] : cursor_updates) {
      try {
        for (const auto& [key, value] : updates) db_->set_state(key, value);
      } catch (const store::StoreError& e) {
        streams_.err << "stance: error: event cursor not saved: " << e.what() << '\n';
      }
    }
  }

  // --queue: the events EventBridge forwarded. A message is deleted once the rescan it caused is recorded
  // (or at once when it is not a watched event of a watched account).
  void consume_queue() {
    const std::string& url = *args_.queue;
    std::string region = watch::queue_region(url);
    if (region.empty()) region = session_.region;
    const double poll_seconds = args_.poll_interval ? *args_.poll_interval : std::min(args_.interval, 60.0);
    const int wait = static_cast<int>(std::clamp(poll_seconds, 0.0, 20.0));
    watch::Received received = watch::receive_messages(*session_.base, region, url, wait);
    if (!received.error.empty()) {
      streams_.err << "stance: warning: --queue: " << received.error << '\n';
      return;
    }
    std::vector<watch::ChangeEvent> events;
    std::map<std::string, std::vector<std::string>> receipts;  // by account
    std::vector<std::string> unwatched;
    for (auto& m : received.messages) {
      if (!m.problem.empty()) streams_.err << "stance: warning: --queue: a message was skipped: " << m.problem << '\n';
      if (!m.event || !regions_.count(m.event->account)) {
        unwatched.push_back(m.receipt_handle);
        continue;
      }
      receipts[m.event->account].push_back(m.receipt_handle);
      events.push_back(std::move(*m.event));
    }
    for (const watch::Rescan& rescan : watch::plan_rescans(events)) {
      if (watch::stop_requested()) return;
      if (!rescan_account(rescan, {})) continue;  // kept in the queue: seen again
      for (const auto& receipt : receipts[rescan.account]) unwatched.push_back(receipt);
    }
    for (const auto& receipt : unwatched) {
      if (std::string problem = watch::delete_message(*session_.base, region, url, receipt); !problem.empty()) {
        streams_.err << "stance: warning: --queue: " << problem << '\n';
      }
    }
  }

  bool rescan_account(const watch::Rescan& rescan, const std::vector<std::pair<std::string, std::string>>& cursors) {
    sources::aws::ReadOptions read_options;
    read_options.regions = rescan.regions.empty() ? regions_[rescan.account] : rescan.regions;
    read_options.default_region = session_.region;
    read_options.workers = args_.scan.aws.max_requests;
    const std::int64_t started = store::now_epoch_seconds();
    sources::aws::RawAccount raw = sources::aws::read_account(*clients_[rescan.account], rescan.account, read_options);
    if (watch::stop_requested()) return false;  // not recorded; the cursors stay, so the events are seen again
    sources::SourceResult read = sources::aws::adapt_accounts({raw}, model::SourceKind::Aws);
    const model::Inventory unit{read.trails, read.accounts, read.buckets, read.keys};
    const watch::AffectedResources affected(rescan, read.trails);
    std::vector<engine::Finding> findings = engine::evaluate(unit, config_, kb_, options_);
    std::erase_if(findings, [&](const engine::Finding& f) { return !affected.keeps(f); });
    read.findings = std::move(findings);
    engine::ScanResult result = to_scan_result(std::move(read));

    ScanArgs scan = args_.scan;
    scan.aws.accounts = {rescan.account};
    scan.aws.regions = read_options.regions;
    store::ScanRecord rec = make_scan_record(scan, {}, config_, options_, result, store::iso_utc(started));
    rec.scope = scope_;
    rec.complete = false;  // a partial read: what it did not look at is not gone (see the top of this file)
    rec.notify_targets = targets_;
    rec.state_updates = cursors;
    std::vector<std::string> what;
    for (const auto& e : rescan.events) what.push_back(e.name + (e.resource.empty() ? "" : " " + e.resource));
    return record(rec, fmt::format("rescan of {} ({}) after {}", rescan.account, join(read_options.regions), join(what, "; ")));
  }

  void deliver() {
    try {
      notify::deliver_due(
          *db_, scope_, [&](const store::Notification& n) { return deliverer_->deliver(n); }, store::now_epoch_seconds(),
          policy_, [&](const std::string& line) { streams_.err << "stance: warning: " << line << '\n'; },
          [] { return watch::stop_requested(); });
    } catch (const store::StoreError& e) {
      streams_.err << "stance: error: notifications: " << e.what() << '\n';
    }
  }

  const WatchArgs& args_;
  Streams streams_;
  const kb::KnowledgeBase& kb_;
  engine::Config config_;
  engine::EvaluationOptions options_;
  engine::Severity threshold_;
  std::unique_ptr<store::Store> db_;
  std::vector<std::string> targets_;
  watch::Shard shard_;
  std::string scope_;
  std::optional<std::string> retain_;
  LiveSession session_;
  std::shared_ptr<stance::aws::HttpClient> webhook_http_;
  std::unique_ptr<notify::Deliverer> deliverer_;
  notify::RetryPolicy policy_;
  std::map<std::string, std::vector<std::string>> regions_;  // per account, as the last full scan read them
  std::map<std::string, std::shared_ptr<stance::aws::AwsClient>> clients_;
};

}  // namespace

CLI::App* add_watch_command(CLI::App& app, WatchArgs& args) {
  auto* cmd = app.add_subcommand(
      "watch", "Keep watching live AWS accounts: full scans every --interval, rescans of what CloudTrail events "
               "change in between, every scan recorded in --db and its transitions notified");
  cmd->footer("Exit codes (--once): 0 no failing finding, 1 failing findings, 2 usage error or incomplete scan.\n"
              "Without --once it runs until SIGTERM or SIGINT, then exits 0 with nothing half-recorded.");
  ScanArgs& scan = args.scan;
  add_aws_options(*cmd, scan.aws, "Watch the AWS account(s) of your credentials (read-only; required)");
  cmd->add_option("--interval", args.interval, "Seconds between full scans")->required()->check(CLI::PositiveNumber);
  cmd->add_option("--poll-interval", args.poll_interval,
                  "Seconds between CloudTrail LookupEvents polls (default: --interval, at most 60)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--db", scan.db, "History database: a SQLite file (created if missing) or a postgresql:// URL")->type_name("PATH")->required();
  cmd->add_option("--retain", scan.retain, "Delete recorded scans older than DURATION (e.g. 90d)")->type_name("DURATION");
  cmd->add_option("--webhook", args.webhooks, "POST each transition to this URL (repeatable)")
      ->type_name("URL")
      ->allow_extra_args(false);
  one_of(*cmd->add_option("--webhook-format", args.webhook_format, "Webhook body: stance's JSON or Slack's shape")
              ->default_str("json"),
         std::vector<std::string>{"json", "slack"});
  cmd->add_option("--sns-topic", args.sns_topics, "Publish each transition to this SNS topic (repeatable)")
      ->type_name("ARN")
      ->allow_extra_args(false);
  cmd->add_option("--exec", args.exec,
                  "Run COMMAND (no shell; words split, quotes respected) with each transition's JSON on standard "
                  "input (repeatable)")
      ->type_name("COMMAND")
      ->allow_extra_args(false);
  cmd->add_option("--notify-attempts", args.notify_attempts, "Attempts per notification before giving up")
      ->check(CLI::Range(1, 100));
  cmd->add_option("--notify-backoff", args.notify_backoff, "Seconds before the first retry (doubles each time)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--queue", args.queue,
                  "Read the CloudTrail events an EventBridge rule forwards to this SQS queue (deploy/eventbridge.yaml) "
                  "instead of polling LookupEvents")
      ->type_name("SQS_URL");
  cmd->add_flag("--once", args.once, "Run one cycle (a full scan, its notifications) and exit with the scan's code");
  cmd->add_option("--shard", args.shard,
                  "Watch only the accounts whose stable hash mod N is I (several watchers sharing one --db)")
      ->type_name("I/N");
  add_rule_selection(*cmd, scan.selection, "Run");
  one_of(*cmd->add_option("--fail-on", scan.fail_on, "--once: exit 1 only for failing findings of at least this severity")
              ->default_str("info"),
         kSeverities);
  cmd->add_flag("--fail-on-unknown", scan.fail_on_unknown, "--once: also exit 1 when a verdict is unknown");
  cmd->add_option("-c,--config", scan.config, "Configuration file (default: nearest .stance.yaml upward)")->type_name("FILE");
  cmd->add_flag("--no-config", scan.no_config, "Ignore .stance.yaml files");
  cmd->add_option("--kb-dir", scan.kb_dir, "Directory of rule.yaml files overriding the built-in knowledge base")
      ->type_name("DIR");
  cmd->add_flag("-v,--verbose", scan.verbosity, "Say more about each cycle");
  cmd->add_flag("-q,--quiet", scan.quiet, "Only errors on standard error");
  return cmd;
}

int run_watch(const WatchArgs& args, Streams streams) {
  std::ostream& err = streams.err;
  auto usage = [&](const std::string& problem) {
    err << "stance: watch: " << problem << '\n';
    return kExitIncomplete;
  };
  if (!args.scan.aws.enabled) return usage("--aws is required: watch reads live accounts");
  if (std::string problem = validate(args.scan.aws); !problem.empty()) return usage(problem);
  if (std::string problem = validate_history_options(args.scan); !problem.empty()) return usage(problem);
  auto threshold = engine::parse_severity(args.scan.fail_on);
  if (!threshold) return usage("--fail-on: '" + args.scan.fail_on + "' is not a severity");
  if (args.queue && args.queue->rfind("http", 0) != 0) return usage("--queue: '" + *args.queue + "' is not an SQS queue URL");
  watch::Shard shard;
  if (args.shard) {
    auto parsed = watch::parse_shard(*args.shard);
    if (!parsed) return usage("--shard: '" + *args.shard + "' is not I/N with 0 <= I < N");
    shard = *parsed;
  }
  std::vector<std::string> targets;
  for (const auto& url : args.webhooks) {
    targets.push_back(notify::to_text({args.webhook_format == "slack" ? notify::TargetKind::Slack : notify::TargetKind::Webhook, url}));
  }
  for (const auto& arn : args.sns_topics) targets.push_back(notify::to_text({notify::TargetKind::Sns, arn}));
  for (const auto& command : args.exec) targets.push_back(notify::to_text({notify::TargetKind::Exec, command}));
  for (const auto& text : targets) {
    if (std::string problem = notify::validate_target(*notify::parse_target(text)); !problem.empty()) return usage(problem);
  }

  auto kb_load = kb::load_knowledge_base(args.scan.kb_dir);
  if (!kb_load.errors.empty()) {
    for (const auto& e : kb_load.errors) err << "stance: error: " << e.message << '\n';
    return kExitIncomplete;
  }
  RuleSelection selection = resolve_rule_selection(args.scan.selection, kb_load.kb);
  if (!selection.error.empty()) return usage(selection.error);
  engine::Config config;
  if (!args.scan.no_config) {
    std::optional<std::string> path = args.scan.config;
    if (!path) {
      if (auto found = engine::find_config(".")) path = found->string();
    }
    if (path) {
      auto loaded = engine::load_config_file(*path, engine::known_rules(kb_load.kb));
      if (!loaded.errors.empty()) {
        for (const auto& e : loaded.errors) err << "stance: error: " << e.message << '\n';
        return kExitIncomplete;
      }
      config = std::move(loaded.config);
    }
  }
  if (auto retention = retention_of(args.scan, config); retention.error) {
    err << "stance: error: " << retention.error->message << '\n';
    return kExitIncomplete;
  }
  std::unique_ptr<store::Store> db;
  try {
    db = store::open_store(*args.scan.db, store::OpenMode::CreateIfMissing);
  } catch (const store::StoreError& e) {
    err << "stance: error: " << e.what() << '\n';
    return kExitIncomplete;
  }
  watch::install_stop_handlers();
  std::signal(SIGPIPE, SIG_IGN);  // an --exec command that stops reading its input must not stop the watcher
  Watcher watcher(args, streams, kb_load.kb, std::move(config), selection.options, *threshold, std::move(db),
                  std::move(targets), shard);
  return watcher.run();
}

}  // namespace stance::cli
