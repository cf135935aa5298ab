#include "sources/terraform/adapter.hpp"

#include <algorithm>
#include <array>
#include <span>
#include <utility>

#include "model/link.hpp"
#include "model/trail_fields.hpp"
#include "sources/terraform/attribute_reader.hpp"

namespace stance::terraform {

namespace {

// Nested blocks of one type: none -> Defaulted (empty) at the resource; a dynamic block with an unknown
// for_each -> Unresolvable; else Explicit at the first block.
template <class T, class Build>
MValue<std::vector<T>> read_blocks(AttributeReader& reader, const EvalBlock& owner, const std::string& type, Build build) {
  using List = MValue<std::vector<T>>;
  if (auto u = owner.unknown_blocks.find(type); u != owner.unknown_blocks.end()) {
    const model::Location where = location(u->second.file.empty() ? owner.file : u->second.file,
                                           u->second.range.start);
    return u->second.invalid ? List::invalid(u->second.unknown_reason, where)
                             : List::unresolvable(u->second.unknown_reason, where);
  }
  auto it = owner.blocks.find(type);
  if (it == owner.blocks.end() || it->second.empty()) return List::defaulted({}, reader.resource());
  std::vector<T> out;
  for (const auto& block : it->second) out.push_back(build(block));
  const EvalBlock& first = it->second.front();
  return List::set(std::move(out), location(first.file, first.range.start));
}

model::DataResource data_resource(AttributeReader& reader, const EvalBlock& b) {
  model::DataResource dr;
  dr.where = location(b.file, b.range.start);
  dr.type = reader.string(b, "type");
  dr.values = reader.strings(b, "values");
  return dr;
}

model::EventSelector event_selector(AttributeReader& reader, const EvalBlock& b) {
  model::EventSelector sel;
  sel.where = location(b.file, b.range.start);
  sel.include_management_events = reader.boolean(b, "include_management_events", true);
  MValue<std::string> rw = reader.one_of(b, "read_write_type", {"All", "ReadOnly", "WriteOnly"}, "All");
  sel.read_write_type.provenance = rw.provenance;
  sel.read_write_type.where = rw.where;
  sel.read_write_type.note = rw.note;
  if (rw.known()) {
    sel.read_write_type.value = *rw == "ReadOnly"    ? model::ReadWriteType::ReadOnly
                                : *rw == "WriteOnly" ? model::ReadWriteType::WriteOnly
                                                     : model::ReadWriteType::All;
  }
  sel.exclude_management_event_sources = reader.strings(b, "exclude_management_event_sources");
  // data_resource blocks: a dynamic one with an unknown for_each adds one unknown data resource.
  if (auto u = b.unknown_blocks.find("data_resource"); u != b.unknown_blocks.end()) {
    model::DataResource dr;
    dr.where = location(b.file, u->second.range.start);
    dr.type = MValue<std::string>::unresolvable(u->second.unknown_reason, dr.where);
    dr.values = MValue<std::vector<std::string>>::unresolvable(u->second.unknown_reason, dr.where);
    sel.data_resources.push_back(std::move(dr));
  } else if (auto it = b.blocks.find("data_resource"); it != b.blocks.end()) {
    for (const auto& d : it->second) sel.data_resources.push_back(data_resource(reader, d));
  }
  return sel;
}

constexpr std::array<std::pair<const char*, model::FieldOperator>, 6> kOperators{{
    {"equals", model::FieldOperator::Equals},
    {"not_equals", model::FieldOperator::NotEquals},
    {"starts_with", model::FieldOperator::StartsWith},
    {"not_starts_with", model::FieldOperator::NotStartsWith},
    {"ends_with", model::FieldOperator::EndsWith},
    {"not_ends_with", model::FieldOperator::NotEndsWith},
}};

model::FieldSelector field_selector(AttributeReader& reader, const EvalBlock& b) {
  model::FieldSelector fs;
  fs.where = location(b.file, b.range.start);
  if (!AttributeReader::set(b, "field") && !b.attribute("field")) {
    const std::string why = "Missing required argument; The argument \"field\" is required, but no definition was found.";
    reader.diag().error(why, b.file, b.range.start);
    fs.field = MValue<std::string>::invalid(why, fs.where);
  } else {
    fs.field = reader.string(b, "field");
  }
  for (const auto& [name, op] : kOperators) {
    const EvalAttribute* a = AttributeReader::set(b, name);
    if (!a) continue;
    model::FieldCondition condition;
    condition.where = location(a->file, a->name_range.start);
    condition.op = op;
    condition.values = reader.strings(b, name);
    fs.conditions.push_back(std::move(condition));
  }
  return fs;
}

model::AdvancedEventSelector advanced_selector(AttributeReader& reader, const EvalBlock& b) {
  model::AdvancedEventSelector sel;
  sel.where = location(b.file, b.range.start);
  sel.name = reader.string(b, "name");
  if (auto u = b.unknown_blocks.find("field_selector"); u != b.unknown_blocks.end()) {
    // How many conditions there are is unknown: one field selector whose field is unknown stands for them.
    model::FieldSelector fs;
    fs.where = location(b.file, u->second.range.start);
    fs.field = u->second.invalid ? MValue<std::string>::invalid(u->second.unknown_reason, fs.where)
                                 : MValue<std::string>::unresolvable(u->second.unknown_reason, fs.where);
    sel.field_selectors.push_back(std::move(fs));
  } else if (auto it = b.blocks.find("field_selector"); it != b.blocks.end()) {
    for (const auto& f : it->second) sel.field_selectors.push_back(field_selector(reader, f));
  }
  if (sel.field_selectors.empty()) {
    reader.diag().error("Insufficient field_selector blocks; At least 1 \"field_selector\" blocks are required.",
                        b.file, b.range.start);
  }
  return sel;
}

MValue<std::vector<model::Tag>> tags(AttributeReader& reader, const EvalBlock& owner) {
  using Tags = MValue<std::vector<model::Tag>>;
  const EvalAttribute* a = AttributeReader::set(owner, "tags");
  if (!a) return Tags::defaulted({}, reader.resource());
  if (a->value.is_unknown()) return reader.not_known<std::vector<model::Tag>>(*a);
  if (a->value.type != Type::Map) return reader.wrong_type<std::vector<model::Tag>>(*a, "tags", "map of string");
  std::vector<model::Tag> out;
  const model::Location where = location(a->file, a->name_range.start);
  for (const auto& [key, value] : a->value.entries) {
    model::Tag tag;
    tag.key = key;
    if (value.is_unknown()) {
      tag.value = MValue<std::string>::unresolvable(value.unknown_reason, where);
    } else if (auto s = value.is_null() ? std::nullopt : to_string_value(value)) {
      tag.value = MValue<std::string>::set(s->string, where);
    } else {
      tag.value = MValue<std::string>::invalid("a tag value must be a string", where);
    }
    out.push_back(std::move(tag));
  }
  return Tags::set(std::move(out), where, AttributeReader::origin(*a));
}

// Notes for the findings that point into a module at what its caller wrote: each block a dynamic block made
// from a module argument, the blocks inside it, and each attribute whose value is such an argument, say
// "set by module.x argument y at caller.tf:12". `inherited`: the note of the enclosing block.
void note_module_arguments(const EvalBlock& block, const std::string& inherited, const ModuleInstance& root,
                           std::vector<model::TrailNote>& out) {
  auto text = [&](const std::string& file, hcl::Pos pos) -> std::string {
    const std::string argument = root.module_argument_at(file, pos);
    return argument.empty() ? std::string() : "set by " + argument + " at " + file + ":" + std::to_string(pos.line);
  };
  std::string note = inherited;
  if (!block.for_each_file.empty() && block.for_each_file != block.file) {
    if (std::string own = text(block.for_each_file, block.for_each_pos); !own.empty()) note = std::move(own);
  }
  if (!note.empty()) out.push_back({location(block.file, block.range.start), note});
  for (const auto& [name, attribute] : block.attributes) {
    const Value& v = attribute.value;
    if (v.file.empty() || v.file == attribute.file) continue;
    std::string own = text(v.file, v.range.start);
    if (own.empty()) own = note;
    if (!own.empty()) out.push_back({location(attribute.file, attribute.name_range.start), std::move(own)});
  }
  for (const auto& [type, blocks] : block.blocks) {
    for (const auto& nested : blocks) note_module_arguments(nested, note, root, out);
  }
}

}  // namespace

model::Trail adapt_trail(const ResourceInstance& r, Diagnostics& diag) {
  const EvalBlock& body = r.body;
  model::Trail trail;
  trail.source = model::SourceKind::Terraform;
  trail.resource_type = "AWS::CloudTrail::Trail";
  trail.id = r.address;
  trail.root_module = r.root_module;
  trail.where = location(body.file, body.range.start);
  AttributeReader reader(diag, trail.where);

  trail.name = reader.string(body, "name");
  for (const auto& field : model::bool_trail_fields()) {
    trail.*field.member = reader.boolean(body, std::string(field.names.terraform), *field.defaults.terraform);
  }
  for (const auto& field : model::string_trail_fields()) {
    trail.*field.member = reader.string(body, std::string(field.names.terraform));
  }
  trail.sns_topic = reader.string(body, "sns_topic_name");
  trail.tags = tags(reader, body);
  trail.event_selectors = read_blocks<model::EventSelector>(
      reader, body, "event_selector", [&](const EvalBlock& b) { return event_selector(reader, b); });
  trail.advanced_event_selectors = read_blocks<model::AdvancedEventSelector>(
      reader, body, "advanced_event_selector", [&](const EvalBlock& b) { return advanced_selector(reader, b); });

  if (trail.event_selectors.is_explicit() && trail.advanced_event_selectors.is_explicit()) {
    diag.error("Conflicting configuration arguments; \"advanced_event_selector\": conflicts with event_selector",
               body.file, body.blocks.at("advanced_event_selector").front().range.start);
  }

  if (r.root) note_module_arguments(body, {}, *r.root, trail.notes);

  if (r.existence_unknown) {
    const Value& u = *r.existence_unknown;
    if (u.invalid) {
      // count / for_each is an error (reported where it is): Terraform rejects the configuration, so the
      // verdict must not stand either. The selectors stand for that, with the reason.
      const model::Location where = u.file.empty() ? trail.where : location(u.file, u.range.start);
      const std::string why = "whether " + r.address + " exists is unknown: " + u.unknown_reason;
      if (!trail.advanced_event_selectors.is_defaulted()) {
        trail.advanced_event_selectors = MValue<std::vector<model::AdvancedEventSelector>>::invalid(why, where);
      } else {
        trail.event_selectors = MValue<std::vector<model::EventSelector>>::invalid(why, where);
      }
    } else {
      // How many instances there are (none, one, several) is known only at apply, but every one of them is
      // configured by this body, evaluated with count.index / each unknown: what the instances record is
      // decided, or unknown through those very values. The verdict stands, with the note.
      trail.notes.push_back({{}, "the number of instances of " + r.address + " is known only at apply (" +
                                     u.unknown_reason + ")"});
    }
  }
  return trail;
}

void link_by_reference(model::Trail& trail) {
  model::link_references(std::span<model::Trail>(&trail, 1), {}, {});
  auto declared = [](model::Reference& ref, const model::Value<std::string>& value, std::string_view type) {
    if (value.refers_to.rfind(std::string(type) + ".", 0) != 0) return;
    ref.kind = model::Reference::Kind::Declared;
    ref.target = value.refers_to;
    ref.why.clear();
  };
  declared(trail.log_bucket, trail.s3_bucket_name, "aws_s3_bucket");
  declared(trail.log_key, trail.kms_key_id, "aws_kms_key");
}

}  // namespace stance::terraform
