#include "sources/cloudformation/trail_adapter.hpp"

#include <strings.h>

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include "common/printable.hpp"

#include "model/trail_fields.hpp"
#include "sources/cloudformation/property_readers.hpp"
#include "sources/cloudformation/suppressions.hpp"

namespace stance::sources::cloudformation {

namespace {

using model::Value;

// What building one list item found: fine, a value known only after deployment, or an invalid one
// (already reported). Either of the last two makes the whole list Unresolvable / Invalid.
struct ItemProblem {
  model::Provenance provenance = model::Provenance::Explicit;
  std::string why;
  doc::Mark mark;
  bool ok() const { return provenance == model::Provenance::Explicit; }
};

// A list-of-mappings property (EventSelectors, AdvancedEventSelectors, Tags...):
// absent -> Defaulted(empty) at the resource; Explicit(list) at its key; Unresolvable when the list or one of
// its items cannot be resolved.
template <class T, class Build>
Value<std::vector<T>> read_list(PropertyReader& reader, const Resolved& owner, std::string_view key,
                                Build build) {
  using List = Value<std::vector<T>>;
  if (owner.is_unknown()) return reader.unknown_owner<std::vector<T>>(owner);
  const ResolvedEntry* e = PropertyReader::entry(owner, key);
  if (!e) return List::defaulted({}, reader.resource());
  const Resolved& v = e->value;
  const model::Location where = reader.at(e->key_mark);
  if (v.is_unknown()) return List::unresolvable(v.text, where);
  if (!v.is(Resolved::Kind::List)) {
    return reader.invalid<std::vector<T>>(key, "expected a list of mappings, got " + describe(v),
                                          e->key_mark);
  }
  std::vector<T> out;
  out.reserve(v.items.size());
  for (const auto& item : v.items) {
    if (item.is_unknown()) return List::unresolvable(item.text, where);
    if (!item.is(Resolved::Kind::Map)) {
      return reader.invalid<std::vector<T>>(key, "expected a list of mappings, found " + describe(item),
                                            item.mark);
    }
    T built;
    ItemProblem problem = build(item, built);
    if (problem.provenance == model::Provenance::Unresolvable) return List::unresolvable(problem.why, where);
    if (problem.provenance == model::Provenance::Invalid)
      return List::invalid(problem.why, reader.at(problem.mark));
    out.push_back(std::move(built));
  }
  return List::set(std::move(out), where, v.origin);
}

Value<model::ReadWriteType> read_write_type(PropertyReader& reader, const Resolved& selector) {
  Value<std::string> text = reader.one_of(selector, "ReadWriteType", {"All", "ReadOnly", "WriteOnly"}, "All");
  Value<model::ReadWriteType> out;
  out.provenance = text.provenance;
  out.where = text.where;
  out.note = text.note;
  if (text.known()) {
    out.value = *text == "ReadOnly"    ? model::ReadWriteType::ReadOnly
                : *text == "WriteOnly" ? model::ReadWriteType::WriteOnly
                                       : model::ReadWriteType::All;
  }
  return out;
}

std::vector<model::DataResource> data_resources(PropertyReader& reader, Diagnostics& diag,
                                                const Resolved& selector) {
  std::vector<model::DataResource> out;
  const ResolvedEntry* e = PropertyReader::entry(selector, "DataResources");
  if (!e) return out;
  auto unknown = [&](const Resolved& value, doc::Mark mark) {
    model::DataResource dr;
    dr.where = reader.at(mark);
    dr.type = Value<std::string>::unresolvable(value.text, dr.where);
    dr.values = Value<std::vector<std::string>>::unresolvable(value.text, dr.where);
    out.push_back(std::move(dr));
  };
  if (e->value.is_unknown()) {
    unknown(e->value, e->key_mark);
    return out;
  }
  if (!e->value.is(Resolved::Kind::List)) {
    diag.error("DataResources: expected a list of {Type, Values}, got " + describe(e->value), e->key_mark);
    return out;
  }
  for (const auto& item : e->value.items) {
    if (item.is_unknown()) {
      unknown(item, item.mark);
      continue;
    }
    if (!item.is(Resolved::Kind::Map)) {
      diag.error("DataResources: expected {Type, Values}, found " + describe(item), item.mark);
      continue;
    }
    model::DataResource dr;
    dr.where = reader.at(item.mark);
    dr.type = reader.string(item, "Type");
    dr.values = reader.strings(item, "Values");
    out.push_back(std::move(dr));
  }
  return out;
}

ItemProblem event_selector(PropertyReader& reader, Diagnostics& diag, const Resolved& item,
                           model::EventSelector& sel) {
  sel.where = reader.at(item.mark);
  sel.include_management_events = reader.boolean(item, "IncludeManagementEvents", true);
  sel.read_write_type = read_write_type(reader, item);
  sel.exclude_management_event_sources = reader.strings(item, "ExcludeManagementEventSources");
  sel.data_resources = data_resources(reader, diag, item);
  return {};
}

constexpr std::array<std::pair<std::string_view, model::FieldOperator>, 6> kOperators{{
    {"Equals", model::FieldOperator::Equals},
    {"NotEquals", model::FieldOperator::NotEquals},
    {"StartsWith", model::FieldOperator::StartsWith},
    {"NotStartsWith", model::FieldOperator::NotStartsWith},
    {"EndsWith", model::FieldOperator::EndsWith},
    {"NotEndsWith", model::FieldOperator::NotEndsWith},
}};

ItemProblem field_selector(PropertyReader& reader, Diagnostics& diag, const Resolved& item,
                           model::FieldSelector& fs) {
  fs.where = reader.at(item.mark);
  if (!PropertyReader::entry(item, "Field")) {
    const std::string why = "a field selector needs a Field";
    diag.error("FieldSelectors: " + why, item.mark);
    return {model::Provenance::Invalid, why, item.mark};
  }
  fs.field = reader.string(item, "Field");
  for (const auto& [name, op] : kOperators) {
    const ResolvedEntry* e = PropertyReader::entry(item, name);
    if (!e) continue;
    model::FieldCondition condition;
    condition.where = reader.at(e->key_mark);
    condition.op = op;
    condition.values = reader.strings(item, name);
    fs.conditions.push_back(std::move(condition));
  }
  return {};
}

ItemProblem advanced_selector(PropertyReader& reader, Diagnostics& diag, const Resolved& item,
                              model::AdvancedEventSelector& sel) {
  sel.where = reader.at(item.mark);
  sel.name = reader.string(item, "Name");
  const ResolvedEntry* e = PropertyReader::entry(item, "FieldSelectors");
  if (!e) {
    const std::string why = "an advanced event selector needs FieldSelectors";
    diag.error("AdvancedEventSelectors: " + why, item.mark);
    return {model::Provenance::Invalid, why, item.mark};
  }
  if (e->value.is_unknown()) return {model::Provenance::Unresolvable, e->value.text, e->key_mark};
  if (!e->value.is(Resolved::Kind::List)) {
    const std::string why = "expected a list of field selectors, got " + describe(e->value);
    diag.error("FieldSelectors: " + why, e->key_mark);
    return {model::Provenance::Invalid, why, e->key_mark};
  }
  for (const auto& f : e->value.items) {
    if (f.is_unknown()) return {model::Provenance::Unresolvable, f.text, f.mark};
    if (!f.is(Resolved::Kind::Map)) {
      const std::string why = "expected a field selector mapping, found " + describe(f);
      diag.error("FieldSelectors: " + why, f.mark);
      return {model::Provenance::Invalid, why, f.mark};
    }
    model::FieldSelector fs;
    ItemProblem problem = field_selector(reader, diag, f, fs);
    if (!problem.ok()) return problem;
    sel.field_selectors.push_back(std::move(fs));
  }
  return {};
}

ItemProblem tag(PropertyReader& reader, Diagnostics& diag, const Resolved& item, model::Tag& out) {
  const ResolvedEntry* key = PropertyReader::entry(item, "Key");
  if (!key) {
    diag.error("Tags: a tag needs a Key", item.mark);
    return {model::Provenance::Invalid, "a tag needs a Key", item.mark};
  }
  if (key->value.is_unknown()) return {model::Provenance::Unresolvable, key->value.text, key->key_mark};
  if (!key->value.is_scalar()) {
    diag.error("Tags: a tag Key must be a string", key->key_mark);
    return {model::Provenance::Invalid, "a tag Key must be a string", key->key_mark};
  }
  out.key = key->value.text;
  out.value = reader.string(item, "Value");
  return {};
}

// AWS::CloudTrail::Trail's properties beyond the schema's rows (CloudFormation resource reference).
constexpr std::array<std::string_view, 6> kOtherProperties{"TrailName",      "SnsTopicName",          "Tags",
                                                           "EventSelectors", "AdvancedEventSelectors", "InsightSelectors"};

// CloudFormation rejects a stack whose trail has a property it does not know ("Encountered unsupported
// property"), and a misspelt one (KmsKeyId for KMSKeyId) would otherwise read as "not set" and give a
// verdict about a setting the author thinks is there.
void check_property_names(const Resolved& props, Diagnostics& diag) {
  if (!props.is(Resolved::Kind::Map)) return;
  static const std::vector<std::string_view> known = [] {  // the schema's rows do not change: built once
    std::vector<std::string_view> names(kOtherProperties.begin(), kOtherProperties.end());
    for (const auto& f : model::bool_trail_fields()) names.push_back(f.names.cloudformation);
    for (const auto& f : model::string_trail_fields()) names.push_back(f.names.cloudformation);
    return names;
  }();
  for (const ResolvedEntry& e : props.entries) {
    if (std::find(known.begin(), known.end(), e.key) != known.end()) continue;
    std::string message = "AWS::CloudTrail::Trail has no property " + text::printable(e.key) +
                          " (CloudFormation rejects the stack)";
    for (std::string_view k : known) {
      if (k.size() == e.key.size() && strncasecmp(k.data(), e.key.data(), k.size()) == 0) {
        message += "; did you mean " + std::string(k) + "?";
      }
    }
    diag.error(std::move(message), e.key_mark);
  }
}

model::Trail build_trail(const std::string& id, doc::Mark id_mark, const Resolved& props, Diagnostics& diag) {
  check_property_names(props, diag);
  model::Trail trail;
  trail.source = model::SourceKind::CloudFormation;
  trail.resource_type = std::string(kTrailType);
  trail.id = id;
  trail.where = diag.at(id_mark);
  PropertyReader reader(diag, trail.where);

  trail.name = reader.string(props, "TrailName", id);
  for (const auto& field : model::bool_trail_fields()) {
    const std::string_view name = field.names.cloudformation;
    if (field.defaults.cloudformation) {
      trail.*field.member = reader.boolean(props, name, *field.defaults.cloudformation);
    } else if (!props.is_unknown() && !PropertyReader::entry(props, name)) {
      trail.*field.member =
          Value<bool>::invalid(std::string(name) + " is required by CloudFormation and is not set", trail.where);
    } else {
      trail.*field.member = reader.boolean(props, name, false);
    }
  }
  for (const auto& field : model::string_trail_fields()) {
    trail.*field.member = reader.string(props, field.names.cloudformation);
  }
  trail.sns_topic = reader.string(props, "SnsTopicName");
  trail.tags = read_list<model::Tag>(reader, props, "Tags", [&](const Resolved& item, model::Tag& out) {
    return tag(reader, diag, item, out);
  });
  trail.event_selectors = read_list<model::EventSelector>(
      reader, props, "EventSelectors", [&](const Resolved& item, model::EventSelector& out) {
        return event_selector(reader, diag, item, out);
      });
  trail.advanced_event_selectors = read_list<model::AdvancedEventSelector>(
      reader, props, "AdvancedEventSelectors", [&](const Resolved& item, model::AdvancedEventSelector& out) {
        return advanced_selector(reader, diag, item, out);
      });

  const ResolvedEntry* basic = PropertyReader::entry(props, "EventSelectors");
  const ResolvedEntry* advanced = PropertyReader::entry(props, "AdvancedEventSelectors");
  if (basic && advanced) {
    diag.error(
        "trail " + id + " sets both EventSelectors and AdvancedEventSelectors; AWS accepts only one kind",
        advanced->key_mark);
  }
  return trail;
}

}  // namespace

bool resource_exists(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag, const std::string& id,
                     const doc::Node& resource) {
  const doc::Node* cond = resource.get("Condition");
  if (!cond || !cond->is_scalar() || !tmpl.conditions || !tmpl.conditions->find_pair(cond->text)) return true;
  const Evaluator::Truth truth = evaluator.condition(cond->text, cond->mark);
  if (truth.value && !*truth.value) {
    diag.note(diag.file() + ": " + id + " does not exist: its condition " + cond->text + " is false");
    return false;
  }
  if (!truth.value) {
    diag.note(diag.file() + ": " + id + " exists only if condition " + cond->text + " holds, which is unknown (" +
              truth.why + "); scanned as if it exists");
  }
  return true;
}

// A resource's properties evaluated; an absent, null or AWS::NoValue Properties is an empty mapping.
Resolved resource_properties(const doc::Node& resource, const std::string& id, Evaluator& evaluator,
                          Diagnostics& diag) {
  Resolved empty;
  empty.kind = Resolved::Kind::Map;
  empty.mark = resource.mark;
  const doc::Pair* props = resource.find_pair("Properties");
  if (!props) return empty;
  Resolved value = evaluator.resolve(*props->value);
  if (value.is(Resolved::Kind::Null) || value.is(Resolved::Kind::NoValue)) return empty;
  if (!value.is(Resolved::Kind::Map) && !value.is_unknown()) {
    // Literal non-mappings were reported with the template's structure; this one came from a function.
    if (props->value->is_mapping() || !props->value->tag.empty()) {
      diag.error("the Properties of resource " + id + " must be a mapping, got " + describe(value),
                 props->value->mark);
    }
    return Resolved::unknown("the Properties of " + id + " are not a mapping", props->value->mark);
  }
  return value;
}

void adapt_trails(const Template& tmpl, Evaluator& evaluator, Diagnostics& diag,
                  std::vector<model::Trail>& out) {
  if (!tmpl.resources) return;
  for (const auto& pair : tmpl.resources->pairs) {
    const doc::Node& resource = *pair.value;
    if (!resource.is_mapping()) continue;
    const doc::Node* type = resource.get("Type");
    if (!type || !type->is_scalar() || type->text != kTrailType) continue;
    const std::string& id = pair.key->text;
    if (!resource_exists(tmpl, evaluator, diag, id, resource)) continue;
    const Resolved props = resource_properties(resource, id, evaluator, diag);
    model::Trail trail = build_trail(id, pair.key->mark, props, diag);
    trail.suppressions = read_suppressions(resource, diag);
    out.push_back(std::move(trail));
  }
}

}  // namespace stance::sources::cloudformation
