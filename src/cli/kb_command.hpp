// `stance kb list` and `stance kb show RULE`.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.hpp"
#include "cli/terminal.hpp"

namespace stance::cli {

struct KbArgs {
  std::optional<std::string> kb_dir;
  std::string rule;
  // `kb list --framework ID`: only the rules that framework maps (ID as in frameworks.yaml, any case).
  std::optional<std::string> framework;
  std::string format = "text";
  ColorMode color = ColorMode::Auto;
  // `kb show RULE --for FINDING [PATH...]`: the remediation snippets filled in for one finding of a scan of
  // PATH (default: .). FINDING is a resource ID, ARN, Terraform address, trail name or FILE:LINE[:COL].
  std::optional<std::string> for_finding;
  std::vector<std::string> paths;
  // With --for, the template inputs the scan took: -p/--parameter-file and --var/--var-file (as in scan).
  std::vector<std::string> parameters;
  std::vector<std::string> parameter_files;
  std::vector<std::pair<bool, std::string>> terraform_vars;  // {is_file, text}, command-line order
};

int run_kb_list(const KbArgs& args, Streams streams);
int run_kb_show(const KbArgs& args, Streams streams);

}  // namespace stance::cli
