// `stance collect --aws -o snapshot.json`: record every API response a live scan reads (with account,
// region and time) into one file, so `stance scan snapshot.json` gives the same findings offline.
#pragma once
#include <optional>
#include <string>

#include "cli/app.hpp"
#include "cli/aws_options.hpp"

namespace stance::cli {

struct CollectArgs {
  AwsArgs aws;
  std::string output = "-";  // -o; "-" = standard output
  int verbosity = 0;
  bool quiet = false;
};

int run_collect(const CollectArgs& args, Streams streams);

}  // namespace stance::cli
