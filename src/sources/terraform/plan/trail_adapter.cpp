#include "sources/terraform/plan/trail_adapter.hpp"

#include <array>
#include <span>
#include <utility>

#include "model/link.hpp"
#include "model/trail_fields.hpp"
#include "sources/terraform/plan/json_reader.hpp"

namespace stance::sources::terraform::plan {

namespace {

using model::Provenance;
using model::Value;

// The AWS provider's event_selector when none is written: since the provider's first CloudTrail support,
// creating a trail without event_selector blocks makes no PutEventSelectors call (AWS's default selector:
// all management events, read and write), and updating one to have no blocks calls PutEventSelectors with
// that same single default selector (terraform-provider-aws, internal/service/cloudtrail/trail.go,
// setEventSelectors: "If no defined selectors revert to the single default selector"). So an empty
// event_selector list in a plan is AWS's default selector, never "configured with no selectors" — which
// the provider cannot express. advanced_event_selector empty is likewise "none written".
// Attribute defaults from the same schema: enable_logging true, include_global_service_events true,
// is_multi_region_trail false, is_organization_trail false, enable_log_file_validation false; in an
// event_selector include_management_events true and read_write_type "All".

template <class T>
Value<std::vector<T>> list_value(const ObjectList& list, Reader& reader, std::vector<T> items,
                                 const model::Location& where) {
  using List = Value<std::vector<T>>;
  switch (list.provenance) {
    case Provenance::Unresolvable: return List::unresolvable(list.why, reader.at(list.mark));
    case Provenance::Invalid: return List::invalid(list.why, reader.at(list.mark));
    case Provenance::Defaulted: return List::defaulted({}, where);
    case Provenance::Explicit: break;
  }
  return List::set(std::move(items), where);
}

Value<model::ReadWriteType> read_write_type(Reader& reader, const Object& selector) {
  const Attribute a = Reader::attribute(selector, "read_write_type");
  Value<std::string> text = reader.string(selector, "read_write_type", "All");
  Value<model::ReadWriteType> out;
  out.provenance = text.provenance;
  out.where = text.where;
  out.note = text.note;
  if (!text.known()) return out;
  if (*text == "All") {
    out.value = model::ReadWriteType::All;
  } else if (*text == "ReadOnly") {
    out.value = model::ReadWriteType::ReadOnly;
  } else if (*text == "WriteOnly") {
    out.value = model::ReadWriteType::WriteOnly;
  } else {
    return reader.invalid<model::ReadWriteType>(
        a, "expected \"All\", \"ReadOnly\" or \"WriteOnly\", got \"" + *text + "\"", a.value()->mark);
  }
  return out;
}

std::vector<model::DataResource> data_resources(Reader& reader, const Object& selector) {
  std::vector<model::DataResource> out;
  const ObjectList list = reader.objects(selector, "data_resource");
  if (list.provenance == Provenance::Unresolvable || list.provenance == Provenance::Invalid) {
    // Data events decide nothing for CT-010; keep the uncertainty visible to other rules.
    model::DataResource dr;
    dr.where = reader.at(list.mark);
    dr.type = Value<std::string>::unresolvable(list.why, dr.where);
    dr.values = Value<std::vector<std::string>>::unresolvable(list.why, dr.where);
    out.push_back(std::move(dr));
    return out;
  }
  for (const Object& item : list.items) {
    model::DataResource dr;
    dr.where = reader.at(item.mark);
    dr.type = reader.string(item, "type");
    dr.values = reader.strings(item, "values");
    out.push_back(std::move(dr));
  }
  return out;
}

model::EventSelector event_selector(Reader& reader, const Object& item) {
  model::EventSelector sel;
  sel.where = reader.at(item.mark);
  sel.include_management_events = reader.boolean(item, "include_management_events", true);
  sel.read_write_type = read_write_type(reader, item);
  sel.exclude_management_event_sources = reader.strings(item, "exclude_management_event_sources");
  sel.data_resources = data_resources(reader, item);
  return sel;
}

constexpr std::array<std::pair<std::string_view, model::FieldOperator>, 6> kOperators{{
    {"equals", model::FieldOperator::Equals},
    {"not_equals", model::FieldOperator::NotEquals},
    {"starts_with", model::FieldOperator::StartsWith},
    {"not_starts_with", model::FieldOperator::NotStartsWith},
    {"ends_with", model::FieldOperator::EndsWith},
    {"not_ends_with", model::FieldOperator::NotEndsWith},
}};

// A field selector without `field` is Invalid (and reported); its conditions are still read.
model::FieldSelector field_selector(Reader& reader, const Object& item) {
  model::FieldSelector fs;
  fs.where = reader.at(item.mark);
  const Attribute field = Reader::attribute(item, "field");
  if (field.is_absent()) {
    fs.field = reader.invalid<std::string>(field, "a field_selector needs a field", item.mark);
  } else {
    fs.field = reader.string(item, "field");
  }
  for (const auto& [name, op] : kOperators) {
    const Attribute a = Reader::attribute(item, name);
    if (a.is_absent()) continue;
    // The provider's schema has MinItems 1 for each operator; an empty list is one not written.
    if (!a.is_unknown() && a.value()->is_sequence() && a.value()->items.empty()) continue;
    model::FieldCondition condition;
    condition.where = reader.where(a);
    condition.op = op;
    condition.values = reader.strings(item, name);
    fs.conditions.push_back(std::move(condition));
  }
  return fs;
}

// An advanced selector is only as known as its field selectors: an unknown or invalid list of them makes
// the selector list itself unknown or invalid (returned in `problem`).
model::AdvancedEventSelector advanced_selector(Reader& reader, const Object& item, ObjectList& problem) {
  model::AdvancedEventSelector sel;
  sel.where = reader.at(item.mark);
  sel.name = reader.string(item, "name");
  ObjectList fields = reader.objects(item, "field_selector");
  if (fields.provenance == Provenance::Defaulted) {
    fields.provenance = Provenance::Invalid;
    fields.why = "an advanced_event_selector needs at least one field_selector";
    fields.mark = item.mark;
    reader.error("advanced_event_selector: " + fields.why, item.mark);
  }
  if (fields.provenance != Provenance::Explicit) {
    problem = std::move(fields);
    return sel;
  }
  for (const Object& f : fields.items) sel.field_selectors.push_back(field_selector(reader, f));
  return sel;
}

model::Trail build_trail(Reader& reader, const std::string& address, const Object& after) {
  model::Trail trail;
  trail.source = model::SourceKind::Terraform;
  trail.id = address;
  trail.where = reader.resource();

  trail.name = reader.string(after, "name");
  for (const auto& field : model::bool_trail_fields()) {
    trail.*field.member = reader.boolean(after, std::string(field.names.terraform), *field.defaults.terraform);
  }
  for (const auto& field : model::string_trail_fields()) {
    trail.*field.member = reader.string(after, std::string(field.names.terraform));
  }
  trail.sns_topic = reader.string(after, "sns_topic_name");
  trail.tags = reader.tags(after, "tags");

  const ObjectList basic = reader.objects(after, "event_selector");
  std::vector<model::EventSelector> selectors;
  for (const Object& item : basic.items) selectors.push_back(event_selector(reader, item));
  trail.event_selectors = list_value(basic, reader, std::move(selectors),
                                     reader.where(Reader::attribute(after, "event_selector")));

  ObjectList advanced = reader.objects(after, "advanced_event_selector");
  std::vector<model::AdvancedEventSelector> advanced_selectors;
  ObjectList problem;
  problem.provenance = Provenance::Explicit;
  for (const Object& item : advanced.items) {
    advanced_selectors.push_back(advanced_selector(reader, item, problem));
    if (problem.provenance != Provenance::Explicit) {
      advanced = std::move(problem);
      advanced_selectors.clear();
      break;
    }
  }
  trail.advanced_event_selectors =
      list_value(advanced, reader, std::move(advanced_selectors),
                 reader.where(Reader::attribute(after, "advanced_event_selector")));

  if (basic.provenance == Provenance::Explicit && advanced.provenance == Provenance::Explicit) {
    reader.error(
        "sets both event_selector and advanced_event_selector; the AWS provider accepts only one of them",
        Reader::attribute(after, "advanced_event_selector").key_mark());
  }
  return trail;
}

const doc::Node* json_string_at(const doc::Node& owner, std::string_view key) {
  const doc::Node* node = owner.get(key);
  return is_json_string(node) ? node : nullptr;
}

std::string join_actions(const doc::Node* actions) {
  std::string out;
  if (!actions || !actions->is_sequence()) return out;
  for (const auto& a : actions->items) {
    if (!out.empty()) out += ", ";
    out += a->text;
  }
  return out;
}

bool has_action(const doc::Node* actions, std::string_view action) {
  if (!actions || !actions->is_sequence()) return false;
  for (const auto& a : actions->items) {
    if (is_json_string(a.get()) && a->text == action) return true;
  }
  return false;
}

}  // namespace

void adapt_trail(const doc::Node& resource, ResourceOrigin origin, const std::string& file, SourceResult& out) {
  auto at = [&](doc::Mark mark) { return model::Location::in_file(file, mark.line, mark.column); };
  const doc::Node* address = json_string_at(resource, "address");
  if (!address) {
    out.errors.push_back({file, "an aws_cloudtrail resource without an \"address\" string", at(resource.mark)});
    return;
  }
  const std::string& id = address->text;
  const doc::Pair* address_pair = resource.find_pair("address");
  const model::Location where = at(address_pair->key->mark);
  if (const doc::Node* mode = json_string_at(resource, "mode"); mode && mode->text != "managed") return;

  Object after;
  const char* what = "values";
  if (origin == ResourceOrigin::ResourceChange) {
    what = "change.after";
    if (resource.get("deposed")) {
      out.notes.push_back(file + ": " + id + " (deposed object " + resource.get("deposed")->text +
                          ") is destroyed by this plan; no finding");
      return;
    }
    const doc::Node* change = resource.get("change");
    if (!change || !change->is_mapping()) {
      out.errors.push_back({file, id + ": a resource change without a \"change\" object", where});
      return;
    }
    const doc::Node* actions = change->get("actions");
    const bool deletes = has_action(actions, "delete");
    const bool creates = has_action(actions, "create");
    if ((deletes && !creates) || has_action(actions, "forget")) {
      out.notes.push_back(file + ": " + id + " will not exist after this plan (actions " + join_actions(actions) +
                          "); no finding");
      return;
    }
    after.after = change->get("after");
    after.unknown = change->get("after_unknown");
    if (const doc::Pair* p = change->find_pair("after")) after.mark = p->key->mark;
  } else {
    after.after = resource.get("values");
    if (const doc::Pair* p = resource.find_pair("values")) after.mark = p->key->mark;
  }
  if (is_json_null(after.after)) {
    out.errors.push_back({file, id + ": no " + std::string(what) + " for this aws_cloudtrail", where});
    return;
  }
  if (!after.after->is_mapping()) {
    out.errors.push_back(
        {file, id + ": " + what + " must be an object, got " + json_type(after.after), at(after.after->mark)});
    return;
  }
  if (after.unknown && !after.unknown->is_mapping()) after.unknown = nullptr;

  Reader reader(file, id, where, out);
  out.trails.push_back(build_trail(reader, id, after));
  // A plan's buckets and keys are not read: the trail's bucket and key are undeclared here, so the bucket and
  // key rules say unknown (with where to scan them) rather than nothing.
  model::link_references(std::span<model::Trail>(&out.trails.back(), 1), {}, {});
}

}  // namespace stance::sources::terraform::plan
