#include "fix/fix_intents.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "engine/evaluator.hpp"
#include "model/trail_fields.hpp"
#include "rules/registry.hpp"

namespace stance::fix {

namespace {

// The schema has `field` as a row of the value's type (bool or string).
bool typed_row(std::string_view field, bool is_string) {
  auto has = [&](auto rows) { return std::any_of(rows.begin(), rows.end(), [&](const auto& r) { return r.id == field; }); };
  return is_string ? has(model::string_trail_fields()) : has(model::bool_trail_fields());
}

std::string skip_reason(const engine::Finding& f, const std::string& suppressed_in) {
  if (f.suppression) {
    return std::string(f.suppression->kind == engine::Suppression::Kind::InSource ? "suppressed in " + suppressed_in + ": "
                                                                                  : "excepted in the configuration: ") +
           f.suppression->reason;
  }
  if (f.status == engine::Status::Unknown) return "no safe edit: the verdict is unknown, it " + f.message;
  return "no safe edit: the trail " + f.message + " (" + model::to_string(f.location) + ")";
}

// The fix of a bucket or key rule's finding: the resource's settings, one entry per bucket or key however
// many trails use it (the evaluator makes one finding per resource).
void related_intent(const rules::RuleDefinition& rule, const engine::Finding& f, const Baseline& baseline,
                    const FixOptions& options, const kb::KnowledgeBase& kb, TrailIntents& t) {
  const rules::RuleSettings settings = engine::rule_settings(f.rule_id, options.config, kb);
  auto same = [&](const auto& r) { return r.id == f.resource.id && r.root_module == f.resource.root_module; };
  std::optional<rules::FixIntent> intent;
  if (rule.bucket_fix) {
    auto it = std::find_if(baseline.buckets.begin(), baseline.buckets.end(), same);
    if (it != baseline.buckets.end()) intent = rule.bucket_fix(*it, settings);
  } else {
    auto it = std::find_if(baseline.keys.begin(), baseline.keys.end(), same);
    if (it != baseline.keys.end()) intent = rule.key_fix(*it, settings);
  }
  if (!intent) {
    t.skipped.push_back({f.rule_id, "no automatic edit: " + f.resource.id + " is not declared here"});
    return;
  }
  if (!intent->automatic()) {
    t.skipped.push_back({f.rule_id, "no automatic edit: " + (intent->manual.empty() ? std::string(rule.manual_fix)
                                                                                   : intent->manual)});
    return;
  }
  // An irreversible change is made only when the user asked for this rule by name (--rule), not because a
  // framework or --all-rules selected it.
  const auto& named = options.rules.only_rules;
  if (intent->needs_explicit_opt_in && std::find(named.begin(), named.end(), f.rule_id) == named.end()) {
    t.skipped.push_back({f.rule_id, "not made unless asked for by name (--rule " + f.rule_id + "): " + intent->note});
    return;
  }
  t.resource_type = f.resource.type;
  for (const auto& s : intent->settings) t.settings.push_back({s, {f.rule_id}});
  if (!intent->note.empty()) t.notes.emplace_back(f.rule_id, intent->note);
  t.rule_ids.push_back(f.rule_id);
}

}  // namespace

std::string FieldChange::text() const {
  if (const bool* b = std::get_if<bool>(&value)) return *b ? "true" : "false";
  return std::get<std::string>(value);
}

void TrailIntents::drop(const std::string& rule, const std::string& reason) {
  if (std::find(rule_ids.begin(), rule_ids.end(), rule) == rule_ids.end()) return;
  std::erase(rule_ids, rule);
  skipped.push_back({rule, reason});
  for (auto& e : edits) std::erase(e.rule_ids, rule);
  std::erase_if(edits, [](const FieldChange& e) { return e.rule_ids.empty(); });
  if (selector_rule == rule) selector_rule.clear();
  for (auto& c : settings) std::erase(c.rule_ids, rule);
  std::erase_if(settings, [](const SettingChange& c) { return c.rule_ids.empty(); });
  std::erase_if(notes, [&](const auto& n) { return n.first == rule; });
}

std::string notes_of(const TrailIntents& intents) {
  std::string out;
  for (const auto& [rule, note] : intents.notes) out += "; " + rule + ": " + note;
  return out;
}

std::string cloudformation_name(const std::string& field) {
  const model::FieldNames* names = model::field_names(field);
  return names ? std::string(names->cloudformation) : std::string();
}

std::string terraform_name(const std::string& field) {
  const model::FieldNames* names = model::field_names(field);
  return names ? std::string(names->terraform) : std::string();
}

std::vector<std::string> template_rules(const engine::EvaluationOptions& rules, const engine::Config& config) {
  std::vector<std::string> out;
  for (const auto* rule : engine::selected_rules(config, rules)) {
    if ((rule->trail_check || rule->bucket_check || rule->key_check) && !rule->live_only) out.emplace_back(rule->id);
  }
  return out;
}

std::string for_rules(const std::vector<std::string>& rule_ids) {
  std::string out;
  for (const auto& r : rule_ids) out += (out.empty() ? " (" : ", ") + r;
  return out.empty() ? out : out + ")";
}

std::vector<TrailIntents> trail_intents(const Baseline& baseline, const FixOptions& options,
                                        const kb::KnowledgeBase& kb, const std::string& suppressed_in) {
  std::map<std::pair<std::string, std::string>, const model::Trail*> trails;
  for (const auto& t : baseline.trails) trails[{t.id, t.root_module}] = &t;
  std::vector<TrailIntents> out;
  auto entry = [&](const engine::Finding& f) -> TrailIntents& {
    for (auto& t : out) {
      if (t.id == f.resource.id && t.root_module == f.resource.root_module) return t;
    }
    out.push_back({f.resource.id, f.resource.root_module, {}, {}, {}, {}});
    return out.back();
  };
  // Findings are sorted by location, then rule: the rules of a trail come in a stable order.
  for (const auto& f : baseline.findings) {
    if (f.status == engine::Status::Pass) continue;
    TrailIntents& t = entry(f);
    if (f.suppression || f.status != engine::Status::Fail) {
      t.skipped.push_back({f.rule_id, skip_reason(f, suppressed_in),
                           std::string(engine::to_string(f.status)) + (f.suppression ? " (suppressed)" : "")});
      continue;
    }
    const rules::RuleDefinition* rule = rules::find_rule(f.rule_id);
    if (rule && (rule->bucket_fix || rule->key_fix)) {
      related_intent(*rule, f, baseline, options, kb, t);
      continue;
    }
    const auto trail = trails.find({f.resource.id, f.resource.root_module});
    if (!rule || !rule->trail_fix || trail == trails.end()) {
      const std::string manual = rule && !rule->manual_fix.empty() ? std::string(rule->manual_fix) : "the rule has no template fix";
      t.skipped.push_back({f.rule_id, "no automatic edit: " + manual});
      continue;
    }
    const rules::FixIntent intent =
        rule->trail_fix(*trail->second, engine::rule_settings(f.rule_id, options.config, kb));
    if (!intent.automatic()) {
      t.skipped.push_back(
          {f.rule_id, "no automatic edit: " + (intent.manual.empty() ? std::string("the rule's fix has no edit") : intent.manual)});
      continue;
    }
    // Two rules wanting different values for one field: the later one is left to a person.
    std::string conflict;
    for (const auto& e : intent.edits) {
      const bool is_string = std::holds_alternative<std::string>(e.value);
      if (!typed_row(e.field, is_string)) {
        conflict = "its fix names the field " + std::string(e.field) + ", which the schema does not have with that type";
        break;
      }
      for (const auto& have : t.edits) {
        if (have.field == e.field && have.value != e.value) {
          conflict = "it wants " + std::string(e.field) + " set otherwise than " + have.rule_ids.front() + " does";
        }
      }
    }
    if (!conflict.empty()) {
      t.skipped.push_back({f.rule_id, "no safe edit together with the other rules: " + conflict});
      continue;
    }
    for (const auto& e : intent.edits) {
      auto it = std::find_if(t.edits.begin(), t.edits.end(), [&](const FieldChange& c) { return c.field == e.field; });
      if (it == t.edits.end()) {
        t.edits.push_back({std::string(e.field), e.value, {f.rule_id}});
      } else {
        it->rule_ids.push_back(f.rule_id);
      }
    }
    if (intent.record_management_events && t.selector_rule.empty()) t.selector_rule = f.rule_id;
    t.rule_ids.push_back(f.rule_id);
  }
  return out;
}

}  // namespace stance::fix
