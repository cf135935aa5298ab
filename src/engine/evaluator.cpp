#include "engine/evaluator.hpp"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <type_traits>

#include "engine/registry.hpp"

namespace stance::engine {

namespace {

RuleSettings effective_settings(const kb::Article* article, const RuleConfig* rc) {
  RuleSettings settings;
  if (article) {
    for (const auto& s : article->settings) settings.values[s.name] = s.default_value;
  }
  if (rc) {
    for (const auto& [name, value] : rc->settings) settings.values[name] = value;
  }
  return settings;
}

bool tags_match(const model::Trail& trail, const std::map<std::string, std::string>& wanted) {
  if (wanted.empty() || !trail.tags.known()) return false;
  for (const auto& [key, value] : wanted) {
    bool found = false;
    for (const auto& tag : *trail.tags) {
      if (tag.key == key && tag.value.known() && glob_match(value, *tag.value)) found = true;
    }
    if (!found) return false;
  }
  return true;
}

// A .stance.yaml exception for this resource (by id or ARN glob, or by tags) and rule.
std::optional<Suppression> config_suppression(std::string_view id, std::string_view arn,
                                              const std::function<bool(const Exception&)>& by_tags,
                                              std::string_view rule_id, const Config& config) {
  for (const auto& ex : config.exceptions) {
    if (ex.rule != "*" && ex.rule != rule_id) continue;
    bool by_id = std::any_of(ex.resources.begin(), ex.resources.end(), [&](const std::string& p) {
      return glob_match(p, id) || (!arn.empty() && glob_match(p, arn));
    });
    if (by_id || (by_tags && by_tags(ex))) return Suppression{Suppression::Kind::Config, ex.reason, ex.where};
  }
  return std::nullopt;
}

std::optional<Suppression> suppression_for(const model::Trail& trail, std::string_view rule_id,
                                           const Config& config) {
  for (const auto& s : trail.suppressions) {
    if (s.rule_id == rule_id || s.rule_id == "*") {
      return Suppression{Suppression::Kind::InSource, s.reason, s.where};
    }
  }
  return config_suppression(trail.id, trail.arn,
                            [&](const Exception& ex) { return tags_match(trail, ex.tags); }, rule_id, config);
}

bool outside_root_uncached(const model::Location& where, const std::string& root) {
  const std::string relative =
      std::filesystem::path(where.file.str()).lexically_normal().lexically_relative(
          std::filesystem::path(root).lexically_normal()).generic_string();
  return relative.empty() || relative.starts_with("..");
}

// Asked for every finding, and a path's normal form is costly: remembered per (file, root) for the thread.
// A unit's findings mostly ask about the same file and root as the one before, which is checked first
// (file names are interned: the same name is the same object).
bool outside_root(const model::Location& where, const std::string& root) {
  if (root.empty() || !where.is_file()) return false;
  struct Last {
    model::InternedString file;
    std::string root;
    bool outside = false;
  };
  thread_local std::optional<Last> last;
  if (last && last->file == where.file && last->root == root) return last->outside;
  thread_local std::map<std::pair<std::string, std::string>, bool> cache;
  if (cache.size() > 4096) cache.clear();
  auto key = std::make_pair(where.file.str(), root);
  auto it = cache.find(key);
  if (it == cache.end()) it = cache.emplace(std::move(key), outside_root_uncached(where, root)).first;
  last = Last{where.file, root, it->second};
  return it->second;
}

bool same_place(const model::Location& a, const model::Location& b) {
  return a.file == b.file && a.line == b.line && a.column == b.column && a.arn == b.arn;
}

bool listed(const std::vector<std::string>& ids, const RuleDefinition& rule) {
  return std::any_of(ids.begin(), ids.end(), [&](const std::string& r) { return find_rule(r) == &rule; });
}

bool selected(const RuleDefinition& rule, const Config& config, const EvaluationOptions& options) {
  if (listed(options.skip_rules, rule)) return false;
  if (!options.only_rules.empty()) return listed(options.only_rules, rule);
  auto it = config.rules.find(rule.id);
  if (it != config.rules.end() && it->second.enabled) return *it->second.enabled;
  return options.all_rules || rule.enabled_by_default;
}

// What the evaluator adds to a check's outcome for one subject: the finding's resource and where it points.
// Written in place at the end of `findings` (a unit may have thousands: no temporary finding is moved).
Finding& add_finding(std::vector<Finding>& findings, const RuleDefinition& rule, Severity severity,
                     CheckOutcome&& outcome, const model::Location& subject_where) {
  Finding& f = findings.emplace_back();
  f.rule_id = rule.id;
  f.status = outcome.status;
  f.severity = severity;
  f.location = outcome.location.empty() ? subject_where : outcome.location;
  f.message = std::move(outcome.message);
  return f;
}

void evaluate_trail(const RuleDefinition& rule, const model::Trail& trail, const RuleSettings& settings,
                    Severity severity, const Config& config, std::vector<Finding>& findings) {
  if (rule.live_only && !model::is_live(trail.source)) return;
  CheckOutcome outcome = trail.unreadable.empty()
                             ? rule.trail_check(trail, settings)
                             : CheckOutcome{Status::Error, "could not be read completely: " + trail.unreadable, {}};
  Finding& f = add_finding(findings, rule, severity, std::move(outcome), trail.where);
  const bool generated = trail.source == model::SourceKind::CloudFormation && trail.name.is_defaulted();
  f.resource.type = trail.resource_type;
  f.resource.id = trail.id;
  if (trail.name.known() && !generated) f.resource.name = *trail.name;
  f.resource.root_module = trail.root_module;
  f.resource.name_generated = generated;
  if (!trail.seen_from_account.empty() && !trail.account_id.empty() && trail.seen_from_account != trail.account_id) {
    f.message += "; this organization trail is owned by account " + trail.account_id + ", where it must be fixed";
  }
  for (const auto& note : trail.notes) {
    if (note.where.empty() || same_place(note.where, f.location)) f.message += "; " + note.text;
  }
  // A trail written in a module outside its root's directory: the address and file:line do not say
  // which root (which deployment) it is, the message does.
  if (outside_root(f.location, trail.root_module)) f.message += " (root module " + trail.root_module + ")";
  f.suppression = suppression_for(trail, rule.id, config);
}

void evaluate_account(const RuleDefinition& rule, const model::Account& account, const model::Inventory& inventory,
                      const RuleSettings& settings, Severity severity, const Config& config,
                      std::vector<Finding>& findings) {
  std::optional<CheckOutcome> outcome = rule.account_check(account, inventory, settings);
  if (!outcome) return;
  Finding& f = add_finding(findings, rule, severity, std::move(*outcome), account.where);
  f.resource = ResourceRef{"AWS::::Account", account.id, "", "", false};
  f.suppression = config_suppression(account.id, account.where.arn.str(), {}, rule.id, config);
}

// One subject of a bucket or key rule: the resource a group of the unit's trails names, however many.
struct RelatedSubject {
  model::Reference::Kind kind = model::Reference::Kind::Absent;
  std::string id;           // a declared resource's id; else the name as written (or the trail's, unnamed)
  std::string root_module;  // Terraform: the root module the id is relative to
  const model::Reference* first = nullptr;  // the first trail's reference: where an undeclared one is named
  std::vector<const model::Trail*> trails;
};

// The trails' references of one kind (Trail::log_bucket or Trail::log_key) grouped by what they name, in the
// order the trails come (findings are sorted afterwards anyway).
std::vector<RelatedSubject> related_subjects(std::span<const model::Trail> trails,
                                             model::Reference model::Trail::*member) {
  std::vector<RelatedSubject> out;
  for (const model::Trail& trail : trails) {
    const model::Reference& ref = trail.*member;
    if (ref.kind == model::Reference::Kind::Absent) continue;
    std::string id = ref.target.empty() ? "(named by " + trail.id + ")" : ref.target;
    auto it = std::find_if(out.begin(), out.end(), [&](const RelatedSubject& s) {
      return s.kind == ref.kind && s.id == id && s.root_module == trail.root_module;
    });
    if (it == out.end()) {
      out.push_back({ref.kind, std::move(id), trail.root_module, &ref, {}});
      it = std::prev(out.end());
    }
    it->trails.push_back(&trail);
  }
  // The order of the trails must not depend on the order a source read them in (live accounts and regions are
  // read concurrently; a snapshot of the same read must give the same finding): by ARN live, else by place.
  for (RelatedSubject& subject : out) {
    std::sort(subject.trails.begin(), subject.trails.end(), [](const model::Trail* a, const model::Trail* b) {
      const std::string_view fa = a->where.file.str(), fb = b->where.file.str();
      return std::tie(a->arn, fa, a->where.line, a->where.column, a->id) <
             std::tie(b->arn, fb, b->where.line, b->where.column, b->id);
    });
    subject.first = &(subject.trails.front()->*member);
  }
  return out;
}

// The trails that use a bucket or key, by id (ARN live); a bucket shared by a thousand trails names ten.
std::string trail_list(const std::vector<const model::Trail*>& trails) {
  constexpr std::size_t kNamed = 10;
  std::string names;
  for (std::size_t i = 0; i < trails.size() && i < kNamed; ++i) {
    names += (names.empty() ? "" : ", ") + (trails[i]->arn.empty() ? trails[i]->id : trails[i]->arn);
  }
  if (trails.size() > kNamed) names += " and " + std::to_string(trails.size() - kNamed) + " more";
  return (trails.size() == 1 ? "trail " : "trails ") + names;
}

template <class Resource>
const Resource* declared_resource(std::span<const Resource> resources, const RelatedSubject& subject) {
  for (const Resource& r : resources) {
    if (r.id == subject.id && r.root_module == subject.root_module) return &r;
  }
  return nullptr;
}

// Findings of a bucket or key rule: one per resource the trails name. A declared resource is judged by
// `check`; one the unit does not declare or read is unknown, located where the first trail names it.
template <class Resource, class Check>
void evaluate_related(const RuleDefinition& rule, std::span<const model::Trail> trails,
                      std::span<const Resource> resources, model::Reference model::Trail::*member,
                      std::string_view type, std::string_view what, Check check, Severity severity,
                      const Config& config, std::vector<Finding>& findings) {
  for (const RelatedSubject& subject : related_subjects(trails, member)) {
    const Resource* resource =
        subject.kind == model::Reference::Kind::Declared ? declared_resource(resources, subject) : nullptr;
    CheckOutcome outcome;
    model::Location where = subject.first->where;
    if (!resource) {
      outcome.status = Status::Unknown;
      outcome.message = !subject.first->why.empty()
                            ? subject.first->why
                            : std::string(what) + " " + subject.id + " was not read with the trail";
    } else if (!resource->unreadable.empty()) {
      outcome.status = resource->unreadable_is_unknown ? Status::Unknown : Status::Error;
      outcome.message = std::string(what) + " could not be read: " + resource->unreadable;
      where = resource->where;
    } else {
      outcome = check(*resource);
      where = resource->where;
    }
    Finding& f = add_finding(findings, rule, severity, std::move(outcome), where);
    f.message += "; " + std::string(what) + " of " + trail_list(subject.trails);
    f.resource.type = type;
    f.resource.id = subject.id;
    f.resource.root_module = subject.root_module;
    if constexpr (std::is_same_v<Resource, model::Bucket>) {
      if (resource && resource->name.known()) f.resource.name = *resource->name;
    }
    if (resource && !resource->account_id.empty() && !trails.empty() &&
        subject.trails.front()->account_id != resource->account_id) {
      f.message += "; owned by account " + resource->account_id + ", where it must be fixed";
    }
    f.suppression = config_suppression(subject.id, resource ? resource->where.arn.str() : std::string(), {},
                                       rule.id, config);
  }
}

}  // namespace

std::vector<Finding> evaluate(const model::Inventory& inventory, const Config& config, const kb::KnowledgeBase& kb,
                              const EvaluationOptions& options) {
  // Most templates of a repository declare no trail: nothing to judge, and nothing to prepare.
  if (inventory.trails.empty() && inventory.accounts.empty()) return {};
  const std::vector<const RuleDefinition*> rules = selected_rules(config, options);
  // At most one finding per rule and subject: reserved, so findings are not moved as the list grows.
  std::vector<Finding> findings;
  findings.reserve(rules.size() * (inventory.trails.size() + inventory.accounts.size()));
  for (const RuleDefinition* rule_ptr : rules) {
    const RuleDefinition& rule = *rule_ptr;
    const kb::Article* article = kb.find(rule.id);
    auto rc_it = config.rules.find(rule.id);
    const RuleConfig* rc = rc_it == config.rules.end() ? nullptr : &rc_it->second;
    const RuleSettings settings = effective_settings(article, rc);
    Severity severity = article ? article->risk : Severity::Medium;
    if (rc && rc->severity) severity = *rc->severity;

    if (rule.trail_check) {
      for (const auto& trail : inventory.trails) evaluate_trail(rule, trail, settings, severity, config, findings);
    }
    if (rule.account_check) {
      for (const auto& account : inventory.accounts) {
        evaluate_account(rule, account, inventory, settings, severity, config, findings);
      }
    }
    if (rule.bucket_check) {
      evaluate_related(rule, inventory.trails, inventory.buckets, &model::Trail::log_bucket, "AWS::S3::Bucket",
                       "the log bucket", [&](const model::Bucket& b) { return rule.bucket_check(b, settings); },
                       severity, config, findings);
    }
    if (rule.key_check) {
      evaluate_related(rule, inventory.trails, inventory.keys, &model::Trail::log_key, "AWS::KMS::Key",
                       "the KMS key", [&](const model::Key& k) { return rule.key_check(k, settings); }, severity,
                       config, findings);
    }
  }
  sort_findings(findings);
  return findings;
}

std::vector<Finding> evaluate(const std::vector<model::Trail>& trails, const Config& config,
                              const kb::KnowledgeBase& kb, const EvaluationOptions& options) {
  return evaluate(model::Inventory{trails, {}}, config, kb, options);
}

RuleSettings rule_settings(std::string_view rule_id, const Config& config, const kb::KnowledgeBase& kb) {
  auto rc_it = config.rules.find(std::string(rule_id));
  return effective_settings(kb.find(rule_id), rc_it == config.rules.end() ? nullptr : &rc_it->second);
}

namespace {

// Interned strings: the same text is the same object, so equal names (a unit's findings mostly share one
// file) compare without reading them.
int compare(const model::InternedString& a, const model::InternedString& b) {
  return a == b ? 0 : a.view().compare(b.view());
}

// The report's order: position (file or ARN, line, column), then rule, then resource.
bool finding_less(const Finding& a, const Finding& b) {
  if (const int c = compare(a.location.file, b.location.file)) return c < 0;
  if (const int c = compare(a.location.arn, b.location.arn)) return c < 0;
  if (a.location.line != b.location.line) return a.location.line < b.location.line;
  if (a.location.column != b.location.column) return a.location.column < b.location.column;
  if (const int c = a.rule_id.compare(b.rule_id)) return c < 0;
  if (const int c = a.resource.id.compare(b.resource.id)) return c < 0;
  return a.resource.root_module < b.resource.root_module;
}

}  // namespace

void sort_findings(std::vector<Finding>& findings) {
  // A scan's findings arrive sorted per unit; one unit's are already in order.
  if (std::is_sorted(findings.begin(), findings.end(), finding_less)) return;
  // Findings are large: their positions are sorted, with the first keys copied beside them (most
  // comparisons end there), then each finding is moved once.
  struct Entry {
    const std::string* file;  // interned: the same name is the same object
    const std::string* arn;
    int line;
    int column;
    std::size_t index;
  };
  std::vector<Entry> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    const model::Location& where = findings[i].location;
    order[i] = Entry{&where.file.str(), &where.arn.str(), where.line, where.column, i};
  }
  std::stable_sort(order.begin(), order.end(), [&](const Entry& a, const Entry& b) {
    if (a.file == b.file && a.arn == b.arn && (a.line != b.line || a.column != b.column)) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    }
    return finding_less(findings[a.index], findings[b.index]);
  });
  std::vector<Finding> sorted;
  sorted.reserve(findings.size());
  for (const Entry& e : order) sorted.push_back(std::move(findings[e.index]));
  findings = std::move(sorted);
}

std::vector<const RuleDefinition*> selected_rules(const Config& config, const EvaluationOptions& options) {
  std::vector<const RuleDefinition*> rules;
  for (const auto& rule : registered_rules()) {
    if (selected(rule, config, options)) rules.push_back(&rule);
  }
  return rules;
}

KnownRules known_rules(const kb::KnowledgeBase& kb) {
  KnownRules out;
  for (const auto& rule : registered_rules()) {
    std::vector<KnownSetting> settings;
    if (const kb::Article* a = kb.find(rule.id)) {
      for (const auto& s : a->settings) settings.emplace_back(s.name, s.type == "string");
    }
    out.emplace_back(std::string(rule.id), std::move(settings));
  }
  return out;
}

}  // namespace stance::engine
