#include "cli/scan_command.hpp"

#include "cli/rule_selection.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <ostream>

#include "engine/compliance.hpp"
#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "engine/registry.hpp"
#include "kb/knowledge_base.hpp"
#include "cli/allowed_values.hpp"
#include "cli/config_notice.hpp"
#include "cli/explain.hpp"
#include "kb/frameworks.hpp"
#include "cli/live_aws.hpp"
#include "cli/path_filter.hpp"
#include "cli/scan_record.hpp"
#include "cli/template_inputs.hpp"
#include "sources/aws/trail_adapter.hpp"
#include "sources/file_scan.hpp"
#include "store/time.hpp"

namespace stance::cli {

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

namespace {

// `-` among the paths: a CloudFormation template on standard input (`cdk synth | stance scan -`).
constexpr const char* kStdinPath = "-";
constexpr const char* kStdinName = "<stdin>";
constexpr std::size_t kMaxStdinBytes = 32u << 20;  // as for a template file

std::optional<std::string> read_stdin(Streams streams, std::vector<engine::ScanError>& errors) {
  if (!streams.in) {
    errors.push_back({kStdinName, "cannot read standard input", model::Location::in_file(kStdinName)});
    return std::nullopt;
  }
  std::string text;
  char buffer[1 << 16];
  while (streams.in->read(buffer, sizeof buffer) || streams.in->gcount() > 0) {
    text.append(buffer, static_cast<std::size_t>(streams.in->gcount()));
    if (text.size() > kMaxStdinBytes) {
      errors.push_back({kStdinName, "standard input is larger than 32 MB", model::Location::in_file(kStdinName)});
      return std::nullopt;
    }
  }
  if (streams.in->bad()) {
    errors.push_back({kStdinName, "cannot read standard input", model::Location::in_file(kStdinName)});
    return std::nullopt;
  }
  return text;
}

std::optional<std::string> read_whole_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// --skip-path (relative to each scanned path) and the configuration's exclude: (relative to its directory).
std::vector<SkipPattern> skip_patterns(const ScanArgs& args, const engine::Config& config) {
  std::vector<SkipPattern> out;
  for (const auto& glob : args.skip_paths) out.push_back({glob, "", "--skip-path", model::Location{}});
  if (!config.exclude.empty()) {
    const std::string base = std::filesystem::absolute(config.path).parent_path().lexically_normal().string();
    for (const auto& p : config.exclude) out.push_back({p.glob, base, config.path + " exclude", p.where});
  }
  return out;
}

// With --explain, `explainer` evaluates (and keeps each failing finding's snippets) instead of the engine.
// Problems with the inputs themselves (a malformed parameter, a bad --skip-path) end the scan before it
// starts: they come back in `setup_errors` and there is no result.
std::optional<engine::ScanResult> scan_files(const ScanArgs& args, std::vector<std::string> paths, Streams streams,
                                             const engine::Config& config, const kb::KnowledgeBase& kb,
                                             const engine::EvaluationOptions& eval_options, Explainer* explainer,
                                             std::vector<engine::ScanError>& setup_errors) {
  sources::FileScanOptions scan_options;
  scan_options.jobs = args.jobs;
  scan_options.terraform.variables.arguments = terraform_var_arguments(args.terraform_vars);
  auto& cloudformation = scan_options.cloudformation;
  // The trails' buckets and keys are read in full only when a selected rule judges them (issue 12: a scan
  // with CT-010 alone costs what it did).
  const auto rules = engine::selected_rules(config, eval_options);
  cloudformation.related_resources = std::any_of(rules.begin(), rules.end(), [](const engine::RuleDefinition* r) {
    return r->bucket_check || r->key_check;
  });
  scan_options.terraform.related_resources = cloudformation.related_resources;
  collect_parameters(args.parameter_files, args.parameters, cloudformation.parameters, setup_errors);
  cloudformation.declared = std::make_shared<sources::cloudformation::DeclaredParameters>();
  const std::vector<SkipPattern> skips = skip_patterns(args, config);
  for (auto& e : check_patterns(skips)) setup_errors.push_back(std::move(e));

  const bool from_stdin = std::erase(paths, std::string(kStdinPath)) > 0;
  std::optional<std::string> stdin_text;
  if (from_stdin) stdin_text = read_stdin(streams, setup_errors);
  if (!setup_errors.empty()) return std::nullopt;

  auto evaluate = [&](const model::Inventory& unit) {
    return explainer ? explainer->evaluate(unit, eval_options) : engine::evaluate(unit, config, kb, eval_options);
  };
  Progress progress(streams.err, streams.err_is_terminal && !args.quiet);
  scan_options.progress = [&](std::size_t done, std::size_t total) { progress.update(done, total); };
  scan_options.on_file = [&](sources::SourceResult& file) {
    file.findings = evaluate(model::Inventory{file.trails, file.accounts, file.buckets, file.keys});
    // AllowedValues may decide what an unvalued parameter left unknown (only CloudFormation has them).
    if (const std::string path = single_cloudformation_file(file.trails); !path.empty()) {
      auto text = path == kStdinName ? stdin_text : read_whole_file(path);
      auto plain = [&](std::vector<model::Trail>& trails) { return engine::evaluate(trails, config, kb, eval_options); };
      if (text) narrow_unknowns(file.findings, *text, path, cloudformation, plain);
    }
    file.trails = {};
    file.accounts = {};
    file.buckets = {};
    file.keys = {};
  };

  sources::SourceResult read;
  if (!paths.empty()) {
    // The walk of a large tree takes a while before there is a file count to show.
    const std::string walking = "finding files in " + paths.front() + (paths.size() > 1 ? " and more" : "");
    progress.status(walking + "...");
    // The line is rewritten every 64 files: often enough to show movement, rarely enough to cost nothing.
    scan_options.walk_progress = [&](std::size_t found) {
      if (found % 64 == 0) progress.status(walking + "... " + std::to_string(found) + " found");
    };
    if (skips.empty()) {
      read = sources::scan_paths(paths, scan_options);
    } else {
      UnskippedFiles kept = collect_unskipped(paths, skips);
      if (!kept.files.empty()) read = sources::scan_paths(kept.files, scan_options);
      read.errors.insert(read.errors.begin(), kept.errors.begin(), kept.errors.end());
      read.notes.insert(read.notes.begin(), kept.notes.begin(), kept.notes.end());
    }
  }
  progress.clear();
  if (stdin_text) {
    sources::SourceResult piped = sources::cloudformation::scan_text(*stdin_text, kStdinName, cloudformation);
    if (piped.files_scanned == 0 && piped.errors.empty()) {
      // Never a silent pass: standard input was asked for and holds nothing stance can read.
      piped.errors.push_back({kStdinName, "standard input is not a CloudFormation template (JSON or YAML)",
                              model::Location::in_file(kStdinName)});
    }
    scan_options.on_file(piped);
    read.append(std::move(piped));
  }
  // Checked after the scan because only the templates say what they declare.
  for (auto& e : undeclared_parameters(cloudformation.parameters, cloudformation.declared->names())) {
    read.errors.push_back(std::move(e));
  }
  return to_scan_result(std::move(read));
}

std::optional<engine::ScanResult> scan_live(const ScanArgs& args, Streams streams, const engine::Config& config,
                                            const kb::KnowledgeBase& kb, const engine::EvaluationOptions& eval_options,
                                            Explainer* explainer) {
  LiveRead live = read_live(args.aws, streams,
                            live_read_options(streams.err_is_terminal && !args.quiet, args.verbosity,
                                              engine::selected_rules(config, eval_options)));
  sources::SourceResult read = sources::aws::adapt_accounts(live.accounts, model::SourceKind::Aws);
  for (const auto& p : live.problems) read.errors.push_back(sources::aws::problem_error(p));
  const model::Inventory unit{read.trails, read.accounts, read.buckets, read.keys};
  read.findings = explainer ? explainer->evaluate(unit, eval_options) : engine::evaluate(unit, config, kb, eval_options);
  if (args.verbosity > 0) {
    streams.err << "stance: read " << read.trails.size() << " trail(s) in " << live.accounts.size()
                << " account(s) with " << live.api_calls << " API call(s) in " << fmt::format("{:.2f}", live.seconds)
                << " s\n";
  }
  read.trails = {};
  read.accounts = {};
  return to_scan_result(std::move(read));
}

// Where the report goes: standard output, or the -o file, opened before the scan so that a path that cannot
// be written fails at once (with the system's reason) rather than after a long scan.
class ReportDestination {
 public:
  ReportDestination(const ScanArgs& args, Streams streams) : args_(args), streams_(streams) {
    to_stdout_ = !args.output || *args.output == "-";
    if (to_stdout_) return;
    errno = 0;
    file_.open(*args.output, std::ios::binary | std::ios::trunc);
    if (!file_) open_error_ = errno ? std::strerror(errno) : "cannot open";
  }

  // "" when the destination is usable, else the reason it is not.
  const std::string& open_error() const { return open_error_; }
  bool text_to_stdout() const { return to_stdout_ && args_.format == report::Format::Text; }

  // Writes the report; false (after saying why) when the file could not be written.
  bool write(const engine::ScanResult& result, const kb::KnowledgeBase& kb, report::Options options) {
    options.color = args_.format == report::Format::Text && to_stdout_ && use_color(args_.color, streams_.out_is_terminal);
    if (args_.format == report::Format::Text && to_stdout_ && streams_.out_is_terminal) {
      options.width = terminal_width(streams_.out_is_terminal);
    }
    if (to_stdout_) {
      report::write(args_.format, streams_.out, result, kb, options);
      streams_.out.flush();
      return true;
    }
    errno = 0;
    report::write(args_.format, file_, result, kb, options);
    if (!file_.flush()) {
      streams_.err << "stance: cannot write " << *args_.output << ": " << (errno ? std::strerror(errno) : "write failed")
                   << '\n';
      return false;
    }
    return true;
  }

 private:
  const ScanArgs& args_;
  Streams streams_;
  bool to_stdout_ = true;
  std::ofstream file_;
  std::string open_error_;
};

// A scan that ended before it had findings (a bad configuration, a malformed parameter): the problems on
// standard error, and — so that a CI upload step reports stance's problem rather than a missing file — a
// report of the chosen format that carries them, wherever the report was to go, unless that is the
// terminal's text report (standard error has already said it all).
int fail_before_findings(std::vector<engine::ScanError> errors, ReportDestination& destination,
                         const kb::KnowledgeBase& kb, Streams streams) {
  for (const auto& e : errors) print_problem(streams.err, "error", e);
  if (!destination.text_to_stdout()) {
    engine::ScanResult result;
    result.errors = std::move(errors);
    destination.write(result, kb, report::Options{});
  }
  return kExitIncomplete;
}

}  // namespace

int run_scan(const ScanArgs& args, Streams streams) {
  std::ostream& err = streams.err;
  auto threshold = engine::parse_severity(args.fail_on);
  if (!threshold) {
    err << "stance: --fail-on: '" << args.fail_on << "' is not one of info, low, medium, high, critical\n";
    return kExitIncomplete;
  }
  ReportDestination destination(args, streams);
  if (!destination.open_error().empty()) {
    err << "stance: cannot write " << *args.output << ": " << destination.open_error() << '\n';
    return kExitIncomplete;
  }

  auto kb_load = kb::load_knowledge_base(args.kb_dir);
  if (!kb_load.errors.empty()) return fail_before_findings(kb_load.errors, destination, kb_load.kb, streams);
  const kb::KnowledgeBase& kb = kb_load.kb;

  auto usage_error = [&](std::string message) {
    return fail_before_findings({engine::ScanError{"command line", std::move(message), model::Location{}}}, destination, kb,
                                streams);
  };
  RuleSelection selection = resolve_rule_selection(args.selection, kb);
  if (!selection.error.empty()) return usage_error(selection.error);
  if (std::string problem = validate(args.aws); !problem.empty()) return usage_error(problem);
  if (args.aws.enabled && !args.paths.empty()) return usage_error("give either paths or --aws, not both");
  if (std::string problem = validate_history_options(args); !problem.empty()) return usage_error(problem);
  std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  if (std::count(paths.begin(), paths.end(), std::string(kStdinPath)) > 1) {
    return usage_error("- (standard input) can be given once");
  }

  engine::Config config;
  if (!args.no_config) {
    std::optional<std::string> config_path = args.config;
    if (!config_path) {
      // Standard input has no directory of its own: the configuration is looked for from the current one.
      const std::string start = paths.front() == kStdinPath ? "." : paths.front();
      if (auto found = engine::find_config(start)) config_path = found->string();
    }
    if (config_path) {
      auto loaded = engine::load_config_file(*config_path, engine::known_rules(kb));
      if (!loaded.errors.empty()) return fail_before_findings(loaded.errors, destination, kb, streams);
      config = std::move(loaded.config);
      if (args.verbosity > 0) err << "stance: using configuration " << *config_path << '\n';
    }
  }
  const Retention retention = retention_of(args, config);
  if (args.db && retention.error) return fail_before_findings({*retention.error}, destination, kb, streams);

  const engine::EvaluationOptions& eval_options = selection.options;
  // The explanation starts in the report's message column (14) and is wrapped to 100 columns.
  std::optional<Explainer> explainer;
  if (args.explain && args.format == report::Format::Text) explainer.emplace(config, kb, 100 - 14);
  if (args.explain && args.format != report::Format::Text && !args.quiet) {
    err << "stance: --explain applies to the text report only; `stance kb show RULE --for ID` prints the same\n";
  }
  Explainer* explaining = explainer ? &*explainer : nullptr;
  const std::string started = store::iso_utc(store::now_epoch_seconds());  // the history's time of the scan
  std::vector<engine::ScanError> setup_errors;
  std::optional<engine::ScanResult> read =
      args.aws.enabled ? scan_live(args, streams, config, kb, eval_options, explaining)
                       : scan_files(args, paths, streams, config, kb, eval_options, explaining, setup_errors);
  if (!read) return fail_before_findings(std::move(setup_errors), destination, kb, streams);
  engine::ScanResult& result = *read;
  if (!args.aws.enabled) report_config_from_scanned_tree(config, paths, result);
  for (const kb::Framework* framework : selection.frameworks) {
    result.compliance.push_back(engine::summarize(*framework, result.findings));
  }

  report::Options report_options;
  report_options.show_passed = args.show_passed;
  report_options.verbose = args.verbosity > 0;
  if (explainer) report_options.explain = [&](const engine::Finding& f) { return explainer->text_for(f); };
  if (!destination.write(result, kb, report_options)) return kExitIncomplete;
  // The text report already shows problems; machine formats keep stdout clean, so tell the person here.
  if (!destination.text_to_stdout() && !args.quiet) {
    for (const auto& e : result.errors) print_problem(err, "error", e);
    for (const auto& w : result.warnings) print_problem(err, "warning", w);
    if (args.verbosity > 0) {
      for (const auto& n : result.notes) err << "stance: " << n << '\n';
    }
  }

  // After the report, which goes out whether or not the history can be written.
  bool incomplete = !result.errors.empty();
  if (args.db && !record_scan_history(args, retention.duration, make_scan_record(args, paths, config, eval_options, result, started),
                                      streams)) {
    incomplete = true;
  }
  bool failing = false;
  for (const auto& f : result.findings) {
    if (f.status == engine::Status::Error && !f.suppression) incomplete = true;
    if (fails_build(f, *threshold, args.fail_on_unknown)) failing = true;
  }
  if (incomplete) return kExitIncomplete;
  return failing ? kExitFindings : kExitOk;
}

}  // namespace stance::cli
