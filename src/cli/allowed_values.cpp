#include "cli/allowed_values.hpp"

#include <optional>

namespace stance::cli {

namespace {

bool same_resource(const engine::Finding& a, const engine::Finding& b) {
  return a.rule_id == b.rule_id && a.resource.id == b.resource.id && a.resource.root_module == b.resource.root_module;
}

std::string names(const std::vector<std::string>& parameters) {
  std::string out;
  for (const auto& p : parameters) out += (out.empty() ? "" : ", ") + p;
  return out;
}

}  // namespace

std::string single_cloudformation_file(const std::vector<model::Trail>& trails) {
  if (trails.empty()) return "";
  const std::string file(trails.front().where.file.view());
  for (const model::Trail& t : trails) {
    if (t.source != model::SourceKind::CloudFormation || !t.where.is_file() || t.where.file.view() != file) return "";
  }
  return file;
}

void narrow_unknowns(std::vector<engine::Finding>& findings, std::string_view text, const std::string& path,
                     const sources::cloudformation::Options& options, const EvaluateTrails& evaluate) {
  bool any_unknown = false;
  for (const engine::Finding& f : findings) any_unknown = any_unknown || f.status == engine::Status::Unknown;
  if (!any_unknown) return;
  const auto narrowing = sources::cloudformation::allowed_value_assignments(text, path, options);
  if (narrowing.assignments.empty()) return;

  // For each unknown finding: the verdict every assignment agrees on so far (nullopt once they disagree).
  struct Candidate {
    std::size_t index;
    std::optional<engine::Finding> agreed;
    bool open = true;
  };
  std::vector<Candidate> candidates;
  for (std::size_t i = 0; i < findings.size(); ++i) {
    if (findings[i].status == engine::Status::Unknown) candidates.push_back({i, std::nullopt, true});
  }
  for (const auto& assignment : narrowing.assignments) {
    sources::cloudformation::Options variant;
    variant.parameters = assignment;
    sources::SourceResult read = sources::cloudformation::scan_text(text, path, variant);
    if (!read.errors.empty()) return;  // an allowed value the template cannot be read with: keep the unknowns
    const std::vector<engine::Finding> verdicts = evaluate(read.trails);
    for (Candidate& c : candidates) {
      if (!c.open) continue;
      const engine::Finding* match = nullptr;
      for (const engine::Finding& v : verdicts) {
        if (same_resource(v, findings[c.index])) match = &v;
      }
      const bool decided = match && (match->status == engine::Status::Pass || match->status == engine::Status::Fail);
      if (!decided || (c.agreed && c.agreed->status != match->status)) {
        c.open = false;
      } else if (!c.agreed) {
        c.agreed = *match;
      }
    }
  }
  for (Candidate& c : candidates) {
    if (!c.open || !c.agreed) continue;
    engine::Finding narrowed = std::move(*c.agreed);
    narrowed.message += " (the same for every allowed value of parameter" +
                        std::string(narrowing.parameters.size() == 1 ? " " : "s ") + names(narrowing.parameters) +
                        ")";
    findings[c.index] = std::move(narrowed);
  }
}

}  // namespace stance::cli
