#include "sources/terraform/eval/block.hpp"

#include <algorithm>

namespace stance::terraform {

namespace {

bool meta_argument(const std::string& name) {
  return name == "count" || name == "for_each" || name == "provider" || name == "depends_on";
}

bool meta_block(const std::string& type) {
  return type == "lifecycle" || type == "provisioner" || type == "connection";
}

const hcl::Attribute* find_attribute(const hcl::Body& body, std::string_view name) {
  for (const auto& a : body.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

void evaluate_body(const hcl::Body& body, Evaluator& ev, const Scope& scope, bool resource, EvalBlock& out);

void expand_dynamic(const hcl::Block& dyn, Evaluator& ev, const Scope& scope, EvalBlock& out) {
  if (dyn.labels.size() != 1) return;
  const std::string& type = dyn.labels[0].value;
  const hcl::Attribute* for_each = find_attribute(dyn.body, "for_each");
  const hcl::Block* content = nullptr;
  for (const auto& b : dyn.body.blocks) {
    if (b.type == "content") content = &b;
  }
  if (!for_each || !content) {
    ev.error_at(dyn.type_range, "Invalid dynamic block; a dynamic block needs a for_each argument and a content block.");
    return;
  }
  std::string iterator = type;
  if (const hcl::Attribute* it = find_attribute(dyn.body, "iterator")) {
    if (it->value->kind == hcl::ExprKind::Variable) {
      iterator = it->value->text;
    } else {
      ev.error(*it->value, "Invalid expression; A single static variable reference is required: only attribute "
                           "access and indexing with constant keys. No calculations, function calls, template "
                           "expressions, etc are allowed here.");
    }
  }
  Value coll = ev.eval(*for_each->value, scope);
  if (coll.is_unknown()) {
    out.blocks.erase(type);
    Value reason = coll;
    if (!coll.invalid) reason.unknown_reason = "the for_each of dynamic \"" + type + "\" is not known before apply (" + coll.unknown_reason + ")";
    reason.at(dyn.type_range, ev.file());
    out.unknown_blocks.emplace(type, std::move(reason));
    return;
  }
  if (coll.is_null() || (coll.type != Type::List && coll.type != Type::Map)) {
    Value bad = ev.error(*for_each->value, "Invalid dynamic for_each value; Cannot use a " +
                                               std::string(coll.type_name()) + " value in for_each. An iterable "
                                               "collection is required.");
    out.unknown_blocks.emplace(type, std::move(bad));
    return;
  }
  for (std::size_t i = 0; i < element_count(coll); ++i) {
    Scope inner{&scope, {}};
    inner.names.emplace_back(iterator, Value::map({{"key", element_key(coll, i)}, {"value", element_value(coll, i)}}));
    EvalBlock block;
    block.type = type;
    block.file = ev.file();
    block.range = content->range;
    block.for_each_file = coll.file;
    block.for_each_pos = coll.range.start;
    evaluate_body(content->body, ev, inner, false, block);
    if (!out.unknown_blocks.count(type)) out.blocks[type].push_back(std::move(block));
  }
}

void evaluate_body(const hcl::Body& body, Evaluator& ev, const Scope& scope, bool resource, EvalBlock& out) {
  for (const auto& a : body.attributes) {
    if (resource && meta_argument(a.name)) continue;
    out.attributes[a.name] = EvalAttribute{ev.eval(*a.value, scope), a.name_range, ev.file()};
  }
  for (const auto& b : body.blocks) {
    if (resource && meta_block(b.type)) continue;
    if (b.type == "dynamic") {
      expand_dynamic(b, ev, scope, out);
      continue;
    }
    if (out.unknown_blocks.count(b.type)) continue;
    EvalBlock nested;
    nested.type = b.type;
    nested.file = ev.file();
    nested.range = b.range;
    evaluate_body(b.body, ev, scope, false, nested);
    out.blocks[b.type].push_back(std::move(nested));
  }
}

}  // namespace

const EvalAttribute* EvalBlock::attribute(const std::string& name) const {
  auto it = attributes.find(name);
  return it == attributes.end() ? nullptr : &it->second;
}

EvalBlock evaluate_block(const hcl::Block& block, Evaluator& ev, const Scope& scope, bool resource) {
  EvalBlock out;
  out.type = block.type;
  out.file = ev.file();
  out.range = block.range;
  evaluate_body(block.body, ev, scope, resource, out);
  return out;
}

void merge_override(EvalBlock& base, EvalBlock override_block) {
  for (auto& [name, attribute] : override_block.attributes) base.attributes[name] = std::move(attribute);
  for (auto& [type, blocks] : override_block.blocks) {
    base.unknown_blocks.erase(type);
    base.blocks[type] = std::move(blocks);
  }
  for (auto& [type, why] : override_block.unknown_blocks) {
    base.blocks.erase(type);
    base.unknown_blocks[type] = std::move(why);
  }
}

}  // namespace stance::terraform
