// The command line: parsing and dispatch only; each command lives in its own file.
#include "cli/app.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "cli/aws_options.hpp"
#include "cli/choices.hpp"
#include "cli/collect_command.hpp"
#include "cli/diff_command.hpp"
#include "cli/history_command.hpp"
#include "cli/fix_command.hpp"
#include "cli/kb_command.hpp"
#include "cli/report_command.hpp"
#include "cli/scan_command.hpp"
#include "cli/serve_command.hpp"
#include "cli/watch_command.hpp"

namespace stance::cli {

namespace {

const std::vector<std::pair<std::string, report::Format>> kFormats = {
    {"text", report::Format::Text}, {"json", report::Format::Json},
    {"sarif", report::Format::Sarif}, {"junit", report::Format::Junit}};

const std::vector<std::pair<std::string, ColorMode>> kColorModes = {
    {"auto", ColorMode::Auto}, {"always", ColorMode::Always}, {"never", ColorMode::Never}};

const std::vector<std::string> kSeverities = {"info", "low", "medium", "high", "critical"};

constexpr const char* kExitCodes =
    "Exit codes: 0 no failing finding, 1 failing findings, 2 usage error or incomplete scan.";

// --var and --var-file apply in the order given, as in Terraform: (is_file, text) pairs in that order.
std::vector<std::pair<bool, std::string>> terraform_vars(const CLI::App& cmd, const CLI::Option* var,
                                                         const std::vector<std::string>& vars,
                                                         const CLI::Option* file,
                                                         const std::vector<std::string>& files) {
  std::vector<std::pair<bool, std::string>> out;
  std::size_t next_var = 0, next_file = 0;
  for (const CLI::Option* opt : cmd.parse_order()) {
    if (opt == var && next_var < vars.size()) out.push_back({false, vars[next_var++]});
    if (opt == file && next_file < files.size()) out.push_back({true, files[next_file++]});
  }
  return out;
}

// The template inputs scan, fix and `kb show --for` share, so a finding is found with the values it was
// scanned with.
struct TemplateInputOptions {
  std::vector<std::string> vars, var_files;
  CLI::Option* var = nullptr;
  CLI::Option* var_file = nullptr;
};

// `checks_declared`: the command rejects a parameter or variable that nothing scanned declares (scan and
// `kb show --for`; fix does not check parameters yet, so its help does not say so).
void add_template_inputs(CLI::App& cmd, std::vector<std::string>& parameters,
                         std::vector<std::string>& parameter_files, TemplateInputOptions& tf,
                         bool checks_declared = true) {
  cmd.add_option("-p,--parameter", parameters,
                 std::string("CloudFormation parameter value Key=Value (repeatable)") +
                     (checks_declared ? "; the template must declare Key" : ""))
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);  // one value per occurrence: `-p A=1 template.yaml` leaves the path alone
  cmd.add_option("--parameter-file", parameter_files,
                 "CloudFormation CLI parameter file ([{\"ParameterKey\":..,\"ParameterValue\":..}])")
      ->type_name("FILE")
      ->allow_extra_args(false);
  tf.var = cmd.add_option("--var", tf.vars,
                          "Terraform input variable NAME=VALUE (repeatable); a scanned module must declare NAME")
               ->type_name("NAME=VALUE")
               ->allow_extra_args(false);
  tf.var_file = cmd.add_option("--var-file", tf.var_files, "Terraform .tfvars file (repeatable)")
                    ->type_name("FILE")
                    ->allow_extra_args(false);
}

std::vector<std::pair<bool, std::string>> terraform_vars(const CLI::App& cmd, const TemplateInputOptions& tf) {
  return terraform_vars(cmd, tf.var, tf.vars, tf.var_file, tf.var_files);
}

}  // namespace

int run(const std::vector<std::string>& args, Streams streams) {
  CLI::App app{"stance — keeps AWS CloudTrail trails in a good security posture.\n"
               "Checks CloudFormation templates, Terraform and live AWS accounts against knowledge-base rules such "
               "as CT-010.",
               "stance"};
  app.set_version_flag("-V,--version", std::string("stance ") + STANCE_VERSION);
  app.require_subcommand(0, 1);

  ScanArgs scan;
  auto* scan_cmd = app.add_subcommand(
      "scan", "Scan CloudFormation templates, Terraform modules and plan JSON, stance snapshots and AWS CLI "
              "output (files or directories, - for a template on standard input), or live AWS accounts with --aws");
  scan_cmd->footer(std::string(kExitCodes) + "\nDocs: stance kb show CT-010 — the rule, how to audit and fix it by hand.");
  scan_cmd->add_option("paths", scan.paths,
                       "Files or directories to scan (default: .); - reads a CloudFormation template from standard "
                       "input");
  one_of(*scan_cmd->add_option("-f,--format", scan.format, "Report format")->default_str("text"), kFormats);
  scan_cmd->add_option("-o,--output", scan.output, "Write the report to FILE instead of standard output")
      ->type_name("FILE");
  scan_cmd->add_flag("--show-passed", scan.show_passed, "Text format: list passing findings too");
  scan_cmd->add_flag("--explain", scan.explain,
                     "Text format: under each failing finding, the knowledge base's CLI, CloudFormation and "
                     "Terraform fixes filled in for that trail (as `stance kb show RULE --for`)");
  one_of(*scan_cmd->add_option("--fail-on", scan.fail_on, "Exit 1 only for failing findings of at least this severity")
              ->default_str("info"),
         kSeverities);
  scan_cmd->add_flag("--fail-on-unknown", scan.fail_on_unknown,
                     "Also exit 1 when a verdict is unknown (depends on values known only at deployment)");
  scan_cmd->add_option("-c,--config", scan.config, "Configuration file (default: nearest .stance.yaml upward)")->type_name("FILE");
  scan_cmd->add_flag("--no-config", scan.no_config, "Ignore .stance.yaml files");
  scan_cmd->add_option("--skip-path", scan.skip_paths,
                       "Do not scan files or directories matching GLOB, relative to the scanned path (repeatable; "
                       "* within a name, ** across directories), e.g. --skip-path 'vendor/**'")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  TemplateInputOptions scan_inputs;
  add_template_inputs(*scan_cmd, scan.parameters, scan.parameter_files, scan_inputs);
  add_rule_selection(*scan_cmd, scan.selection, "Run");
  scan_cmd->add_option("--kb-dir", scan.kb_dir, "Directory of rule.yaml files overriding the built-in knowledge base")
      ->type_name("DIR");
  scan_cmd->add_option("-j,--jobs", scan.jobs, "Parallel workers (default: one per core)");
  one_of(*scan_cmd->add_option("--color", scan.color, "Colour")->default_str("auto"), kColorModes);
  scan_cmd->add_flag("-v,--verbose", scan.verbosity, "Also say which files were skipped and why");
  scan_cmd->add_flag("-q,--quiet", scan.quiet, "No progress or problem lines on standard error");
  add_aws_options(*scan_cmd, scan.aws, "Read trails from the AWS account(s) of your credentials (read-only)");
  scan_cmd->add_option("--db", scan.db,
                       "Record the scan in this history database (a SQLite file, created if missing, or a postgresql:// URL); see `stance "
                       "history` and `stance diff`")
      ->type_name("PATH");
  scan_cmd->add_option("--retain", scan.retain,
                       "With --db: delete recorded scans older than DURATION (e.g. 90d, 12h; the latest scan of "
                       "each source is kept)")
      ->type_name("DURATION");

  CollectArgs collect;
  auto* collect_cmd = app.add_subcommand(
      "collect", "Record what a live scan reads (every API response) into a snapshot that `stance scan` audits offline");
  add_aws_options(*collect_cmd, collect.aws, "Read trails from the AWS account(s) of your credentials (read-only)");
  collect_cmd->add_option("-o,--output", collect.output, "Snapshot file to write (default: standard output)");
  collect_cmd->add_flag("-v,--verbose", collect.verbosity, "Say where credentials came from and what was read");
  collect_cmd->add_flag("-q,--quiet", collect.quiet, "No progress or problem lines on standard error");

  FixArgs fix;
  auto* fix_cmd = app.add_subcommand(
      "fix", "Remediate failing trails, dry run by default. Templates: stance fix PATH [--diff | --write]; "
             "live: stance fix --aws [--apply [--yes] | --rollback JOURNAL]");
  add_aws_options(*fix_cmd, fix.aws,
                  "Fix trails in the AWS account(s) of your credentials: plans the changes (read-only) and, with "
                  "--apply, makes them");
  fix_cmd->add_option("paths", fix.paths,
                      "CloudFormation templates, Terraform modules or directories to fix (without --aws)");
  add_rule_selection(*fix_cmd, fix.selection, "Fix");
  fix_cmd->add_flag("--diff", fix.diff, "Templates: print the edits as a unified diff; nothing is written");
  fix_cmd->add_flag("--write", fix.write, "Templates: edit the files in place");
  fix_cmd->add_flag("--apply", fix.apply, "Make the planned changes (asks first on a terminal; writes a journal)");
  fix_cmd->add_flag("-y,--yes", fix.yes, "Do not ask before applying (automation)");
  fix_cmd->add_option("--rollback", fix.rollback, "Put back the selectors recorded in this journal");
  fix_cmd->add_option("--journal", fix.journal, "Where --apply writes its journal (default: ./stance-fix-<time>.json)");
  one_of(*fix_cmd->add_option("-f,--format", fix.format, "Output format")->default_str("text"),
         std::vector<std::string>{"text", "json"});
  fix_cmd->add_option("-c,--config", fix.config, "Configuration file (default: nearest .stance.yaml upward)")->type_name("FILE");
  fix_cmd->add_flag("--no-config", fix.no_config, "Ignore .stance.yaml files");
  fix_cmd->add_flag("-v,--verbose", fix.verbosity, "Say where credentials came from and what was read");
  fix_cmd->add_flag("-q,--quiet", fix.quiet, "No progress or problem lines on standard error");
  TemplateInputOptions fix_inputs;
  add_template_inputs(*fix_cmd, fix.parameters, fix.parameter_files, fix_inputs, /*checks_declared=*/false);

  KbArgs kb;
  auto* kb_cmd = app.add_subcommand("kb", "Read the knowledge base: rules, risk levels, how to audit and fix");
  kb_cmd->require_subcommand(1);
  kb_cmd->add_option("--kb-dir", kb.kb_dir, "Directory of rule.yaml files overriding the built-in knowledge base")
      ->type_name("DIR");
  auto* kb_list = kb_cmd->add_subcommand("list", "List the rules with ID, title and risk level");
  kb_list->add_option("--framework", kb.framework,
                      "Only the rules a compliance framework maps, e.g. cis-aws-foundations-v3")
      ->type_name("ID");
  auto* kb_show = kb_cmd->add_subcommand("show", "Show a rule's article");
  kb_show->add_option("rule", kb.rule, "Rule ID, e.g. CT-010")->required();
  kb_show->add_option("--for", kb.for_finding,
                      "Fill the remediation snippets in for one finding: its resource ID, ARN, Terraform address, "
                      "trail name or FILE:LINE as a scan report prints it");
  kb_show->add_option("paths", kb.paths, "With --for: files or directories to scan for it (default: .)");
  TemplateInputOptions kb_inputs;
  add_template_inputs(*kb_show, kb.parameters, kb.parameter_files, kb_inputs);
  for (auto* sub : {kb_list, kb_show}) {
    sub->fallthrough();  // `stance kb show CT-010 --kb-dir DIR` as well as `stance kb --kb-dir DIR show CT-010`
    one_of(*sub->add_option("-f,--format", kb.format, "Output format")->default_str("text"),
           std::vector<std::string>{"text", "markdown", "json"});
    one_of(*sub->add_option("--color", kb.color, "Colour")->default_str("auto"), kColorModes);
  }

  HistoryArgs history;
  auto* history_cmd = app.add_subcommand(
      "history", "List the scans recorded with `scan --db` and the transitions between them (new, resolved, regressed)");
  history_cmd->add_option("--db", history.db, "History database: a SQLite file or a postgresql:// URL")->type_name("PATH")->required();
  history_cmd->add_option("--since", history.since, "Only what happened in the last DURATION, e.g. 7d, 12h")
      ->type_name("DURATION");
  one_of(*history_cmd->add_option("-f,--format", history.format, "Output format")->default_str("text"),
         std::vector<std::string>{"text", "json"});

  DiffArgs diff;
  auto* diff_cmd = app.add_subcommand(
      "diff", "Compare two recorded scans: findings new, resolved or changed in SCAN_B (exit 1 when any is new)");
  diff_cmd->add_option("--db", diff.db, "History database: a SQLite file or a postgresql:// URL")->type_name("PATH")->required();
  diff_cmd->add_option("scan_a", diff.scan_a, "The earlier scan's id, as `stance history` shows it")->required();
  diff_cmd->add_option("scan_b", diff.scan_b, "The later scan's id")->required();
  one_of(*diff_cmd->add_option("-f,--format", diff.format, "Output format")->default_str("text"),
         std::vector<std::string>{"text", "json"});

  ServeArgs serve;
  auto* serve_cmd = app.add_subcommand(
      "serve", "Web dashboard over the history (read-only): posture overview, trend, findings, suppressions");
  serve_cmd->add_option("--db", serve.db, "History database: a SQLite file or a postgresql:// URL")->type_name("PATH")->required();
  serve_cmd->add_option("--listen", serve.listen,
                        "Address to listen on; another than localhost needs --token (port 0: any free port)")
      ->type_name("HOST:PORT")
      ->default_str("127.0.0.1:8080");
  serve_cmd->add_option("--token", serve.token,
                        "Require this token (Authorization: Bearer TOKEN, or ?token=TOKEN once in a browser); "
                        "default: STANCE_SERVE_TOKEN")
      ->type_name("TOKEN");
  serve_cmd->add_flag("-v,--verbose", serve.verbose, "Log each request on standard error");

  ReportArgs report;
  auto* report_cmd = app.add_subcommand(
      "report", "Write the posture overview of the history as one self-contained HTML file, to attach to an audit");
  report_cmd->add_option("--db", report.db, "History database: a SQLite file or a postgresql:// URL")->type_name("PATH")->required();
  one_of(*report_cmd->add_option("-f,--format", report.format, "Report format")->default_str("html"),
         std::vector<std::string>{"html"});
  report_cmd->add_option("-o,--output", report.output, "Write the report to FILE instead of standard output")
      ->type_name("FILE");
  WatchArgs watch;
  auto* watch_cmd = add_watch_command(app, watch);

  std::vector<std::string> help_topic;
  auto* help_cmd = app.add_subcommand("help", "Show this usage, or a command's: stance help scan");
  help_cmd->add_option("command", help_topic, "Command (and subcommand) to show the usage of");

  // Set last: subcommands copy the footer they are created with, and only scan and fix have exit codes to list.
  app.footer("Run `stance COMMAND --help` for a command's options.\n"
             "Docs: stance kb show CT-010 — the rule, how to audit and fix it by hand.");

  std::vector<std::string> reversed(args.rbegin(), args.rend());  // CLI11 consumes from the back
  try {
    app.parse(reversed);
  } catch (const CLI::Success& e) {  // --help, --version
    return app.exit(e, streams.out, streams.err);
  } catch (const CLI::ParseError& e) {
    app.exit(e, streams.out, streams.err);
    return kExitIncomplete;
  }

  if (scan_cmd->parsed()) {
    scan.terraform_vars = terraform_vars(*scan_cmd, scan_inputs);
    return run_scan(scan, streams);
  }
  if (collect_cmd->parsed()) return run_collect(collect, streams);
  if (fix_cmd->parsed()) {
    fix.terraform_vars = terraform_vars(*fix_cmd, fix_inputs);
    return run_fix(fix, streams);
  }
  if (history_cmd->parsed()) return run_history(history, streams);
  if (diff_cmd->parsed()) return run_diff(diff, streams);
  if (serve_cmd->parsed()) return run_serve(serve, streams);
  if (report_cmd->parsed()) return run_report(report, streams);
  if (watch_cmd->parsed()) return run_watch(watch, streams);
  if (kb_list->parsed()) return run_kb_list(kb, streams);
  if (kb_show->parsed()) {
    kb.terraform_vars = terraform_vars(*kb_show, kb_inputs);
    return run_kb_show(kb, streams);
  }
  if (help_cmd->parsed()) {
    // `stance help kb show`: walk down to the named command; a name that is not one is a usage error.
    const CLI::App* topic = &app;
    std::string path = "stance";
    // Not topic->help(): that would show the help of whichever subcommand was parsed, which is `help` itself.
    auto usage = [&] { return topic->get_formatter()->make_help(topic, path, CLI::AppFormatMode::Normal); };
    for (const std::string& name : help_topic) {
      const CLI::App* sub = nullptr;
      for (const CLI::App* candidate : topic->get_subcommands({})) {
        if (candidate->get_name() == name && candidate != help_cmd) sub = candidate;
      }
      if (!sub) {
        streams.err << "stance: help: '" << name << "' is not a command of `" << path << "`\n" << usage();
        return kExitIncomplete;
      }
      topic = sub;
      path += " " + name;
    }
    streams.out << usage();
    return kExitOk;
  }
  // A bare `stance`: the usage, as a usage error (nothing was asked for).
  streams.err << app.help();
  return kExitIncomplete;
}

}  // namespace stance::cli
