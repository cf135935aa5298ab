#include "cli/fix_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <sstream>

#include "cli/live_aws.hpp"
#include "cli/template_inputs.hpp"
#include "cli/terminal.hpp"
#include "common/json_writer.hpp"
#include "common/printable.hpp"
#include "common/shell_quote.hpp"
#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "fix/live/live_apply.hpp"
#include "fix/live/live_fix.hpp"
#include "fix/apply_template_fixes.hpp"
#include "fix/fix_intents.hpp"
#include "fix/template_fix.hpp"
#include "fix/write_boundary.hpp"
#include "sources/file_scan.hpp"
#include "sources/terraform/terraform_source.hpp"
#include "kb/knowledge_base.hpp"
#include "sources/aws/reader.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace stance::cli {

namespace {


// All of a fix's commands, one line to paste ("" when it makes no call).
std::string joined_commands(const fix::LiveFix& f) {
  std::string out;
  for (const auto& call : f.calls) out += (out.empty() ? "" : " && ") + call.cli_command;
  return out;
}

void write_json(std::ostream& out, const std::vector<fix::LiveFix>& fixes) {
  json::Writer w(out);
  w.begin_object().key("actions").begin_array();
  for (const auto& f : fixes) {
    w.begin_object();
    w.key("resource").begin_object().field("type", f.resource.type).field("id", f.resource.id).field("name", f.resource.name).end_object();
    w.field("rule_id", f.rule_ids.empty() ? std::string() : f.rule_ids.front());
    w.key("rule_ids").begin_array();
    for (const auto& id : f.rule_ids) w.value(id);
    w.end_array();
    w.field("status", f.status).field("reason", f.reason);
    w.key("location").begin_object().field("arn", f.arn).field("region", f.region).field("account", f.account).end_object();
    // before/after: the selectors, as before per-rule fixes; null when the change leaves them alone.
    w.key("before");
    if (f.before.empty()) w.null(); else w.raw(f.before);
    w.key("after");
    if (f.after.empty()) w.null(); else w.raw(f.after);
    w.key("fields").begin_array();
    for (const auto& field : f.fields) {
      const auto row = fix::live_field(field.field);
      w.begin_object().field("field", field.field);
      w.field("parameter", row ? std::string(row->write_call == "UpdateTrail" ? row->api_write : row->api_read) : "");
      w.key("before").raw(field.before).key("after").raw(field.after).end_object();
    }
    w.end_array();
    if (!f.calls.empty()) {
      w.field("command", joined_commands(f));
      w.key("calls").begin_array();
      for (const auto& call : f.calls) {
        w.begin_object().field("api", call.api).key("request").raw(call.body).field("command", call.cli_command).end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array().end_object();
  w.finish();
}

std::string rule_list(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
  return out;
}

// Names, values and selectors come from the account (or a journal): shown with control characters escaped.
// The commands are shell-quoted (shell::quote), which leaves nothing a terminal acts on.
void write_text(std::ostream& out, const std::vector<fix::LiveFix>& fixes, bool dry_run, bool incomplete,
                const std::string& rules) {
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const auto& f : fixes) {
    out << f.status << "  " << text::printable(f.arn.empty() ? f.resource.id : f.arn) << "  "
        << text::printable(rule_list(f.rule_ids)) << ": " << text::printable(f.reason) << '\n';
    if (f.status == "planned" || f.status == "applied") {
      for (const auto& field : f.fields) {
        const auto row = fix::live_field(field.field);
        out << "    " << (row ? row->api_read : std::string_view(field.field)) << ": " << text::printable(field.before)
            << " -> " << text::printable(field.after) << '\n';
      }
      if (!f.after.empty()) {
        out << "    before: " << text::printable(f.before) << '\n' << "    after:  " << text::printable(f.after) << '\n';
      }
      if (dry_run) {
        for (const auto& call : f.calls) out << "    " << call.cli_command << '\n';
      }
    }
    counts[f.status == "planned" ? 0 : f.status == "applied" ? 1 : f.status == "skipped" ? 2 : 3]++;
  }
  if (fixes.empty() && !incomplete) out << "nothing to fix: no trail fails " << rules << '\n';
  if (fixes.empty() && incomplete) out << "nothing planned: the trails could not be read (see the errors above)\n";
  out << '\n' << counts[0] << " planned, " << counts[1] << " applied, " << counts[2] << " skipped, " << counts[3]
      << " failed" << (dry_run && counts[0] ? " — dry run: nothing was changed; add --apply to make these changes" : "")
      << '\n';
}

bool confirm(Streams streams, std::size_t changes, const char* verb = "Apply") {
  if (!streams.in || !streams.in_is_terminal) return false;
  streams.err << verb << " " << changes << " trail change(s) (UpdateTrail, PutEventSelectors, StartLogging/StopLogging)?"
              << (std::string_view(verb) == "Apply" ? " A journal of the current values is written first." : "")
              << " [y/N] ";
  streams.err.flush();
  std::string answer;
  std::getline(*streams.in, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

int report(const FixArgs& args, Streams streams, const std::vector<fix::LiveFix>& fixes, bool dry_run, bool incomplete,
           const std::string& rules = "the journal's rules") {
  if (args.format == "json") {
    write_json(streams.out, fixes);
  } else {
    write_text(streams.out, fixes, dry_run, incomplete, rules);
  }
  streams.out.flush();
  for (const auto& f : fixes) {
    if (f.status == "failed") incomplete = true;
  }
  return incomplete ? kExitIncomplete : kExitOk;
}

// --rollback JOURNAL: like --apply, a dry run unless confirmed (a prompt on a terminal, or --yes), and only
// over what stance itself left on each trail (fix::plan_rollback).
int run_rollback(const FixArgs& args, Streams streams) {
  fix::Journal journal = fix::read_journal(*args.rollback);
  if (!journal.error.empty()) {
    streams.err << "stance: " << text::printable(journal.error) << '\n';
    return kExitIncomplete;
  }
  LiveSession session = open_session(args.aws);
  auto me = sources::aws::get_caller_identity(*session.base, session.region);
  if (me.error) {
    streams.err << "stance: error: sts:GetCallerIdentity: " << me.error->code << ": " << me.error->message << '\n';
    return kExitIncomplete;
  }
  auto client_for = [&](const std::string& account) { return client_for_account(session, account, me.account); };
  std::vector<fix::LiveFix> actions = fix::plan_rollback(journal, client_for, args.aws.max_requests);
  const std::size_t planned =
      std::count_if(actions.begin(), actions.end(), [](const fix::LiveFix& f) { return f.status == "planned"; });
  if (planned == 0) return report(args, streams, actions, false, false);
  if (!args.yes && !(streams.in_is_terminal && confirm(streams, planned, "Roll back"))) {
    const int code = report(args, streams, actions, false, false);
    streams.err << "stance: not rolled back"
                << (streams.in_is_terminal ? "" : " (no terminal to ask: this was a dry run; add --yes to roll back)")
                << '\n';
    return streams.in_is_terminal ? kExitIncomplete : code;
  }
  fix::apply_rollback(actions, client_for, args.aws.max_requests);
  return report(args, streams, actions, false, false);
}


bool read_text(const std::string& path, std::string& text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  text = s.str();
  return static_cast<bool>(in) || in.eof();
}

bool is_cloudformation_candidate(const std::string& path) {
  for (const char* ext : {".yaml", ".yml", ".json", ".template"}) {
    const std::string e = ext;
    if (path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0) return true;
  }
  return false;
}

// "CT-002+CT-010": the rules of a template fix.
std::string rule_list(const std::vector<std::string>& rule_ids, const char* separator) {
  std::string out;
  for (const auto& r : rule_ids) out += (out.empty() ? "" : separator) + r;
  return out.empty() ? "-" : out;
}

// `stance fix PATH...`: CloudFormation templates and Terraform modules. Lists the fixes; --diff shows them;
// --write applies them, each real file once and only inside PATH... (fix/apply_template_fixes.hpp).
int run_template_fix(const FixArgs& args, Streams streams, const engine::Config& config,
                     const engine::EvaluationOptions& rules, const kb::KnowledgeBase& kb) {
  std::ostream& err = streams.err;
  sources::FileList files = sources::collect_files(args.paths);
  bool incomplete = !files.errors.empty();
  for (const auto& e : files.errors) print_problem(err, "error", e);
  fix::FixOptions options;
  options.config = config;
  options.rules = rules;
  if (!collect_parameters(args.parameter_files, args.parameters, options.cloudformation.parameters, err)) {
    return kExitIncomplete;
  }
  options.terraform.variables.arguments = terraform_var_arguments(args.terraform_vars);
  // File functions read only inside the paths given, as `stance scan` does (the scan root is a boundary).
  options.terraform.scan_roots = args.paths.empty() ? std::vector<std::string>{"."} : args.paths;
  // A Terraform fix edits nothing outside the paths given (a module there may have other callers).
  options.paths = options.terraform.scan_roots;

  std::vector<fix::TemplateFix> all;
  std::vector<fix::FixUnit> units;  // the fixes that stand or fall together
  std::vector<engine::ScanError> read_errors;
  std::vector<std::string> terraform_dirs;  // as `stance scan` groups .tf files: one module per directory
  // A file or directory reached under several names (a symlinked alias, a loop, a path given twice) is
  // planned once, under the first.
  std::set<fix::FileIdentity> seen_files, seen_dirs;
  for (const auto& path : files.files) {
    if (auto id = fix::identity_of(path); id && !seen_files.insert(*id).second) continue;
    if (terraform::is_candidate(path)) {
      std::string dir = std::filesystem::path(path).parent_path().string();
      if (dir.empty()) dir = ".";
      if (std::find(terraform_dirs.begin(), terraform_dirs.end(), dir) == terraform_dirs.end()) {
        if (auto id = fix::identity_of(dir); !id || seen_dirs.insert(*id).second) terraform_dirs.push_back(dir);
      }
      continue;
    }
    if (!is_cloudformation_candidate(path)) continue;
    std::string text;
    if (!read_text(path, text)) {
      err << "stance: error: cannot read " << text::printable(path) << '\n';
      incomplete = true;
      continue;
    }
    for (auto& f : fix::plan_cloudformation_fixes(path, text, options, kb, &read_errors)) {
      units.push_back({all.size()});
      all.push_back(std::move(f));
    }
  }
  if (!terraform_dirs.empty()) {
    // A fix touching several files has one entry per file, one after the other, with the same resource and
    // reason: one unit.
    for (auto& f : fix::plan_terraform_fixes(terraform_dirs, options, kb, &read_errors)) {
      const bool same_unit = !units.empty() && !all.empty() && units.back().back() == all.size() - 1 &&
                             all.back().status == "planned" && f.status == "planned" &&
                             all.back().resource_id == f.resource_id && all.back().reason == f.reason &&
                             terraform::is_candidate(all.back().file);
      if (same_unit) {
        units.back().push_back(all.size());
      } else {
        units.push_back({all.size()});
      }
      all.push_back(std::move(f));
    }
  }
  for (const auto& e : read_errors) print_problem(err, "error", e);
  incomplete = incomplete || !read_errors.empty();

  const fix::ApplyResult applied =
      fix::apply_template_fixes(all, units, fix::WriteBoundary(args.paths), args.diff, args.write);
  for (const auto& e : applied.errors) err << "stance: error: " << text::printable(e) << '\n';
  incomplete = incomplete || applied.incomplete;
  const std::string& diffs = applied.diff;

  if (args.format == "json") {
    json::Writer w(streams.out);
    w.begin_object().key("actions").begin_array();
    for (const auto& f : all) {
      w.begin_object();
      w.key("resource").begin_object().field("type", "AWS::CloudTrail::Trail").field("id", f.resource_id).field("name", "").end_object();
      // rule_id: the first rule, as before several rules could be fixed at once.
      w.field("rule_id", f.rule_ids.empty() ? std::string() : f.rule_ids.front());
      w.key("rule_ids").begin_array();
      for (const auto& r : f.rule_ids) w.value(r);
      w.end_array();
      w.field("status", f.status).field("reason", f.reason);
      w.key("location").begin_object().field("file", f.file).end_object();
      w.key("before").null().key("after").null();
      if (!f.warning.empty()) w.field("warning", f.warning);
      w.end_object();
    }
    w.end_array();
    if (args.diff) w.field("diff", diffs);
    w.end_object();
    w.finish();
  } else {
    if (args.diff) streams.out << diffs;
    std::size_t planned = 0, applied_count = 0, skipped = 0;
    for (const auto& f : all) {
      if (!args.diff || f.status != "planned") {
        streams.out << f.status << "  " << text::printable(f.file) << "  " << text::printable(f.resource_id) << "  "
                    << rule_list(f.rule_ids, "+") << "  " << text::printable(f.reason) << '\n';
      }
      // Shown with --diff too: the edit is in the diff, and what will undo it must not go unsaid.
      if (!f.warning.empty()) {
        streams.out << "warning  " << text::printable(f.file) << "  " << text::printable(f.resource_id) << "  "
                    << text::printable(f.warning) << '\n';
      }
      (f.status == "planned" ? planned : f.status == "applied" ? applied_count : skipped)++;
    }
    if (all.empty() && !incomplete) {
      const std::vector<std::string> selected = fix::template_rules(rules, config);
      if (selected.empty()) {
        streams.out << "nothing to fix: the selected rules judge live accounts only, not CloudFormation or "
                       "Terraform trails\n";
      } else {
        streams.out << "nothing to fix: no CloudFormation or Terraform trail fails " << rule_list(selected, ", ")
                    << '\n';
      }
    } else if (all.empty()) {
      streams.out << "nothing planned: some inputs could not be read (see the errors above)\n";
    }
    if (!args.diff) {
      streams.out << '\n' << planned << " planned, " << applied_count << " applied, " << skipped << " skipped"
                  << (planned ? " — nothing was written; --diff shows the edits, --write makes them" : "") << '\n';
    }
  }
  streams.out.flush();
  for (const auto& f : all) {
    if (f.status == "failed") incomplete = true;
  }
  return incomplete ? kExitIncomplete : kExitOk;
}

}  // namespace

int run_fix(const FixArgs& args, Streams streams) {
  std::ostream& err = streams.err;
  if (args.format != "text" && args.format != "json") {
    err << "stance: --format: text or json\n";
    return kExitIncomplete;
  }
  if (std::string problem = validate(args.aws); !problem.empty()) {
    err << "stance: " << problem << '\n';
    return kExitIncomplete;
  }
  if (args.aws.enabled && !args.paths.empty()) {
    err << "stance: give either paths (templates) or --aws (live trails), not both\n";
    return kExitIncomplete;
  }
  if (!args.aws.enabled && (args.apply || args.rollback)) {
    err << "stance: --apply and --rollback are for live trails (--aws); templates use --diff or --write\n";
    return kExitIncomplete;
  }
  if (args.diff && args.write) {
    err << "stance: --diff and --write do not go together: --diff shows the edits without writing, --write makes "
           "them\n";
    return kExitIncomplete;
  }
  if (args.aws.enabled && (args.diff || args.write)) {
    err << "stance: --diff and --write are for templates; live trails use --apply\n";
    return kExitIncomplete;
  }
  if (args.rollback) return run_rollback(args, streams);

  auto kb_load = kb::load_knowledge_base(std::nullopt);
  for (const auto& e : kb_load.errors) print_problem(err, "error", e);
  if (!kb_load.errors.empty()) return kExitIncomplete;
  const RuleSelection selection = resolve_rule_selection(args.selection, kb_load.kb);
  if (!selection.error.empty()) {
    err << "stance: " << selection.error << '\n';
    return kExitIncomplete;
  }
  engine::Config config;
  if (!args.no_config) {
    std::optional<std::string> path = args.config;
    if (!path) {
      if (auto found = engine::find_config(args.paths.empty() ? "." : args.paths.front())) path = found->string();
    }
    if (path) {
      auto loaded = engine::load_config_file(*path, engine::known_rules(kb_load.kb));
      for (const auto& e : loaded.errors) print_problem(err, "error", e);
      if (!loaded.errors.empty()) return kExitIncomplete;
      config = std::move(loaded.config);
    }
  }
  if (!args.aws.enabled) {
    FixArgs with_paths = args;
    if (with_paths.paths.empty()) with_paths.paths = {"."};
    return run_template_fix(with_paths, streams, config, selection.options, kb_load.kb);
  }
  // Each selected rule's settings, once (the planner and the re-read after an apply ask per rule).
  std::map<std::string, engine::RuleSettings, std::less<>> settings;
  for (const auto& rule : engine::registered_rules()) {
    settings.emplace(std::string(rule.id), engine::rule_settings(rule.id, config, kb_load.kb));
  }
  const fix::SettingsFor settings_for = [&settings](std::string_view id) {
    auto it = settings.find(id);
    return it == settings.end() ? engine::RuleSettings{} : it->second;
  };

  LiveRead live = read_live(args.aws, streams,
                            live_read_options(streams.err_is_terminal && !args.quiet, args.verbosity,
                                              engine::selected_rules(config, selection.options)));
  bool incomplete = !live.problems.empty();
  for (const auto& p : live.problems) print_problem(err, "error", sources::aws::problem_error(p));
  for (const auto& account : live.accounts) {
    for (const auto& p : account.problems) print_problem(err, "error", sources::aws::problem_error(p));
    incomplete = incomplete || !account.problems.empty();
  }
  // One unit for all accounts, as `stance scan --aws` evaluates them (an organization trail read from several
  // accounts is one trail); each trail keeps the raw read it was adapted from.
  const sources::SourceResult read = sources::aws::adapt_accounts(live.accounts, model::SourceKind::Aws);
  std::map<std::string, sources::aws::RawTrail> raws;
  for (const auto& account : live.accounts) {
    for (const auto& raw : account.trails) {
      const model::Trail* trail = model::Inventory{read.trails, read.accounts}.trail_by_arn(raw.arn);
      if (trail && trail->seen_from_account == raw.seen_from_account) raws[raw.arn] = raw;
    }
  }
  std::vector<engine::Finding> findings =
      engine::evaluate(model::Inventory{read.trails, read.accounts, read.buckets, read.keys}, config, kb_load.kb,
                       selection.options);
  std::string selected;
  for (const auto& rule : engine::registered_rules()) {
    if (std::any_of(findings.begin(), findings.end(), [&](const engine::Finding& f) { return f.rule_id == rule.id; })) {
      selected += (selected.empty() ? "" : ", ") + std::string(rule.id);
    }
  }
  if (selected.empty()) selected = "the selected rules";

  // Findings per trail (in the registry's rule order, so a conflict is decided the same way every run), then
  // one plan per trail; account rules' findings are skipped with their manual fix.
  std::map<std::string, std::vector<engine::Finding>> by_trail;
  std::vector<fix::LiveFix> fixes;
  for (const auto& finding : findings) {
    if (finding.status == engine::Status::Pass) continue;
    if (raws.count(finding.resource.id)) {
      by_trail[finding.resource.id].push_back(finding);
    } else if (const auto* rule = engine::find_rule(finding.rule_id); rule && rule->account_check) {
      fixes.push_back(fix::plan_account_finding(finding));
    } else if (rule && (rule->bucket_check || rule->key_check)) {
      // Buckets and keys are not changed live yet: skipped with what to do, never left out.
      fixes.push_back(fix::plan_related_finding(finding, read.buckets, read.keys, settings_for(finding.rule_id)));
    }
  }
  for (auto& [arn, trail_findings] : by_trail) {
    std::stable_sort(trail_findings.begin(), trail_findings.end(),
                     [](const engine::Finding& a, const engine::Finding& b) { return a.rule_id < b.rule_id; });
    const model::Trail* trail = model::Inventory{read.trails, read.accounts}.trail_by_arn(arn);
    for (auto& f : fix::plan_trail_fixes(raws[arn], *trail, trail_findings, settings_for)) fixes.push_back(std::move(f));
  }

  std::size_t planned = std::count_if(fixes.begin(), fixes.end(), [](const fix::LiveFix& f) { return f.status == "planned"; });
  if (!args.apply || planned == 0) return report(args, streams, fixes, true, incomplete, selected);

  if (!args.yes && !confirm(streams, planned)) {
    err << "stance: not applied" << (streams.in_is_terminal ? "" : " (no terminal to ask: add --yes to apply without asking)")
        << '\n';
    return kExitIncomplete;
  }
  const std::string journal = args.journal ? *args.journal : "stance-fix-" + [] {
    std::string t = sources::aws::utc_now_iso8601();
    std::erase(t, ':');
    return t;
  }() + ".json";
  std::string error;
  if (!fix::write_journal(journal, fixes, {STANCE_VERSION, sources::aws::utc_now_iso8601()}, error)) {
    err << "stance: " << error << "; nothing was changed\n";
    return kExitIncomplete;
  }
  if (!args.quiet) {
    err << "stance: journal of the current values: " << text::printable(journal)
        << " (undo with: stance fix --aws --rollback " << shell::quote(journal) << ")\n";
  }
  fix::apply_live_fixes(fixes, raws, [&](const std::string& account) {
    auto it = live.clients.find(account);
    return it == live.clients.end() ? nullptr : it->second;
  }, settings_for, args.aws.max_requests);
  fix::write_journal(journal, fixes, {STANCE_VERSION, sources::aws::utc_now_iso8601()}, error);  // record outcomes
  return report(args, streams, fixes, false, incomplete, selected);
}

}  // namespace stance::cli
