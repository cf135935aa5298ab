// Reads the live AWS accounts a command asked for (--aws and friends): builds the HTTP client, the
// credential chain and the AWS client, then collects every account's raw trail records.
#pragma once
#include <string>
#include <vector>

#include "cli/app.hpp"
#include "cli/aws_options.hpp"
#include "sources/aws/raw_trail.hpp"

namespace stance::cli {

struct LiveRead {
  std::vector<sources::aws::RawAccount> accounts;
  std::vector<sources::aws::RawProblem> problems;  // before any account could be read
  long api_calls = 0;                              // requests sent, retries included
  std::string caller_arn;
  double seconds = 0;
};

struct LiveReadOptions {
  bool progress = false;  // stderr is a terminal and not --quiet
  int verbosity = 0;
};

LiveRead read_live(const AwsArgs& args, Streams streams, const LiveReadOptions& options);

}  // namespace stance::cli
