// `stance fix`: remediation, dry run by default. Live trails (--aws): plan one change per failing trail
// (UpdateTrail, PutEventSelectors, StartLogging) for the selected rules; --apply writes a journal, applies,
// re-reads; --rollback JOURNAL puts the before-state back.
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.hpp"
#include "cli/aws_options.hpp"
#include "cli/rule_selection.hpp"

namespace stance::cli {

struct FixArgs {
  std::vector<std::string> paths;
  AwsArgs aws;
  RuleSelectionArgs selection;        // which rules' failures to fix, as for scan (default: CT-010)
  bool apply = false;                 // --apply (live)
  bool yes = false;                   // --yes: do not ask
  std::optional<std::string> rollback;  // --rollback JOURNAL
  std::optional<std::string> journal;   // --journal PATH (default stance-fix-<time>.json)
  std::string format = "text";          // text | json
  std::optional<std::string> config;
  bool no_config = false;
  int verbosity = 0;
  bool quiet = false;
  bool diff = false;   // templates: --diff
  bool write = false;  // templates: --write
  std::vector<std::string> parameters;       // CloudFormation --parameter Key=Value
  std::vector<std::string> parameter_files;  // CloudFormation --parameter-file
  std::vector<std::pair<bool, std::string>> terraform_vars;  // --var / --var-file in order: {is_file, text}
};

int run_fix(const FixArgs& args, Streams streams);

}  // namespace stance::cli
