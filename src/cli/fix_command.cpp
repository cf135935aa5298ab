#include "cli/fix_command.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/live_aws.hpp"
#include "cli/template_inputs.hpp"
#include "cli/terminal.hpp"
#include "common/json_writer.hpp"
#include "engine/config.hpp"
#include "engine/evaluator.hpp"
#include "fix/live/live_apply.hpp"
#include "fix/live/live_fix.hpp"
#include "fix/template_fix.hpp"
#include "sources/file_scan.hpp"
#include "sources/terraform/terraform_source.hpp"
#include "kb/knowledge_base.hpp"
#include "sources/aws/reader.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace stance::cli {

namespace {

constexpr const char* kRule = "CT-010";

void write_json(std::ostream& out, const std::vector<fix::LiveFix>& fixes) {
  json::Writer w(out);
  w.begin_object().key("actions").begin_array();
  for (const auto& f : fixes) {
    w.begin_object();
    w.key("resource").begin_object().field("type", f.resource.type).field("id", f.resource.id).field("name", f.resource.name).end_object();
    w.field("rule_id", kRule).field("status", f.status).field("reason", f.reason);
    w.key("location").begin_object().field("arn", f.arn).field("region", f.region).field("account", f.account).end_object();
    w.key("before");
    if (f.before.empty()) w.null(); else w.raw(f.before);
    w.key("after");
    if (f.after.empty()) w.null(); else w.raw(f.after);
    if (!f.cli_command.empty()) w.field("command", f.cli_command);
    w.end_object();
  }
  w.end_array().end_object();
  w.finish();
}

void write_text(std::ostream& out, const std::vector<fix::LiveFix>& fixes, bool dry_run) {
  std::size_t counts[4] = {0, 0, 0, 0};
  for (const auto& f : fixes) {
    out << f.status << "  " << f.arn << "  " << f.reason << '\n';
    if (!f.after.empty() && (f.status == "planned" || f.status == "applied")) {
      out << "    before: " << f.before << '\n' << "    after:  " << f.after << '\n';
      if (dry_run && !f.cli_command.empty()) out << "    " << f.cli_command << '\n';
    }
    counts[f.status == "planned" ? 0 : f.status == "applied" ? 1 : f.status == "skipped" ? 2 : 3]++;
  }
  if (fixes.empty()) out << "nothing to fix: no trail fails " << kRule << '\n';
  out << '\n' << counts[0] << " planned, " << counts[1] << " applied, " << counts[2] << " skipped, " << counts[3]
      << " failed" << (dry_run && counts[0] ? " — dry run: nothing was changed; add --apply to make these changes" : "")
      << '\n';
}

bool confirm(Streams streams, std::size_t changes) {
  if (!streams.in || !streams.in_is_terminal) return false;
  streams.err << "Apply " << changes << " PutEventSelectors change(s)? A journal of the current selectors is written "
              << "first. [y/N] ";
  streams.err.flush();
  std::string answer;
  std::getline(*streams.in, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

int report(const FixArgs& args, Streams streams, const std::vector<fix::LiveFix>& fixes, bool dry_run, bool incomplete) {
  if (args.format == "json") {
    write_json(streams.out, fixes);
  } else {
    write_text(streams.out, fixes, dry_run);
  }
  streams.out.flush();
  for (const auto& f : fixes) {
    if (f.status == "failed") incomplete = true;
  }
  return incomplete ? kExitIncomplete : kExitOk;
}

int run_rollback(const FixArgs& args, Streams streams) {
  fix::Journal journal = fix::read_journal(*args.rollback);
  if (!journal.error.empty()) {
    streams.err << "stance: " << journal.error << '\n';
    return kExitIncomplete;
  }
  LiveSession session = open_session(args.aws);
  auto me = sources::aws::get_caller_identity(*session.base, session.region);
  if (me.error) {
    streams.err << "stance: error: sts:GetCallerIdentity: " << me.error->code << ": " << me.error->message << '\n';
    return kExitIncomplete;
  }
  auto actions = fix::rollback(journal, [&](const std::string& account) {
    return client_for_account(session, account, me.account);
  }, args.aws.max_requests);
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

// `stance fix PATH...`: CloudFormation templates and Terraform modules. Lists the fixes; --diff shows them;
// --write applies them.
int run_template_fix(const FixArgs& args, Streams streams, const engine::Config& config, const kb::KnowledgeBase& kb) {
  std::ostream& err = streams.err;
  sources::FileList files = sources::collect_files(args.paths);
  bool incomplete = !files.errors.empty();
  for (const auto& e : files.errors) print_problem(err, "error", e);
  fix::FixOptions options;
  options.config = config;
  if (!collect_parameters(args.parameter_files, args.parameters, options.cloudformation.parameters, err)) {
    return kExitIncomplete;
  }
  options.terraform.variables.arguments = terraform_var_arguments(args.terraform_vars);

  std::vector<fix::TemplateFix> all;
  std::vector<std::string> terraform_dirs;  // as `stance scan` groups .tf files: one module per directory
  for (const auto& path : files.files) {
    if (terraform::is_candidate(path)) {
      std::string dir = std::filesystem::path(path).parent_path().string();
      if (dir.empty()) dir = ".";
      if (std::find(terraform_dirs.begin(), terraform_dirs.end(), dir) == terraform_dirs.end()) {
        terraform_dirs.push_back(dir);
      }
      continue;
    }
    if (!is_cloudformation_candidate(path)) continue;
    std::string text;
    if (!read_text(path, text)) {
      err << "stance: error: cannot read " << path << '\n';
      incomplete = true;
      continue;
    }
    std::vector<fix::TemplateFix> fixes = fix::plan_cloudformation_fixes(path, text, options, kb);
    all.insert(all.end(), std::make_move_iterator(fixes.begin()), std::make_move_iterator(fixes.end()));
  }
  if (!terraform_dirs.empty()) {
    std::vector<fix::TemplateFix> fixes = fix::plan_terraform_fixes(terraform_dirs, options, kb);
    all.insert(all.end(), std::make_move_iterator(fixes.begin()), std::make_move_iterator(fixes.end()));
  }

  // The edits of each file, all fixes together (a Terraform fix may edit a file other than the resource's).
  std::vector<std::string> edited;
  for (const auto& f : all) {
    if (!f.edits.empty() && std::find(edited.begin(), edited.end(), f.file) == edited.end()) {
      edited.push_back(f.file);
    }
  }
  std::string diffs;
  for (const auto& path : edited) {
    std::vector<fix::TextEdit> edits;
    for (const auto& f : all) {
      if (f.file == path) edits.insert(edits.end(), f.edits.begin(), f.edits.end());
    }
    std::sort(edits.begin(), edits.end(),
              [](const fix::TextEdit& a, const fix::TextEdit& b) { return a.offset < b.offset; });
    std::string text;
    if (!read_text(path, text)) {
      err << "stance: error: cannot read " << path << '\n';
      incomplete = true;
      continue;
    }
    const std::string after = fix::apply_edits(text, edits);
    if (args.diff) diffs += fix::unified_diff(path, text, after);
    if (!args.write) continue;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    const bool written = out && (out << after) && out.flush();
    if (!written) err << "stance: error: cannot write " << path << '\n';
    for (auto& f : all) {
      if (f.file != path || f.status != "planned") continue;
      if (written) {
        f.status = "applied";
      } else {
        f.status = "failed", f.reason = "cannot write the file";
      }
    }
  }

  if (args.format == "json") {
    json::Writer w(streams.out);
    w.begin_object().key("actions").begin_array();
    for (const auto& f : all) {
      w.begin_object();
      w.key("resource").begin_object().field("type", "AWS::CloudTrail::Trail").field("id", f.resource_id).field("name", "").end_object();
      w.field("rule_id", kRule).field("status", f.status).field("reason", f.reason);
      w.key("location").begin_object().field("file", f.file).end_object();
      w.key("before").null().key("after").null();
      w.end_object();
    }
    w.end_array();
    if (args.diff) w.field("diff", diffs);
    w.end_object();
    w.finish();
  } else {
    if (args.diff) streams.out << diffs;
    std::size_t planned = 0, applied = 0, skipped = 0;
    for (const auto& f : all) {
      if (!args.diff || f.status != "planned") streams.out << f.status << "  " << f.file << "  " << f.resource_id << "  " << f.reason << '\n';
      (f.status == "planned" ? planned : f.status == "applied" ? applied : skipped)++;
    }
    if (all.empty()) {
      streams.out << "nothing to fix: no CloudFormation or Terraform trail fails " << kRule << '\n';
    }
    if (!args.diff) {
      streams.out << '\n' << planned << " planned, " << applied << " applied, " << skipped << " skipped"
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
  if (args.aws.enabled && (args.diff || args.write)) {
    err << "stance: --diff and --write are for templates; live trails use --apply\n";
    return kExitIncomplete;
  }
  if (args.rollback) return run_rollback(args, streams);

  auto kb_load = kb::load_knowledge_base(std::nullopt);
  for (const auto& e : kb_load.errors) print_problem(err, "error", e);
  if (!kb_load.errors.empty()) return kExitIncomplete;
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
    return run_template_fix(with_paths, streams, config, kb_load.kb);
  }
  const engine::RuleSettings settings = engine::rule_settings(kRule, config, kb_load.kb);

  LiveRead live = read_live(args.aws, streams, {streams.err_is_terminal && !args.quiet, args.verbosity});
  bool incomplete = !live.problems.empty();
  for (const auto& p : live.problems) print_problem(err, "error", sources::aws::problem_error(p));
  std::map<std::string, sources::aws::RawTrail> raws;
  std::vector<model::Trail> trails;
  for (const auto& account : live.accounts) {
    for (const auto& p : account.problems) {
      incomplete = true;
      print_problem(err, "error", sources::aws::problem_error(p));
    }
    for (const auto& raw : account.trails) {
      raws[raw.arn] = raw;
      trails.push_back(sources::aws::adapt(raw, model::SourceKind::Aws));
    }
  }
  engine::EvaluationOptions only_ct010;
  only_ct010.only_rules = {kRule};
  std::vector<engine::Finding> findings = engine::evaluate(trails, config, kb_load.kb, only_ct010);

  std::vector<fix::LiveFix> fixes;
  for (const auto& finding : findings) {
    if (finding.status == engine::Status::Pass) continue;
    auto raw = raws.find(finding.resource.id);
    auto trail = std::find_if(trails.begin(), trails.end(), [&](const model::Trail& t) { return t.id == finding.resource.id; });
    if (raw == raws.end() || trail == trails.end()) continue;
    fixes.push_back(fix::plan_live_fix(raw->second, *trail, finding, settings));
  }

  std::size_t planned = std::count_if(fixes.begin(), fixes.end(), [](const fix::LiveFix& f) { return f.status == "planned"; });
  if (!args.apply || planned == 0) return report(args, streams, fixes, true, incomplete);

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
  if (!args.quiet) err << "stance: journal of the current selectors: " << journal << " (undo with --rollback " << journal << ")\n";
  fix::apply_live_fixes(fixes, raws, [&](const std::string& account) {
    auto it = live.clients.find(account);
    return it == live.clients.end() ? nullptr : it->second;
  }, settings, args.aws.max_requests);
  fix::write_journal(journal, fixes, {STANCE_VERSION, sources::aws::utc_now_iso8601()}, error);  // record outcomes
  return report(args, streams, fixes, false, incomplete);
}

}  // namespace stance::cli
