#include "fix/live/live_fix.hpp"

#include <simdjson.h>

#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "common/json_writer.hpp"
#include "common/shell_quote.hpp"
#include "rules/ct010/check.hpp"
#include "rules/registry.hpp"
#include "sources/aws/trail_adapter.hpp"

namespace stance::fix {

namespace {

using model::EventSelector;
using model::FieldOperator;

// Every field AWS's GetEventSelectors returns today. A response with anything else is not rewritten: a
// PutEventSelectors built without it would silently drop a setting stance does not know.
const std::set<std::string_view> kTopFields = {"TrailARN", "EventSelectors", "AdvancedEventSelectors"};
const std::set<std::string_view> kBasicFields = {"ReadWriteType", "IncludeManagementEvents", "DataResources",
                                                 "ExcludeManagementEventSources"};
const std::set<std::string_view> kDataResourceFields = {"Type", "Values"};
const std::set<std::string_view> kAdvancedFields = {"Name", "FieldSelectors"};
const std::set<std::string_view> kFieldSelectorFields = {"Field", "Equals", "NotEquals", "StartsWith",
                                                         "NotStartsWith", "EndsWith", "NotEndsWith"};

constexpr std::size_t kMaxBasicSelectors = 5;
constexpr std::size_t kMaxAdvancedConditions = 500;

std::string unknown_field(simdjson::dom::object object, const std::set<std::string_view>& known, const std::string& where) {
  for (auto field : object) {
    if (!known.count(field.key)) return where + "." + std::string(field.key);
  }
  return "";
}

// The first field of the response stance does not know, or "".
std::string first_unknown_field(simdjson::dom::element response) {
  simdjson::dom::object top;
  if (response.get(top)) return "(not an object)";
  if (auto u = unknown_field(top, kTopFields, "response"); !u.empty()) return u;
  simdjson::dom::array list;
  if (!top["EventSelectors"].get(list)) {
    for (simdjson::dom::element s : list) {
      simdjson::dom::object o;
      if (s.get(o)) return "EventSelectors[] (not an object)";
      if (auto u = unknown_field(o, kBasicFields, "EventSelectors[]"); !u.empty()) return u;
      simdjson::dom::array resources;
      if (!o["DataResources"].get(resources)) {
        for (simdjson::dom::element r : resources) {
          simdjson::dom::object ro;
          if (r.get(ro)) return "DataResources[] (not an object)";
          if (auto u = unknown_field(ro, kDataResourceFields, "DataResources[]"); !u.empty()) return u;
        }
      }
    }
  }
  if (!top["AdvancedEventSelectors"].get(list)) {
    for (simdjson::dom::element s : list) {
      simdjson::dom::object o;
      if (s.get(o)) return "AdvancedEventSelectors[] (not an object)";
      if (auto u = unknown_field(o, kAdvancedFields, "AdvancedEventSelectors[]"); !u.empty()) return u;
      simdjson::dom::array fields;
      if (!o["FieldSelectors"].get(fields)) {
        for (simdjson::dom::element f : fields) {
          simdjson::dom::object fo;
          if (f.get(fo)) return "FieldSelectors[] (not an object)";
          if (auto u = unknown_field(fo, kFieldSelectorFields, "FieldSelectors[]"); !u.empty()) return u;
        }
      }
    }
  }
  return "";
}

const char* operator_key(FieldOperator op) {
  switch (op) {
    case FieldOperator::Equals: return "Equals";
    case FieldOperator::NotEquals: return "NotEquals";
    case FieldOperator::StartsWith: return "StartsWith";
    case FieldOperator::NotStartsWith: return "NotStartsWith";
    case FieldOperator::EndsWith: return "EndsWith";
    case FieldOperator::NotEndsWith: return "NotEndsWith";
  }
  return "Equals";
}

void write_strings(json::Writer& w, const std::vector<std::string>& values) {
  w.begin_array();
  for (const auto& v : values) w.value(v);
  w.end_array();
}

// Serialises selectors: every value must be known (from the API, or checked with first_unknown below).
std::string basic_json(const std::vector<EventSelector>& selectors) {
  std::string out = "[";
  for (const auto& s : selectors) out += (out.size() > 1 ? "," : "") + selector_json(s);
  return out + "]";
}

std::string advanced_json(const std::vector<model::AdvancedEventSelector>& selectors) {
  std::string out = "[";
  for (const auto& s : selectors) out += (out.size() > 1 ? "," : "") + selector_json(s);
  return out + "]";
}

// "" when every value is known, else which value is not and why ("ReadWriteType of event selector 2 is not
// known: parameter Scope has no value (template.yaml:12:9)"), so a template's user learns what to supply.
template <class T>
std::string unknown_value(const model::Value<T>& value, const std::string& what) {
  if (value.known()) return "";
  std::string out = what + " is not known";
  if (!value.note.empty()) out += ": " + value.note;
  if (!value.where.empty()) out += " (" + model::to_string(value.where) + ")";
  return out;
}

std::string first_unknown(const std::vector<EventSelector>& selectors) {
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    const auto& s = selectors[i];
    const std::string of = " of event selector " + std::to_string(i + 1);
    for (const std::string& u : {unknown_value(s.read_write_type, "ReadWriteType" + of),
                                 unknown_value(s.include_management_events, "IncludeManagementEvents" + of),
                                 unknown_value(s.exclude_management_event_sources, "ExcludeManagementEventSources" + of)}) {
      if (!u.empty()) return u;
    }
    for (std::size_t j = 0; j < s.data_resources.size(); ++j) {
      const auto& r = s.data_resources[j];
      const std::string at = "[" + std::to_string(j) + "]";
      if (auto u = unknown_value(r.type, "DataResources" + at + ".Type" + of); !u.empty()) return u;
      if (auto u = unknown_value(r.values, "DataResources" + at + ".Values" + of); !u.empty()) return u;
    }
  }
  return "";
}

std::string first_unknown(const std::vector<model::AdvancedEventSelector>& selectors) {
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    const std::string of = " of advanced event selector " + std::to_string(i + 1);
    for (std::size_t j = 0; j < selectors[i].field_selectors.size(); ++j) {
      const auto& f = selectors[i].field_selectors[j];
      const std::string at = "FieldSelectors[" + std::to_string(j) + "]";
      if (auto u = unknown_value(f.field, at + ".Field" + of); !u.empty()) return u;
      for (const auto& c : f.conditions) {
        const std::string op = at + "." + model::to_string(c.op);
        if (auto u = unknown_value(c.values, op + of); !u.empty()) return u;
      }
    }
  }
  return "";
}

EventSelector management_selector() {
  EventSelector s;
  s.read_write_type = model::Value<model::ReadWriteType>::set(model::ReadWriteType::All, {});
  s.include_management_events = model::Value<bool>::set(true, {});
  s.exclude_management_event_sources = model::Value<std::vector<std::string>>::set({}, {});
  return s;
}

// Rewrites basic selectors; returns what was done, or "" when no change within AWS's limits exists.
std::string fix_basic(std::vector<EventSelector>& selectors, bool allow_exclusions) {
  std::string done;
  if (!allow_exclusions) {
    for (std::size_t i = 0; i < selectors.size(); ++i) {
      auto& s = selectors[i];
      if (*s.include_management_events && !s.exclude_management_event_sources->empty()) {
        s.exclude_management_event_sources = model::Value<std::vector<std::string>>::set({}, {});
        done += "remove ExcludeManagementEventSources from event selector " + std::to_string(i + 1) + "; ";
      }
    }
  }
  // A management selector without data resources can simply be widened to All; one with data resources is
  // left alone (widening it would also record more data events, which cost money) and a selector is added.
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    auto& s = selectors[i];
    if (*s.include_management_events && *s.read_write_type != model::ReadWriteType::All && s.data_resources.empty()) {
      done += std::string("widen ReadWriteType ") + model::to_string(*s.read_write_type) + " to All in event selector " +
              std::to_string(i + 1);
      s.read_write_type = model::Value<model::ReadWriteType>::set(model::ReadWriteType::All, {});
      return done;
    }
  }
  if (selectors.size() < kMaxBasicSelectors) {
    selectors.push_back(management_selector());
    return done + "add an event selector for all management events (ReadWriteType All); the existing " +
           std::to_string(selectors.size() - 1) + " selector(s) and their data resources are kept";
  }
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    auto& s = selectors[i];
    if (*s.read_write_type == model::ReadWriteType::All && !*s.include_management_events) {
      s.include_management_events = model::Value<bool>::set(true, {});
      return done + "set IncludeManagementEvents to true in event selector " + std::to_string(i + 1) +
             " (the trail already has the maximum of 5 selectors)";
    }
  }
  return done;  // may be non-empty when only exclusions were removed; the check below decides
}

}  // namespace

std::string selector_json(const EventSelector& s) {
  std::ostringstream out;
  json::Writer w(out, false);
  w.begin_object();
  w.field("ReadWriteType", model::to_string(*s.read_write_type));
  w.field("IncludeManagementEvents", *s.include_management_events);
  w.key("DataResources").begin_array();
  for (const auto& r : s.data_resources) {
    w.begin_object().field("Type", *r.type).key("Values");
    write_strings(w, *r.values);
    w.end_object();
  }
  w.end_array();
  w.key("ExcludeManagementEventSources");
  write_strings(w, *s.exclude_management_event_sources);
  w.end_object();
  return out.str();
}

std::string selector_json(const model::AdvancedEventSelector& s) {
  std::ostringstream out;
  json::Writer w(out, false);
  w.begin_object();
  if (s.name.known() && !s.name->empty()) w.field("Name", *s.name);
  w.key("FieldSelectors").begin_array();
  for (const auto& f : s.field_selectors) {
    w.begin_object().field("Field", *f.field);
    for (const auto& c : f.conditions) {
      w.key(operator_key(c.op));
      write_strings(w, *c.values);
    }
    w.end_object();
  }
  w.end_array();
  w.end_object();
  return out.str();
}

SelectorPlan plan_selectors(const model::Trail& trail, bool advanced, const engine::RuleSettings& settings) {
  SelectorPlan plan;
  plan.advanced = advanced;
  auto none = [&](std::string why) {
    plan.after.clear();
    plan.reason = std::move(why);
    return plan;
  };
  const bool allow_exclusions = settings.flag("allow_excluded_sources", true);
  model::Trail changed = trail;
  if (advanced) {
    if (!trail.advanced_event_selectors.known()) {
      return none("the advanced event selectors could not be read completely: " +
                  unknown_value(trail.advanced_event_selectors, "AdvancedEventSelectors"));
    }
    if (std::string u = first_unknown(*trail.advanced_event_selectors); !u.empty()) {
      return none("the advanced event selectors could not be read completely: " + u);
    }
    auto selectors = *trail.advanced_event_selectors;
    std::size_t conditions = 0;
    for (const auto& s : selectors) {
      for (const auto& f : s.field_selectors) conditions += f.conditions.empty() ? 1 : f.conditions.size();
    }
    if (conditions + 1 > kMaxAdvancedConditions) {
      return none("adding a management selector would exceed AWS's limit of 500 conditions across advanced selectors");
    }
    model::AdvancedEventSelector management;
    management.name = model::Value<std::string>::set("Management events (added by stance)", {});
    model::FieldSelector category;
    category.field = model::Value<std::string>::set("eventCategory", {});
    model::FieldCondition equals;
    equals.op = FieldOperator::Equals;
    equals.values = model::Value<std::vector<std::string>>::set({"Management"}, {});
    category.conditions.push_back(equals);
    management.field_selectors.push_back(category);
    selectors.push_back(management);
    plan.after = advanced_json(selectors);
    plan.reason = "add an advanced event selector for all management events (eventCategory = Management); the "
                  "existing " + std::to_string(selectors.size() - 1) + " selector(s) are kept";
    changed.advanced_event_selectors = model::Value<std::vector<model::AdvancedEventSelector>>::set(selectors, trail.where);
    plan.advanced_selectors = std::move(selectors);
  } else {
    if (!trail.event_selectors.known()) {
      return none("the event selectors could not be read completely: " +
                  unknown_value(trail.event_selectors, "EventSelectors"));
    }
    std::vector<EventSelector> selectors = *trail.event_selectors;
    if (std::string u = first_unknown(selectors); !u.empty()) {
      return none("the event selectors could not be read completely: " + u);
    }
    std::string done = fix_basic(selectors, allow_exclusions);
    if (done.empty()) {
      return none("no change within AWS's limit of 5 basic event selectors: convert the trail to advanced event "
                  "selectors (see `stance kb show CT-010`)");
    }
    plan.after = basic_json(selectors);
    plan.reason = done;
    changed.event_selectors = model::Value<std::vector<EventSelector>>::set(selectors, trail.where);
    changed.advanced_event_selectors = model::Value<std::vector<model::AdvancedEventSelector>>::defaulted({}, trail.where);
    plan.basic = std::move(selectors);
  }
  // The trail as it would be after the call, judged on the model (plan_trail_fixes also re-reads the JSON).
  changed.unreadable.clear();
  engine::CheckOutcome outcome = rules::ct010::check(changed, settings);
  if (outcome.status != engine::Status::Pass) {
    return none("no verified change: after the planned change CT-010 would still say: " + outcome.message);
  }
  return plan;
}

namespace {

// `object` (a JSON object) with `values` (key -> JSON text; "null" leaves the key out) set.
std::string with_values(simdjson::dom::object object, const std::map<std::string, std::string>& values) {
  std::string out = "{";
  auto add = [&](std::string_view key, const std::string& value) {
    if (value == "null") return;
    out += (out.size() > 1 ? "," : "") + json::quoted(key) + ":" + value;
  };
  for (auto field : object) {
    auto replaced = values.find(std::string(field.key));
    add(field.key, replaced == values.end() ? simdjson::minify(field.value) : replaced->second);
  }
  for (const auto& [key, value] : values) {
    simdjson::dom::element present;
    if (object[key].get(present)) add(key, value);
  }
  return out + "}";
}

// The selector part of a fix (CT-010's record_management_events): fills the fix's advanced/before/after and
// returns "" and what the change does in `done`, or why there is no change.
std::string plan_selector_change(const sources::aws::RawTrail& raw, const model::Trail& trail,
                                 const engine::RuleSettings& settings, LiveFix& fix, std::string& done) {
  simdjson::dom::parser parser;
  simdjson::dom::element response;
  if (raw.event_selectors.error || parser.parse(raw.event_selectors.response).get(response)) {
    return "the GetEventSelectors response is not JSON";
  }
  if (std::string field = first_unknown_field(response); !field.empty()) {
    return "GetEventSelectors returned a field stance does not know (" + field + "); rewriting the selectors could drop it";
  }
  // Which kind the trail uses: a non-empty list decides; an empty AdvancedEventSelectors next to basic
  // selectors (a snapshot or an SDK may print both keys) must not turn basic data selectors into advanced.
  simdjson::dom::array advanced_list, basic_list;
  const bool has_advanced = !response["AdvancedEventSelectors"].get(advanced_list);
  const bool has_basic = !response["EventSelectors"].get(basic_list);
  if (has_advanced && has_basic && advanced_list.size() > 0 && basic_list.size() > 0) {
    return "GetEventSelectors returned both basic and advanced selectors; AWS keeps one kind, so stance does not "
           "guess which to keep";
  }
  fix.advanced = has_advanced && !(advanced_list.size() == 0 && has_basic);  // as the adapter reads it
  const std::string before = fix.advanced ? simdjson::minify(advanced_list)
                                          : has_basic ? simdjson::minify(basic_list) : "[]";
  SelectorPlan plan = plan_selectors(trail, fix.advanced, settings);
  if (!plan.planned()) return plan.reason;
  fix.before = before;
  fix.after = plan.after;
  done = plan.reason;
  return "";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : std::string(separator)) + p;
  return out;
}

// What writing one field says: "set EnableLogFileValidation to true", "start logging".
std::string describe_change(const LiveField& field, const std::string& after) {
  if (field.write_call != "UpdateTrail") {
    return after == "true" ? "start logging (StartLogging)" : "stop logging (StopLogging)";
  }
  return "set " + std::string(field.api_write) + " to " + (after == "null" ? "\"\"" : after);
}

struct Candidate {
  std::string rule_id;
  rules::FixIntent intent;
};

}  // namespace

model::Trail trail_after(const sources::aws::RawTrail& raw, bool advanced, const std::string& selectors_json,
                         const std::vector<LiveFieldChange>& fields) {
  sources::aws::RawTrail changed = raw;
  if (!selectors_json.empty()) {
    changed.event_selectors.error.reset();
    changed.event_selectors.response = "{\"TrailARN\":" + json::quoted(raw.arn) + ",\"" +
                                       (advanced ? "AdvancedEventSelectors" : "EventSelectors") + "\":" +
                                       selectors_json + "}";
  }
  // The written fields go into the responses they are read from, so the adapter sees them as AWS will show them.
  std::map<std::string, std::string> describe_values, status_values;
  for (const auto& f : fields) {
    if (auto field = live_field(f.field)) {
      (field->read_call == "GetTrailStatus" ? status_values : describe_values)[std::string(field->api_read)] = f.after;
    }
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::object object;
  simdjson::dom::array list;
  if (!status_values.empty() && !changed.status.error && !parser.parse(changed.status.response).get(doc) &&
      !doc.get(object)) {
    changed.status.response = with_values(object, status_values);
  }
  if (!describe_values.empty() && !changed.describe.error && !parser.parse(changed.describe.response).get(doc) &&
      !doc["trailList"].get(list)) {
    std::string entries = "[";
    for (simdjson::dom::element entry : list) {
      std::string_view arn;
      if (entry["TrailARN"].get(arn) || arn != raw.arn || entry.get(object)) continue;
      entries += (entries.size() > 1 ? "," : "") + with_values(object, describe_values);
    }
    changed.describe.response = "{\"trailList\":" + entries + "]}";
  }
  return sources::aws::adapt(changed, model::SourceKind::Aws);
}

std::string unmet_rules(const model::Trail& trail, const std::vector<std::string>& rule_ids,
                        const SettingsFor& settings_for, std::string* pending) {
  for (const auto& id : rule_ids) {
    const rules::RuleDefinition* rule = rules::find_rule(id);
    if (!rule || !rule->trail_check) return id + " is not a trail rule";
    engine::CheckOutcome outcome = trail.unreadable.empty()
                                       ? rule->trail_check(trail, settings_for(id))
                                       : engine::CheckOutcome{engine::Status::Error, trail.unreadable, {}};
    if (outcome.status == engine::Status::Pass) continue;
    if (pending && trail.unreadable.empty()) {
      // Judged as configured (what a template would declare): conditions only AWS's later reports can meet,
      // such as a recent delivery in GetTrailStatus, are left out.
      model::Trail declared = trail;
      declared.source = model::SourceKind::CloudFormation;
      if (rule->trail_check(declared, settings_for(id)).status == engine::Status::Pass) {
        *pending += (pending->empty() ? "" : "; ") + id + " passes as configured, and live it still says: " +
                    outcome.message + " (AWS reports that only after the change; the next scan judges it)";
        continue;
      }
    }
    return id + " would still say: " + outcome.message;
  }
  return "";
}

LiveFix plan_account_finding(const engine::Finding& finding) {
  LiveFix fix;
  fix.resource = finding.resource;
  fix.account = finding.resource.id;
  fix.rule_ids = {finding.rule_id};
  fix.status = "skipped";
  const rules::RuleDefinition* rule = rules::find_rule(finding.rule_id);
  if (finding.suppression) {
    fix.reason = "suppressed: " + finding.suppression->reason;
  } else if (finding.status == engine::Status::Error) {
    fix.reason = "the account could not be read: " + finding.message;
  } else if (finding.status == engine::Status::Unknown) {
    fix.reason = "the verdict is unknown: " + finding.message;
  } else {
    fix.reason = "no automatic fix: " + std::string(rule && !rule->manual_fix.empty() ? rule->manual_fix
                                                                                     : "the rule has none");
  }
  return fix;
}

LiveFix plan_related_finding(const engine::Finding& finding, const std::vector<model::Bucket>& buckets,
                             const std::vector<model::Key>& keys, const engine::RuleSettings& settings) {
  LiveFix fix = plan_account_finding(finding);
  if (finding.suppression || finding.status != engine::Status::Fail) return fix;
  const rules::RuleDefinition* rule = rules::find_rule(finding.rule_id);
  auto same = [&](const auto& r) { return r.id == finding.resource.id; };
  std::optional<rules::FixIntent> intent;
  if (rule && rule->bucket_fix) {
    if (auto it = std::find_if(buckets.begin(), buckets.end(), same); it != buckets.end()) {
      intent = rule->bucket_fix(*it, settings);
    }
  } else if (rule && rule->key_fix) {
    if (auto it = std::find_if(keys.begin(), keys.end(), same); it != keys.end()) intent = rule->key_fix(*it, settings);
  }
  if (intent && !intent->manual.empty()) {
    fix.reason = "no automatic fix: " + intent->manual;
  } else {
    fix.reason = "not changed by stance fix --aws yet (template fixes only): " +
                 std::string(rule && !rule->manual_fix.empty() ? rule->manual_fix : "see the rule's article");
  }
  return fix;
}

std::vector<LiveFix> plan_trail_fixes(const sources::aws::RawTrail& raw, const model::Trail& trail,
                                      const std::vector<engine::Finding>& findings, const SettingsFor& settings_for) {
  std::vector<LiveFix> out;
  LiveFix base;
  base.arn = raw.arn;
  base.region = raw.home_region;
  base.account = raw.account_id;
  base.status = "skipped";
  auto skip = [&](const engine::Finding& finding, std::string why) {
    LiveFix fix = base;
    fix.resource = finding.resource;
    fix.rule_ids = {finding.rule_id};
    fix.reason = std::move(why);
    out.push_back(std::move(fix));
  };
  const bool foreign_organization_trail = !raw.seen_from_account.empty() && raw.account_id != raw.seen_from_account;

  // Each non-pass finding: skipped for its own reason, or a candidate with the rule's fix intent.
  std::vector<Candidate> candidates;
  std::map<std::string, const engine::Finding*> finding_of;
  for (const auto& finding : findings) {
    if (finding.status == engine::Status::Pass) continue;
    base.resource = finding.resource;
    const rules::RuleDefinition* rule = rules::find_rule(finding.rule_id);
    if (finding.suppression) {
      skip(finding, "suppressed: " + finding.suppression->reason);
    } else if (foreign_organization_trail) {
      skip(finding, "organization trail owned by account " + raw.account_id +
                        ": fix it there (member accounts cannot change it)");
    } else if (finding.status == engine::Status::Error) {
      skip(finding, "the trail could not be read: " + finding.message);
    } else if (finding.status == engine::Status::Unknown) {
      skip(finding, "the verdict is unknown: " + finding.message);
    } else if (!rule || !rule->trail_fix) {
      skip(finding, "no automatic fix: " + std::string(rule && !rule->manual_fix.empty() ? rule->manual_fix
                                                                                         : "the rule has none"));
    } else {
      rules::FixIntent intent = rule->trail_fix(trail, settings_for(finding.rule_id));
      if (!intent.manual.empty()) {
        skip(finding, "no automatic fix: " + intent.manual);
      } else if (!intent.automatic()) {
        skip(finding, "no automatic fix: the rule's fix changes nothing");
      } else {
        candidates.push_back({finding.rule_id, std::move(intent)});
        finding_of[finding.rule_id] = &finding;
      }
    }
  }

  // Combine the candidates into one change; a rule that cannot join it (a conflicting value, a field the
  // API cannot write, selectors that cannot be planned, a change that does not make it pass) is skipped with
  // the reason and the change is planned again without it, so the others still get fixed.
  while (!candidates.empty()) {
    LiveFix fix = base;
    fix.resource = finding_of[candidates.front().rule_id]->resource;
    std::map<std::string, std::pair<std::string, std::string>> value_of;  // field -> {JSON value, rule}
    std::vector<std::string> reasons;
    const Candidate* selector_rule = nullptr;
    std::string selector_reason;               // said after UpdateTrail's fields, as the calls go
    std::vector<std::string> logging_reasons;  // StartLogging / StopLogging, said last
    std::optional<std::size_t> drop;
    std::string drop_reason;
    for (std::size_t i = 0; i < candidates.size() && !drop; ++i) {
      const Candidate& c = candidates[i];
      for (const auto& edit : c.intent.edits) {
        const auto field = live_field(edit.field);
        if (!field || field->is_bool != std::holds_alternative<bool>(edit.value)) {
          drop = i;
          drop_reason = "no automatic fix: the field " + std::string(edit.field) + " has no live write call of its type";
          break;
        }
        const std::string value = value_json(edit.value);
        auto [it, inserted] = value_of.emplace(std::string(edit.field), std::make_pair(value, c.rule_id));
        if (!inserted && it->second.first != value) {
          drop = i;
          drop_reason = "conflicts with " + it->second.second + ", which sets " + std::string(field->api_read) +
                        " to " + it->second.first + " (this rule would set " + value + ")";
          break;
        }
      }
      if (!drop && c.intent.record_management_events && !selector_rule) selector_rule = &c;
    }
    if (!drop && selector_rule) {
      std::string done;
      if (std::string why = plan_selector_change(raw, trail, settings_for(selector_rule->rule_id), fix, done);
          !why.empty()) {
        drop = static_cast<std::size_t>(selector_rule - candidates.data());
        drop_reason = why;
      } else {
        selector_reason = done;
      }
    }
    if (!drop) {
      for (const auto& [id, value] : value_of) {
        const auto field = live_field(id);
        std::string error;
        std::optional<std::string> before = current_value(raw, *field, error);
        if (!before) {
          drop_reason = "the current value of " + std::string(field->api_read) + " could not be read: " + error;
          drop = 0;
          for (std::size_t i = 0; i < candidates.size(); ++i) {
            if (candidates[i].rule_id == value.second) drop = i;
          }
          break;
        }
        if (*before == value.first) continue;  // already so: nothing to write
        fix.fields.push_back({id, *before, value.first});
        (field->write_call == "UpdateTrail" ? reasons : logging_reasons).push_back(describe_change(*field, value.first));
      }
      // Said in call order: UpdateTrail's fields, the selectors, then StartLogging / StopLogging.
      if (!selector_reason.empty()) reasons.push_back(selector_reason);
      reasons.insert(reasons.end(), logging_reasons.begin(), logging_reasons.end());
    }
    if (!drop) {
      for (const auto& c : candidates) fix.rule_ids.push_back(c.rule_id);
      const model::Trail changed = trail_after(raw, fix.advanced, fix.after, fix.fields);
      std::string pending;
      const std::string unmet = unmet_rules(changed, fix.rule_ids, settings_for, &pending);
      if (unmet.empty()) {
        fix.status = "planned";
        if (!pending.empty()) reasons.push_back(pending);
        fix.reason = join(reasons, "; ");
        fix.calls = calls_for(fix.arn, fix.region, fix.fields, fix.advanced, fix.after);
        out.push_back(std::move(fix));
        return out;
      }
      const std::string unmet_id = unmet.substr(0, unmet.find(' '));
      drop = 0;
      for (std::size_t i = 0; i < candidates.size(); ++i) {
        if (candidates[i].rule_id == unmet_id) drop = i;
      }
      drop_reason = "no verified change: after the planned change " + unmet;
    }
    skip(*finding_of[candidates[*drop].rule_id], drop_reason);
    candidates.erase(candidates.begin() + static_cast<std::ptrdiff_t>(*drop));
  }
  return out;
}

}  // namespace stance::fix
