// The command line: parsing and dispatch only; each command lives in its own file.
#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/collect_command.hpp"
#include "cli/fix_command.hpp"
#include "cli/kb_command.hpp"
#include "cli/scan_command.hpp"

namespace stance::cli {

namespace {

const std::map<std::string, report::Format> kFormats = {
    {"text", report::Format::Text}, {"json", report::Format::Json},
    {"sarif", report::Format::Sarif}, {"junit", report::Format::Junit}};

const std::map<std::string, ColorMode> kColorModes = {
    {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};

}  // namespace

int run(const std::vector<std::string>& args, Streams streams) {
  CLI::App app{"stance — keeps AWS CloudTrail trails in a good security posture.\n"
               "Checks CloudFormation templates and live AWS accounts against knowledge-base rules such as CT-010.",
               "stance"};
  app.set_version_flag("-V,--version", std::string("stance ") + STANCE_VERSION);
  app.require_subcommand(1);
  app.footer("Exit codes: 0 no failing finding, 1 failing findings, 2 usage error or incomplete scan.\n"
             "Docs: stance kb show CT-010 — the rule, how to audit and fix it by hand.");

  ScanArgs scan;
  auto* scan_cmd = app.add_subcommand(
      "scan", "Scan CloudFormation templates, Terraform modules and plan JSON, stance snapshots and AWS CLI "
              "output (files or directories), or live AWS accounts with --aws");
  scan_cmd->add_option("paths", scan.paths, "Files or directories to scan (default: .)");
  scan_cmd->add_option("-f,--format", scan.format, "Report format: text, json, sarif, junit")
      ->transform(CLI::CheckedTransformer(kFormats, CLI::ignore_case))
      ->default_str("text");
  scan_cmd->add_option("-o,--output", scan.output, "Write the report to FILE instead of standard output");
  scan_cmd->add_flag("--show-passed", scan.show_passed, "Text format: list passing findings too");
  scan_cmd->add_flag("--explain", scan.explain,
                     "Text format: under each failing finding, the knowledge base's CLI, CloudFormation and "
                     "Terraform fixes filled in for that trail (as `stance kb show RULE --for`)");
  scan_cmd->add_option("--fail-on", scan.fail_on,
                       "Exit 1 only for failing findings of at least this severity: info, low, medium, high, critical")
      ->default_str("info");
  scan_cmd->add_flag("--fail-on-unknown", scan.fail_on_unknown,
                     "Also exit 1 when a verdict is unknown (depends on values known only at deployment)");
  scan_cmd->add_option("-c,--config", scan.config, "Configuration file (default: nearest .stance.yaml upward)");
  scan_cmd->add_flag("--no-config", scan.no_config, "Ignore .stance.yaml files");
  scan_cmd->add_option("-p,--parameter", scan.parameters, "CloudFormation parameter value Key=Value (repeatable)")
      ->allow_extra_args(false);  // one value per occurrence: `-p A=1 template.yaml` leaves the path alone
  scan_cmd->add_option("--parameter-file", scan.parameter_files,
                       "CloudFormation CLI parameter file ([{\"ParameterKey\":..,\"ParameterValue\":..}])")
      ->allow_extra_args(false);
  scan_cmd->add_option("-r,--rule", scan.rules, "Run only this rule (repeatable)")->allow_extra_args(false);
  scan_cmd->add_option("--kb-dir", scan.kb_dir, "Directory of rule.yaml files overriding the built-in knowledge base");
  scan_cmd->add_option("-j,--jobs", scan.jobs, "Parallel workers (default: one per core)");
  scan_cmd->add_option("--color", scan.color, "Colour: auto, always, never")
      ->transform(CLI::CheckedTransformer(kColorModes, CLI::ignore_case))
      ->default_str("auto");
  scan_cmd->add_flag("-v,--verbose", scan.verbosity, "Also say which files were skipped and why");
  scan_cmd->add_flag("-q,--quiet", scan.quiet, "No progress or problem lines on standard error");
  std::vector<std::string> tf_vars, tf_var_files;
  auto* var_opt = scan_cmd->add_option("--var", tf_vars, "Terraform input variable NAME=VALUE (repeatable)")
                      ->allow_extra_args(false);
  auto* var_file_opt = scan_cmd->add_option("--var-file", tf_var_files, "Terraform .tfvars file (repeatable)")
                           ->allow_extra_args(false);
  add_aws_options(*scan_cmd, scan.aws);

  CollectArgs collect;
  auto* collect_cmd = app.add_subcommand(
      "collect", "Record what a live scan reads (every API response) into a snapshot that `stance scan` audits offline");
  add_aws_options(*collect_cmd, collect.aws);
  collect_cmd->add_option("-o,--output", collect.output, "Snapshot file to write (default: standard output)");
  collect_cmd->add_flag("-v,--verbose", collect.verbosity, "Say where credentials came from and what was read");
  collect_cmd->add_flag("-q,--quiet", collect.quiet, "No progress or problem lines on standard error");

  FixArgs fix;
  auto* fix_cmd = app.add_subcommand(
      "fix", "Remediate failing trails, dry run by default. Templates: stance fix PATH [--diff | --write]; "
             "live: stance fix --aws [--apply [--yes] | --rollback JOURNAL]");
  add_aws_options(*fix_cmd, fix.aws);
  fix_cmd->add_option("paths", fix.paths,
                      "CloudFormation templates, Terraform modules or directories to fix (without --aws)");
  fix_cmd->add_flag("--diff", fix.diff, "Templates: print the edits as a unified diff; nothing is written");
  fix_cmd->add_flag("--write", fix.write, "Templates: edit the files in place");
  fix_cmd->add_flag("--apply", fix.apply, "Make the planned changes (asks first on a terminal; writes a journal)");
  fix_cmd->add_flag("-y,--yes", fix.yes, "Do not ask before applying (automation)");
  fix_cmd->add_option("--rollback", fix.rollback, "Put back the selectors recorded in this journal");
  fix_cmd->add_option("--journal", fix.journal, "Where --apply writes its journal (default: ./stance-fix-<time>.json)");
  fix_cmd->add_option("-f,--format", fix.format, "text or json")->default_str("text");
  fix_cmd->add_option("-c,--config", fix.config, "Configuration file (default: nearest .stance.yaml upward)");
  fix_cmd->add_flag("--no-config", fix.no_config, "Ignore .stance.yaml files");
  fix_cmd->add_flag("-v,--verbose", fix.verbosity, "Say where credentials came from and what was read");
  fix_cmd->add_flag("-q,--quiet", fix.quiet, "No progress or problem lines on standard error");
  fix_cmd->add_option("-p,--parameter", fix.parameters, "CloudFormation parameter value Key=Value (repeatable)")
      ->allow_extra_args(false);
  fix_cmd->add_option("--parameter-file", fix.parameter_files, "CloudFormation CLI parameter file")
      ->allow_extra_args(false);
  std::vector<std::string> fix_vars, fix_var_files;
  auto* fix_var_opt = fix_cmd->add_option("--var", fix_vars, "Terraform input variable NAME=VALUE (repeatable)")
                          ->allow_extra_args(false);
  auto* fix_var_file_opt = fix_cmd->add_option("--var-file", fix_var_files, "Terraform .tfvars file (repeatable)")
                               ->allow_extra_args(false);

  KbArgs kb;
  auto* kb_cmd = app.add_subcommand("kb", "Read the knowledge base: rules, risk levels, how to audit and fix");
  kb_cmd->require_subcommand(1);
  kb_cmd->add_option("--kb-dir", kb.kb_dir, "Directory of rule.yaml files overriding the built-in knowledge base");
  auto* kb_list = kb_cmd->add_subcommand("list", "List the rules with ID, title and risk level");
  kb_list->add_option("-f,--format", kb.format, "text, markdown or json")->default_str("text");
  auto* kb_show = kb_cmd->add_subcommand("show", "Show a rule's article");
  kb_show->add_option("rule", kb.rule, "Rule ID, e.g. CT-010")->required();
  kb_show->add_option("-f,--format", kb.format, "text, markdown or json")->default_str("text");
  kb_show->add_option("--for", kb.for_finding,
                      "Fill the remediation snippets in for one finding: its resource ID, ARN, Terraform address, "
                      "trail name or FILE:LINE as a scan report prints it");
  kb_show->add_option("paths", kb.paths, "With --for: files or directories to scan for it (default: .)");
  for (auto* sub : {kb_list, kb_show}) {
    sub->fallthrough();  // `stance kb show CT-010 --kb-dir DIR` as well as `stance kb --kb-dir DIR show CT-010`
    sub->add_option("--color", kb.color, "Colour: auto, always, never")
        ->transform(CLI::CheckedTransformer(kColorModes, CLI::ignore_case))
        ->default_str("auto");
  }

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
  try {
    app.parse(reversed);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e, streams.out, streams.err);
  } catch (const CLI::ParseError& e) {
    app.exit(e, streams.out, streams.err);
    return kExitIncomplete;
  }

  // --var and --var-file apply in the order given, as in Terraform.
  auto terraform_vars = [](const CLI::App& cmd, const CLI::Option* var, const std::vector<std::string>& vars,
                           const CLI::Option* file, const std::vector<std::string>& files) {
    std::vector<std::pair<bool, std::string>> out;
    std::size_t next_var = 0, next_file = 0;
    for (const CLI::Option* opt : cmd.parse_order()) {
      if (opt == var && next_var < vars.size()) out.push_back({false, vars[next_var++]});
      if (opt == file && next_file < files.size()) out.push_back({true, files[next_file++]});
    }
    return out;
  };
  if (scan_cmd->parsed()) {
    scan.terraform_vars = terraform_vars(*scan_cmd, var_opt, tf_vars, var_file_opt, tf_var_files);
    return run_scan(scan, streams);
  }
  if (collect_cmd->parsed()) return run_collect(collect, streams);
  if (fix_cmd->parsed()) {
    fix.terraform_vars = terraform_vars(*fix_cmd, fix_var_opt, fix_vars, fix_var_file_opt, fix_var_files);
    return run_fix(fix, streams);
  }
  if (kb_list->parsed()) return run_kb_list(kb, streams);
  if (kb_show->parsed()) return run_kb_show(kb, streams);
  return kExitIncomplete;
}

}  // namespace stance::cli
