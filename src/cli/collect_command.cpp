#include "cli/collect_command.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <ostream>

#include "cli/live_aws.hpp"
#include "cli/terminal.hpp"
#include "sources/aws/reader.hpp"
#include "sources/aws/snapshot.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace stance::cli {

int run_collect(const CollectArgs& args, Streams streams) {
  std::ostream& err = streams.err;
  if (!args.aws.enabled) {
    err << "stance: collect reads live AWS accounts: add --aws\n";
    return kExitIncomplete;
  }
  if (std::string problem = validate(args.aws); !problem.empty()) {
    err << "stance: " << problem << '\n';
    return kExitIncomplete;
  }
  // Opened before the accounts are read, so that a path that cannot be written fails at once, with the
  // system's reason, rather than after every API call.
  std::ofstream file;
  if (args.output != "-") {
    errno = 0;
    file.open(args.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "stance: cannot write " << args.output << ": " << (errno ? std::strerror(errno) : "cannot open") << '\n';
      return kExitIncomplete;
    }
  }
  sources::aws::SnapshotMeta meta{STANCE_VERSION, sources::aws::utc_now_iso8601()};
  // A snapshot is scanned later with any rule: it records the trails' buckets and keys too.
  LiveReadOptions read_options{streams.err_is_terminal && !args.quiet, args.verbosity};
  read_options.read_buckets = read_options.read_keys = true;
  LiveRead live = read_live(args.aws, streams, read_options);
  const std::string snapshot = sources::aws::write_snapshot(live.accounts, meta, live.problems);

  if (args.output == "-") {
    streams.out << snapshot;
    streams.out.flush();
  } else {
    errno = 0;
    if (!(file << snapshot) || !file.flush()) {
      err << "stance: cannot write " << args.output << ": " << (errno ? std::strerror(errno) : "write failed") << '\n';
      return kExitIncomplete;
    }
  }

  // Anything that could not be read makes the snapshot incomplete; say what, as a scan would.
  bool incomplete = !live.problems.empty();
  if (!args.quiet) {
    for (const auto& p : live.problems) print_problem(err, "error", sources::aws::problem_error(p));
  }
  std::size_t trails = 0;
  for (const auto& account : live.accounts) {
    trails += account.trails.size();
    for (const auto& p : account.problems) {
      incomplete = true;
      if (!args.quiet) print_problem(err, "error", sources::aws::problem_error(p));
    }
    for (const auto& t : account.trails) {
      for (const auto* call : {&t.describe, &t.event_selectors, &t.status}) {
        if (!call->error) continue;
        incomplete = true;
        if (!args.quiet) {
          err << "stance: error: " << t.arn << ": cloudtrail:" << call->operation << ": " << call->error->code << ": "
              << call->error->message << '\n';
        }
      }
    }
  }
  if (live.accounts.empty() && live.problems.empty()) {
    // Nothing was read and nothing said why: the snapshot would audit nothing, so this is no success.
    incomplete = true;
    err << "stance: error: no account was read; the snapshot holds nothing to audit\n";
  }
  if (!args.quiet) {
    err << "stance: collected " << trails << " trail(s) from " << live.accounts.size() << " account(s) with "
        << live.api_calls << " API call(s)" << (args.output == "-" ? "" : " into " + args.output) << '\n';
  }
  return incomplete ? kExitIncomplete : kExitOk;
}

}  // namespace stance::cli
