// `stance scan PATH...` and `stance scan --aws`: read sources, evaluate rules, write a report, exit with the
// contract's code.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cli/app.hpp"
#include "cli/aws_options.hpp"
#include "cli/rule_selection.hpp"
#include "cli/terminal.hpp"
#include "engine/evaluator.hpp"
#include "engine/finding.hpp"
#include "report/report.hpp"
#include "sources/source.hpp"

namespace stance::cli {

struct ScanArgs {
  std::vector<std::string> paths;
  report::Format format = report::Format::Text;
  std::optional<std::string> output;
  bool show_passed = false;
  bool explain = false;  // text: under each failing finding, its remediation snippets filled in (kb show --for)
  std::string fail_on = "info";
  bool fail_on_unknown = false;
  std::optional<std::string> config;
  bool no_config = false;
  std::vector<std::string> parameters;       // Key=Value
  std::vector<std::string> parameter_files;
  RuleSelectionArgs selection;               // --rule, --skip-rule, --framework, --all-rules
  std::vector<std::string> skip_paths;       // --skip-path GLOB, relative to each scanned path
  std::optional<std::string> kb_dir;
  unsigned jobs = 0;
  ColorMode color = ColorMode::Auto;
  int verbosity = 0;
  bool quiet = false;
  AwsArgs aws;  // --aws: read live accounts instead of paths
  std::optional<std::string> db;      // --db PATH: record the scan in this history (cli/scan_record.hpp)
  std::optional<std::string> retain;  // --retain DURATION: then delete the history's scans older than this
  // Terraform --var NAME=VALUE / --var-file PATH, in command-line order (later wins, as in Terraform).
  std::vector<std::pair<bool, std::string>> terraform_vars;  // {is_file, text}
};

int run_scan(const ScanArgs& args, Streams streams);

// Whether a finding makes the exit code 1: an unsuppressed fail (or unknown, with --fail-on-unknown) at or above
// the --fail-on severity. Shared by scan and watch, so that `watch --once` exits as `scan` would.
bool fails_build(const engine::Finding& f, engine::Severity threshold, bool fail_on_unknown);
// A source's result as the scan reports it: findings sorted, problems and notes kept.
engine::ScanResult to_scan_result(sources::SourceResult&& read);

}  // namespace stance::cli
