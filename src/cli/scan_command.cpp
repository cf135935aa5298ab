#include "cli/scan_command.hpp"

#include <fmt/format.h>

#include <fstream>
#include <ostream>

#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "engine/registry.hpp"
#include "kb/knowledge_base.hpp"
#include "cli/explain.hpp"
#include "cli/live_aws.hpp"
#include "cli/template_inputs.hpp"
#include "sources/aws/trail_adapter.hpp"
#include "sources/file_scan.hpp"

namespace stance::cli {

namespace {

bool fails_build(const engine::Finding& f, engine::Severity threshold, bool fail_on_unknown) {
  if (f.suppression) return false;
  if (f.severity < threshold) return false;
  return f.status == engine::Status::Fail || (fail_on_unknown && f.status == engine::Status::Unknown);
}


engine::ScanResult to_scan_result(sources::SourceResult&& read) {
  engine::ScanResult result;
  result.findings = std::move(read.findings);
  engine::sort_findings(result.findings);
  result.errors = std::move(read.errors);
  result.warnings = std::move(read.warnings);
  result.notes = std::move(read.notes);
  result.files_scanned = read.files_scanned;
  return result;
}

// With --explain, `explainer` evaluates (and keeps each failing finding's snippets) instead of the engine.
std::optional<engine::ScanResult> scan_files(const ScanArgs& args, const std::vector<std::string>& paths,
                                             Streams streams, const engine::Config& config, const kb::KnowledgeBase& kb,
                                             const engine::EvaluationOptions& eval_options, Explainer* explainer) {
  sources::FileScanOptions scan_options;
  scan_options.jobs = args.jobs;
  scan_options.terraform.variables.arguments = terraform_var_arguments(args.terraform_vars);
  if (!collect_parameters(args.parameter_files, args.parameters, scan_options.cloudformation.parameters, streams.err)) {
    return std::nullopt;
  }
  Progress progress(streams.err, streams.err_is_terminal && !args.quiet);
  scan_options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  scan_options.on_file = [&](sources::SourceResult& file) {
    file.findings = explainer ? explainer->evaluate(file.trails, eval_options)
                              : engine::evaluate(file.trails, config, kb, eval_options);
    file.trails = {};
  };
  sources::SourceResult read = sources::scan_paths(paths, scan_options);
  progress.clear();
  return to_scan_result(std::move(read));
}

std::optional<engine::ScanResult> scan_live(const ScanArgs& args, Streams streams, const engine::Config& config,
                                            const kb::KnowledgeBase& kb, const engine::EvaluationOptions& eval_options,
                                            Explainer* explainer) {
  LiveRead live = read_live(args.aws, streams, {streams.err_is_terminal && !args.quiet, args.verbosity});
  sources::SourceResult read = sources::aws::adapt_accounts(live.accounts, model::SourceKind::Aws);
  for (const auto& p : live.problems) read.errors.push_back(sources::aws::problem_error(p));
  read.findings = explainer ? explainer->evaluate(read.trails, eval_options)
                            : engine::evaluate(read.trails, config, kb, eval_options);
  if (args.verbosity > 0) {
    streams.err << "stance: read " << read.trails.size() << " trail(s) in " << live.accounts.size()
                << " account(s) with " << live.api_calls << " API call(s) in " << fmt::format("{:.2f}", live.seconds)
                << " s\n";
  }
  read.trails = {};
  return to_scan_result(std::move(read));
}

}  // namespace

int run_scan(const ScanArgs& args, Streams streams) {
  std::ostream& err = streams.err;
  auto threshold = engine::parse_severity(args.fail_on);
  if (!threshold) {
    err << "stance: --fail-on: unknown severity \"" << args.fail_on << "\" (info, low, medium, high, critical)\n";
    return kExitIncomplete;
  }

  auto kb_load = kb::load_knowledge_base(args.kb_dir);
  for (const auto& e : kb_load.errors) print_problem(err, "error", e);
  if (!kb_load.errors.empty()) return kExitIncomplete;
  const kb::KnowledgeBase& kb = kb_load.kb;

  for (const auto& r : args.rules) {
    if (!engine::find_rule(r)) {
      err << "stance: --rule: unknown rule \"" << r << "\" (see `stance kb list`)\n";
      return kExitIncomplete;
    }
  }

  if (std::string problem = validate(args.aws); !problem.empty()) {
    err << "stance: " << problem << '\n';
    return kExitIncomplete;
  }
  if (args.aws.enabled && !args.paths.empty()) {
    err << "stance: give either paths or --aws, not both\n";
    return kExitIncomplete;
  }
  std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;

  engine::Config config;
  if (!args.no_config) {
    std::optional<std::string> config_path = args.config;
    if (!config_path) {
      if (auto found = engine::find_config(paths.front())) config_path = found->string();
    }
    if (config_path) {
      auto loaded = engine::load_config_file(*config_path, engine::known_rules(kb));
      for (const auto& e : loaded.errors) print_problem(err, "error", e);
      if (!loaded.errors.empty()) return kExitIncomplete;
      config = std::move(loaded.config);
      if (args.verbosity > 0) err << "stance: using configuration " << *config_path << '\n';
    }
  }

  engine::EvaluationOptions eval_options;
  eval_options.only_rules = args.rules;
  // The explanation starts in the report's message column (14) and is wrapped to 100 columns.
  std::optional<Explainer> explainer;
  if (args.explain && args.format == report::Format::Text) explainer.emplace(config, kb, 100 - 14);
  if (args.explain && args.format != report::Format::Text && !args.quiet) {
    err << "stance: --explain applies to the text report only; `stance kb show RULE --for ID` prints the same\n";
  }
  Explainer* explaining = explainer ? &*explainer : nullptr;
  std::optional<engine::ScanResult> read = args.aws.enabled
                                               ? scan_live(args, streams, config, kb, eval_options, explaining)
                                               : scan_files(args, paths, streams, config, kb, eval_options, explaining);
  if (!read) return kExitIncomplete;
  engine::ScanResult& result = *read;

  report::Options report_options;
  report_options.show_passed = args.show_passed;
  report_options.verbose = args.verbosity > 0;
  if (explainer) report_options.explain = [&](const engine::Finding& f) { return explainer->text_for(f); };

  const bool to_stdout = !args.output || *args.output == "-";
  const bool text_to_stdout = to_stdout && args.format == report::Format::Text;
  report_options.color = args.format == report::Format::Text && to_stdout && use_color(args.color, streams.out_is_terminal);
  if (to_stdout) {
    report::write(args.format, streams.out, result, kb, report_options);
    streams.out.flush();
  } else {
    std::ofstream file(*args.output, std::ios::binary | std::ios::trunc);
    if (!file) {
      err << "stance: cannot write " << *args.output << '\n';
      return kExitIncomplete;
    }
    report::write(args.format, file, result, kb, report_options);
    if (!file.flush()) {
      err << "stance: error writing " << *args.output << '\n';
      return kExitIncomplete;
    }
  }
  // The text report already shows problems; machine formats keep stdout clean, so tell the person here.
  if (!text_to_stdout && !args.quiet) {
    for (const auto& e : result.errors) print_problem(err, "error", e);
    for (const auto& w : result.warnings) print_problem(err, "warning", w);
    if (args.verbosity > 0) {
      for (const auto& n : result.notes) err << "stance: " << n << '\n';
    }
  }

  bool incomplete = !result.errors.empty();
  bool failing = false;
  for (const auto& f : result.findings) {
    if (f.status == engine::Status::Error && !f.suppression) incomplete = true;
    if (fails_build(f, *threshold, args.fail_on_unknown)) failing = true;
  }
  if (incomplete) return kExitIncomplete;
  return failing ? kExitFindings : kExitOk;
}

}  // namespace stance::cli
