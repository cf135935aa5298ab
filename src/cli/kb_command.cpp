#include "cli/kb_command.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <ostream>

#include "cli/finding_lookup.hpp"
#include "cli/template_inputs.hpp"
#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "engine/registry.hpp"
#include "fix/snippets/finding_snippets.hpp"
#include "report/finding_snippets.hpp"
#include "kb/knowledge_base.hpp"
#include "kb/render.hpp"
#include "sources/file_scan.hpp"

namespace stance::cli {

namespace {

// Wrap prose to the terminal, but never wider than is comfortable to read.
int text_width(bool is_terminal) {
  if (!is_terminal) return 100;
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 40) return std::min<int>(ws.ws_col, 100);
  return 80;
}

bool load(const KbArgs& args, Streams streams, kb::KnowledgeBaseLoad& out) {
  out = kb::load_knowledge_base(args.kb_dir);
  for (const auto& e : out.errors) print_problem(streams.err, "error", e);
  return out.errors.empty();
}

std::optional<kb::RenderFormat> format_of(const KbArgs& args, Streams streams) {
  auto format = kb::parse_render_format(args.format);
  if (!format) streams.err << "stance: unknown format \"" << args.format << "\" (text, markdown, json)\n";
  return format;
}

// .stance.yaml above the first path, as `stance scan` finds it: its settings change what a fix keeps.
bool load_config(const std::string& start, const kb::KnowledgeBase& kb, Streams streams, engine::Config& config) {
  auto found = engine::find_config(start);
  if (!found) return true;
  auto loaded = engine::load_config_file(found->string(), engine::known_rules(kb));
  for (const auto& e : loaded.errors) print_problem(streams.err, "error", e);
  config = std::move(loaded.config);
  return loaded.errors.empty();
}

// `stance kb show RULE --for FINDING [PATH...]`: scan PATH (default .), find the one trail FINDING names,
// print the article's remediation filled in for it. Scanning again rather than reading a saved report: a
// report says which trail fails, not what it records, and the snippets must keep what it records.
int run_kb_show_for(const KbArgs& args, Streams streams, const kb::KnowledgeBase& kb, const kb::Article& article,
                    kb::RenderFormat format) {
  std::ostream& err = streams.err;
  if (!engine::find_rule(article.id)) {
    err << "stance: " << article.id << " has an article but no check, so there are no findings to fill in\n";
    return kExitIncomplete;
  }
  const std::vector<std::string> paths = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  engine::Config config;
  if (!load_config(paths.front(), kb, streams, config)) return kExitIncomplete;

  // The template inputs the scan took, so that the trail is found (and filled in) as it was scanned.
  sources::FileScanOptions inputs;
  std::vector<engine::ScanError> input_errors;
  collect_parameters(args.parameter_files, args.parameters, inputs.cloudformation.parameters, input_errors);
  inputs.cloudformation.declared = std::make_shared<sources::cloudformation::DeclaredParameters>();
  inputs.terraform.variables.arguments = terraform_var_arguments(args.terraform_vars);
  for (const auto& e : input_errors) print_problem(err, "error", e);
  if (!input_errors.empty()) return kExitIncomplete;

  sources::SourceResult read = sources::scan_paths(paths, inputs);
  for (auto& e : undeclared_parameters(inputs.cloudformation.parameters, inputs.cloudformation.declared->names())) {
    read.errors.push_back(std::move(e));
  }
  // A value given for something no template or module declares is a mistake in the command, whatever was found.
  bool undeclared = false;
  for (const auto& e : read.errors) {
    if (e.source == "command line") {
      print_problem(err, "error", e);
      undeclared = true;
    }
  }
  if (undeclared) return kExitIncomplete;
  engine::EvaluationOptions only_this;
  only_this.only_rules = {article.id};
  std::vector<EvaluatedTrail> trails;
  for (model::Trail& trail : read.trails) {
    std::vector<engine::Finding> findings = engine::evaluate({trail}, config, kb, only_this);
    if (findings.empty()) continue;  // the rule is disabled, or does not apply to this resource
    trails.push_back({std::move(trail), std::move(findings.front())});
  }

  const std::vector<std::size_t> matches = find_trails(trails, *args.for_finding);
  if (matches.size() != 1) {
    const std::string where = [&] {
      std::string list;
      for (const auto& p : paths) list += (list.empty() ? "" : " ") + p;
      return list;
    }();
    if (matches.empty()) {
      err << "stance: no " << article.id << " finding matches \"" << *args.for_finding << "\" in " << where
          << " (give a resource ID, ARN, Terraform address, trail name or FILE:LINE as the scan report prints it)\n";
      for (const auto& e : read.errors) print_problem(err, "error", e);
    } else {
      err << "stance: \"" << *args.for_finding << "\" matches " << matches.size() << " trails; name one by "
          << "FILE:LINE, Terraform address or ARN:\n";
    }
    std::vector<std::size_t> listed = matches;
    if (listed.empty()) {
      for (std::size_t i = 0; i < trails.size(); ++i) listed.push_back(i);
      if (!listed.empty()) err << "trails found:\n";
    }
    constexpr std::size_t kMaxListed = 20;
    for (std::size_t i = 0; i < listed.size() && i < kMaxListed; ++i) {
      err << "  " << describe_candidate(trails[listed[i]]) << '\n';
    }
    if (listed.size() > kMaxListed) err << "  ... and " << listed.size() - kMaxListed << " more\n";
    return kExitIncomplete;
  }

  const EvaluatedTrail& chosen = trails[matches.front()];
  const engine::RuleSettings settings = engine::rule_settings(article.id, config, kb);
  report::FindingSnippets filled = fix::fill_finding_snippets(article, chosen.trail, chosen.finding, settings);
  // A Terraform trail is fixed in Terraform (or with the CLI): CloudFormation snippets would only mislead.
  if (chosen.trail.source == model::SourceKind::Terraform) {
    std::erase_if(filled.snippets, [](const kb::Snippet& s) { return s.kind.starts_with("cloudformation"); });
  }
  report::render_finding_snippets(streams.out, filled, format, use_color(args.color, streams.out_is_terminal),
                              text_width(streams.out_is_terminal));
  return kExitOk;
}

// Keeps only the articles of the rules `framework_id` maps. An unknown ID is a usage error that lists the
// known ones, since they are data (built-in or --kb-dir) and cannot be listed in --help.
bool only_framework(const std::string& framework_id, Streams streams, kb::KnowledgeBase& kb) {
  const kb::Framework* framework = kb.frameworks().find(framework_id);
  if (!framework) {
    streams.err << "stance: unknown framework \"" << framework_id << "\" (known: " << kb.frameworks().ids() << ")\n";
    return false;
  }
  kb::KnowledgeBase only;
  for (const std::string& rule_id : kb::rules_of(*framework)) {
    if (const kb::Article* a = kb.find(rule_id)) only.add_or_replace(*a);  // find: any case, as mapped
  }
  only.set_frameworks(kb.frameworks());
  kb = std::move(only);
  return true;
}

}  // namespace

int run_kb_list(const KbArgs& args, Streams streams) {
  auto format = format_of(args, streams);
  kb::KnowledgeBaseLoad loaded;
  if (!format || !load(args, streams, loaded)) return kExitIncomplete;
  if (args.framework && !only_framework(*args.framework, streams, loaded.kb)) return kExitIncomplete;
  switch (*format) {
    case kb::RenderFormat::Text:
      kb::render_list(streams.out, loaded.kb, use_color(args.color, streams.out_is_terminal));
      break;
    case kb::RenderFormat::Markdown: kb::render_list_markdown(streams.out, loaded.kb); break;
    case kb::RenderFormat::Json: kb::render_list_json(streams.out, loaded.kb); break;
  }
  return kExitOk;
}

int run_kb_show(const KbArgs& args, Streams streams) {
  auto format = format_of(args, streams);
  kb::KnowledgeBaseLoad loaded;
  if (!format || !load(args, streams, loaded)) return kExitIncomplete;
  const kb::Article* article = loaded.kb.find(args.rule);
  if (!article) {
    streams.err << "stance: no rule \"" << args.rule << "\" in the knowledge base (see `stance kb list`)\n";
    return kExitIncomplete;
  }
  if (args.for_finding) return run_kb_show_for(args, streams, loaded.kb, *article, *format);
  if (!args.paths.empty()) {
    streams.err << "stance: paths are what --for FINDING is looked for in; without --for, `kb show` takes only a "
                   "rule ID\n";
    return kExitIncomplete;
  }
  kb::render_article(streams.out, *article, *format, use_color(args.color, streams.out_is_terminal),
                     text_width(streams.out_is_terminal));
  return kExitOk;
}

}  // namespace stance::cli
