// `stance watch --aws ... --interval SECONDS --db PATH`: scheduled full scans and, between them, rescans of
// what CloudTrail events say changed; every scan recorded in the history, transitions notified.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/scan_command.hpp"

namespace CLI {
class App;
}

namespace stance::cli {

struct WatchArgs {
  ScanArgs scan;                          // the live scan's options (--aws, accounts, rules, --db, --retain, ...)
  double interval = 0;                    // --interval: seconds between full scans
  std::optional<double> poll_interval;    // --poll-interval: seconds between LookupEvents polls
  std::vector<std::string> webhooks;      // --webhook URL
  std::string webhook_format = "json";    // --webhook-format json|slack
  std::vector<std::string> sns_topics;    // --sns-topic ARN
  std::vector<std::string> exec;          // --exec COMMAND
  bool once = false;                      // --once
  std::optional<std::string> shard;       // --shard I/N
  std::optional<std::string> queue;       // --queue SQS_URL: EventBridge-forwarded events instead of polling
  int notify_attempts = 5;                // --notify-attempts
  double notify_backoff = 5;              // --notify-backoff: seconds before the first retry
};

// Adds the watch subcommand (the scan's live options and its own).
CLI::App* add_watch_command(CLI::App& app, WatchArgs& args);

int run_watch(const WatchArgs& args, Streams streams);

}  // namespace stance::cli
