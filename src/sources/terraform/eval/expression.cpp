#include "sources/terraform/eval/expression.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>
#include <optional>
#include <utility>

#include "sources/terraform/eval/file_functions.hpp"
#include "sources/terraform/eval/functions.hpp"
#include "sources/terraform/eval/limits.hpp"

namespace stance::terraform {

namespace {

using hcl::ExprKind;

// Locals and module outputs can refer to each other in long chains; this keeps a pathological one from
// exhausting the stack (the parser already bounds the nesting of one expression).
constexpr int kMaxDepth = 400;

bool is_traversal(ExprKind k) {
  return k == ExprKind::GetAttr || k == ExprKind::Index || k == ExprKind::LegacyIndex || k == ExprKind::Splat;
}

const hcl::Expression* traversal_root(const hcl::Expression* e) {
  while (e && is_traversal(e->kind)) e = e->source.get();
  return e;
}

bool reserved_root(std::string_view name) {
  return name == "var" || name == "local" || name == "module" || name == "each" || name == "count" ||
         name == "path" || name == "terraform" || name == "self";
}

Value unknown_like(const Value& from, const hcl::Expression& e, const model::InternedString& file) {
  Value v = Value::unknown(from.unknown_reason);
  v.invalid = from.invalid;
  v.at(e.range, file);
  return v;
}

// The first Unknown inside `v` (for reasons), or nullptr.
const Value* first_unknown(const Value& v) {
  if (v.is_unknown()) return &v;
  for (const auto& i : v.items) {
    if (const Value* u = first_unknown(i)) return u;
  }
  for (const auto& e : v.entries) {
    if (const Value* u = first_unknown(e.second)) return u;
  }
  return nullptr;
}

}  // namespace

const Value* Scope::find(std::string_view name) const {
  for (const Scope* s = this; s; s = s->parent) {
    for (auto it = s->names.rbegin(); it != s->names.rend(); ++it) {
      if (it->first == name) return &it->second;
    }
  }
  return nullptr;
}

std::string traversal_text(const hcl::Expression& e) {
  switch (e.kind) {
    case ExprKind::Variable: return e.text;
    case ExprKind::SplatItem: return "";
    case ExprKind::GetAttr:
    case ExprKind::LegacyIndex: return (e.source ? traversal_text(*e.source) : "") + "." + e.text;
    case ExprKind::Index: {
      std::string key = "...";
      if (e.key && e.key->kind == ExprKind::Number) key = e.key->text;
      if (e.key && e.key->kind == ExprKind::Template && e.key->parts.size() == 1 &&
          e.key->parts[0].kind == hcl::PartKind::Literal) {
        key = "\"" + e.key->parts[0].text + "\"";
      }
      return (e.source ? traversal_text(*e.source) : "") + "[" + key + "]";
    }
    case ExprKind::Splat:
      return (e.source ? traversal_text(*e.source) : "") + (e.flag ? "[*]" : ".*") +
             (e.each ? traversal_text(*e.each) : "");
    default: return "(expression)";
  }
}

Value Evaluator::error_at(const hcl::Range& range, std::string message) {
  if (try_depth_ > 0) {
    try_failed_ = true;
  } else {
    diag_.error(message, file_, range.start);
  }
  Value v = Value::unknown(std::move(message));
  v.invalid = true;
  v.at(range, file_);
  return v;
}

Value Evaluator::eval(const hcl::Expression& e, const Scope& scope) {
  if (depth_ >= kMaxDepth) return error(e, "Expression too complex; references nest more than 400 levels deep");
  ++depth_;
  Value v = eval_inner(e, scope);
  --depth_;
  // Values grow where they are built: tuples and objects of other values (each copy counts) and splats are
  // checked here; templates, for expressions and function calls check as they build (append_parts, eval_for,
  // call_function). A reference only passes on a value already checked.
  if (e.kind == ExprKind::Tuple || e.kind == ExprKind::Object || e.kind == ExprKind::Splat) {
    if (std::string passed = size_limit_passed(v); !passed.empty()) return too_large(e, passed);
  }
  return v;
}

Value Evaluator::too_large(const hcl::Expression& e, const std::string& passed) {
  return error(e, "Value too large; " + passed + ".");
}

Value Evaluator::eval_inner(const hcl::Expression& e, const Scope& scope) {
  auto here = [&](Value v) {
    v.at(e.range, file_);
    return v;
  };
  switch (e.kind) {
    case ExprKind::Number: {
      char* end = nullptr;
      const double n = std::strtod(e.text.c_str(), &end);
      return here(Value::of_number(n));
    }
    case ExprKind::Bool: return here(Value::of_bool(e.flag));
    case ExprKind::Null: return here(Value::null_value());
    case ExprKind::Template: return eval_template(e, scope);
    case ExprKind::Tuple: {
      std::vector<Value> items;
      items.reserve(e.items.size());
      for (const auto& item : e.items) items.push_back(eval(*item, scope));
      return here(Value::list(std::move(items)));
    }
    case ExprKind::Object: return eval_object(e, scope);
    case ExprKind::Variable: {
      if (const Value* v = scope.find(e.text)) return *v;
      if (!refs_) return error(e, "Variables not allowed; Variables may not be used here.");
      if (e.text == "each") {
        return error(e, "Reference to \"each\" in context without for_each; The \"each\" object can be used only "
                        "in \"module\" or \"resource\" blocks, and only when the \"for_each\" argument is set.");
      }
      if (e.text == "count") {
        return error(e, "Reference to \"count\" in non-counted context; The \"count\" object can only be used in "
                        "\"module\", \"resource\", and \"data\" blocks, and only when the \"count\" argument is set.");
      }
      if (reserved_root(e.text) || e.text == "data") {
        return error(e, "Invalid reference; The \"" + e.text + "\" object cannot be accessed directly. Instead, "
                        "access one of its attributes.");
      }
      return error(e, "Invalid reference; A reference to a resource type must be followed by at least one "
                      "attribute access, specifying the resource name.");
    }
    case ExprKind::GetAttr: {
      if (auto v = after_apply(e, scope)) return std::move(*v);
      return eval_get_attr(e, scope);
    }
    case ExprKind::Index: {
      if (auto v = after_apply(e, scope)) return std::move(*v);
      Value source = eval(*e.source, scope);
      Value key = eval(*e.key, scope);
      return eval_index(e, source, key);
    }
    case ExprKind::LegacyIndex: {
      if (auto v = after_apply(e, scope)) return std::move(*v);
      Value source = eval(*e.source, scope);
      Value key = here(Value::of_number(std::strtod(e.text.c_str(), nullptr)));
      return eval_index(e, source, key);
    }
    case ExprKind::Splat: {
      if (auto v = after_apply(e, scope)) return std::move(*v);
      return eval_splat(e, scope);
    }
    case ExprKind::SplatItem: {
      if (splat_items_.empty()) return error(e, "Invalid splat; no element to apply the splat traversal to");
      return *splat_items_.back();
    }
    case ExprKind::Call: return eval_call(e, scope);
    case ExprKind::For: return eval_for(e, scope);
    case ExprKind::Conditional: return eval_conditional(e, scope);
    case ExprKind::Unary: return eval_unary(e, scope);
    case ExprKind::Binary: return eval_binary(e, scope);
    case ExprKind::Parens: return eval(*e.source, scope);
  }
  return here(Value::null_value());
}

std::optional<Value> Evaluator::after_apply(const hcl::Expression& e, const Scope& scope) {
  const hcl::Expression* root = traversal_root(&e);
  if (!root || root->kind != ExprKind::Variable || scope.find(root->text) || reserved_root(root->text)) {
    return std::nullopt;
  }
  if (!refs_) return error(*root, "Variables not allowed; Variables may not be used here.");
  const std::string text = traversal_text(e);
  Value v = Value::unknown(root->text == "data"
                               ? text + " is known only after Terraform reads the data source"
                               : text + " is known only after apply");
  // aws_kms_key.k.arn: the resource is the first two steps of the traversal.
  if (root->text != "data" && root->text != "module") {
    const std::size_t first = text.find('.');
    const std::size_t second = first == std::string::npos ? first : text.find_first_of(".[", first + 1);
    if (first != std::string::npos) v.reference = text.substr(0, second);
  }
  v.at(e.range, file_);
  return v;
}

Value Evaluator::eval_template(const hcl::Expression& e, const Scope& scope) {
  // "${x}" alone is x itself, unconverted (a list stays a list).
  if (!e.flag && e.parts.size() == 1 && e.parts[0].kind == hcl::PartKind::Interpolation && e.parts[0].expr) {
    return eval(*e.parts[0].expr, scope);
  }
  std::string out;
  Value unknown;
  if (!append_parts(e.parts, scope, out, unknown, e)) {
    Value v = unknown_like(unknown, e, file_);
    v.reference = unknown.reference;  // "${aws_kms_key.k.arn}:*" still names the declared resource it uses
    return v;
  }
  Value v = Value::of_string(std::move(out));
  v.at(e.range, file_);
  return v;
}

bool Evaluator::append_parts(const std::vector<hcl::TemplatePart>& parts, const Scope& scope, std::string& out,
                             Value& unknown, const hcl::Expression& owner) {
  for (const auto& part : parts) {
    switch (part.kind) {
      case hcl::PartKind::Literal:
        out += part.text;
        if (out.size() > limits::kMaxStringBytes) {
          unknown = too_large(owner, limits::string_too_long());
          return false;
        }
        break;
      case hcl::PartKind::Interpolation: {
        Value v = eval(*part.expr, scope);
        if (v.is_unknown()) {
          unknown = v;
          return false;
        }
        if (v.is_null()) {
          unknown = error(*part.expr, "Invalid template interpolation value; The expression result is null. "
                                      "Cannot include a null value in a string template.");
          return false;
        }
        // A string (most interpolations) is appended as it is: converting it would copy the whole value.
        if (v.type == Type::String) {
          out += v.string;
        } else {
          std::optional<Value> s = to_string_value(v);
          if (!s) {
            unknown = error(*part.expr, "Invalid template interpolation value; Cannot include the given value in "
                                        "a string template: string required.");
            return false;
          }
          out += s->string;
        }
        if (out.size() > limits::kMaxStringBytes) {
          unknown = too_large(owner, limits::string_too_long());
          return false;
        }
        break;
      }
      case hcl::PartKind::If: {
        Value c = eval(*part.expr, scope);
        if (c.is_unknown()) {
          unknown = c;
          return false;
        }
        std::optional<Value> b = to_bool_value(c);
        if (!b || c.is_null()) {
          unknown = error(*part.expr, "Invalid template if directive; The condition must be a bool.");
          return false;
        }
        if (!append_parts(b->boolean ? part.directive->body : part.directive->else_body, scope, out, unknown, owner)) return false;
        break;
      }
      case hcl::PartKind::For: {
        Value coll = eval(*part.expr, scope);
        if (coll.is_unknown()) {
          unknown = coll;
          return false;
        }
        if (coll.type != Type::List && coll.type != Type::Map) {
          unknown = error(*part.expr, "Invalid template for directive; A value of type " +
                                          std::string(coll.type_name()) + " cannot be used as the collection.");
          return false;
        }
        for (std::size_t i = 0; i < element_count(coll); ++i) {
          Scope inner{&scope, {}};
          const hcl::TemplateDirective& d = *part.directive;
          if (!d.key_var.empty()) inner.names.emplace_back(d.key_var, element_key(coll, i));
          inner.names.emplace_back(d.value_var, element_value(coll, i));
          if (!append_parts(d.body, inner, out, unknown, owner)) return false;
        }
        break;
      }
    }
  }
  return true;
}

Value Evaluator::eval_object(const hcl::Expression& e, const Scope& scope) {
  std::vector<std::pair<std::string, Value>> entries;
  std::optional<Value> unknown;
  for (const auto& item : e.object_items) {
    std::string key;
    if (item.key_is_identifier && item.key->kind == ExprKind::Variable) {
      key = item.key->text;
    } else {
      Value k = eval(*item.key, scope);
      if (k.is_unknown()) {
        if (!unknown) unknown = k;
        continue;
      }
      std::optional<Value> s = k.is_null() ? std::nullopt : to_string_value(k);
      if (!s) {
        Value bad = error(*item.key, "Incorrect key type; Can't use this value as a key: string required.");
        if (!unknown) unknown = bad;
        continue;
      }
      key = s->string;
    }
    entries.emplace_back(std::move(key), eval(*item.value, scope));
  }
  if (unknown) return unknown_like(*unknown, e, file_);
  Value v = Value::map(std::move(entries));
  v.at(e.range, file_);
  return v;
}

Value Evaluator::eval_get_attr(const hcl::Expression& e, const Scope& scope) {
  const hcl::Expression& src = *e.source;
  if (src.kind == ExprKind::Variable && !scope.find(src.text) && refs_) {
    const std::string& root = src.text;
    if (root == "var") return refs_->variable(e.text, e, *this);
    if (root == "local") return refs_->local(e.text, e, *this);
    if (root == "module") {
      if (!refs_->has_module_call(e.text)) {
        return error(e, "Reference to undeclared module; No module call named \"" + e.text +
                            "\" is declared in this module.");
      }
      return refs_->module_object(e.text, e, *this);
    }
    if (root == "path") {
      if (e.text == "module" || e.text == "root" || e.text == "cwd") {
        Value v = Value::of_string(refs_->path(e.text));
        v.at(e.range, file_);
        return v;
      }
      return error(e, "Invalid \"path\" attribute; The \"path\" object does not have an attribute named \"" +
                          e.text + "\". The available attributes are \"module\", \"root\", and \"cwd\".");
    }
    if (root == "terraform") {
      if (e.text == "workspace") {
        Value v = Value::of_string("default");
        v.at(e.range, file_);
        return v;
      }
      Value v = Value::unknown("terraform." + e.text + " is not known to stance");
      v.at(e.range, file_);
      return v;
    }
    if (root == "self") {
      Value v = Value::unknown("self." + e.text + " is known only after apply");
      v.at(e.range, file_);
      return v;
    }
  }
  if (src.kind == ExprKind::GetAttr && src.source && src.source->kind == ExprKind::Variable &&
      src.source->text == "module" && !scope.find("module") && refs_) {
    if (!refs_->has_module_call(src.text)) {
      return error(src, "Reference to undeclared module; No module call named \"" + src.text +
                            "\" is declared in this module.");
    }
    return refs_->module_output(src.text, e.text, e, *this);
  }
  Value source = eval(src, scope);
  if (source.is_unknown()) return unknown_like(source, e, file_);
  if (source.is_null()) {
    return error(e, "Attempt to get attribute from null value; This value is null, so it does not have any "
                    "attributes.");
  }
  if (source.type == Type::Map) {
    // Moved out: `source` is this call's own copy (of a local or variable, say), dropped on return.
    if (const Value* v = source.get(e.text)) return std::move(const_cast<Value&>(*v));
    return error(e, "Unsupported attribute; This object does not have an attribute named \"" + e.text + "\".");
  }
  if (source.type == Type::List) {
    return error(e, "Unsupported attribute; Can't access attributes on a list of objects. Did you mean to access "
                    "an attribute for a specific element of the list, or across all elements of the list?");
  }
  return error(e, "Unsupported attribute; Can't access attributes on a primitive-typed value (" +
                      std::string(source.type_name()) + ").");
}

Value Evaluator::eval_index(const hcl::Expression& e, const Value& source, const Value& key) {
  if (source.is_unknown()) return unknown_like(source, e, file_);
  if (key.is_unknown()) return unknown_like(key, e, file_);
  if (source.is_null()) return error(e, "Attempt to index null value; This value is null, so it does not have any indices.");
  if (key.is_null()) return error(e, "Invalid index; Can't use a null value as an indexing key.");
  if (source.type == Type::List) {
    if (source.is_set) {
      return error(e, "Invalid index; Elements of a set are identified only by their value and don't have any "
                      "separate index or key to select with, so it's only possible to perform operations across "
                      "all elements of the set.");
    }
    std::optional<Value> n = to_number_value(key);
    if (!n || n->number != std::floor(n->number)) {
      return error(e, "Invalid index; The given key does not identify an element in this collection value: a "
                      "number is required.");
    }
    if (n->number < 0 || n->number >= double(source.items.size())) {
      return error(e, "Invalid index; The given key does not identify an element in this collection value: the "
                      "collection has " + std::to_string(source.items.size()) + " elements.");
    }
    return source.items[static_cast<std::size_t>(n->number)];
  }
  if (source.type == Type::Map) {
    std::optional<Value> s = to_string_value(key);
    if (!s) return error(e, "Invalid index; The given key does not identify an element in this collection value: "
                            "string required.");
    if (const Value* v = source.get(s->string)) return *v;
    return error(e, "Invalid index; The given key does not identify an element in this collection value.");
  }
  return error(e, "Invalid index; This value does not have any indices.");
}

Value Evaluator::eval_splat(const hcl::Expression& e, const Scope& scope) {
  Value source = eval(*e.source, scope);
  if (source.is_unknown()) return unknown_like(source, e, file_);
  std::vector<Value> elements;
  if (source.is_null()) {
    Value v = Value::list({});
    v.at(e.range, file_);
    return v;
  }
  if (source.type == Type::List) {
    elements = source.items;
  } else {
    elements.push_back(source);  // a single value splats as a one-element list
  }
  std::vector<Value> out;
  out.reserve(elements.size());
  for (const auto& element : elements) {
    splat_items_.push_back(&element);
    out.push_back(e.each ? eval(*e.each, scope) : element);
    splat_items_.pop_back();
  }
  Value v = Value::list(std::move(out));
  v.is_set = source.is_set;
  v.at(e.range, file_);
  return v;
}

Value Evaluator::eval_try(const hcl::Expression& e, const Scope& scope, bool can) {
  if (e.items.empty()) {
    return error(e, std::string(can ? "Invalid function argument; can" : "Invalid function argument; try") +
                        " requires at least one argument");
  }
  const std::size_t n = can ? 1 : e.items.size();
  for (std::size_t i = 0; i < n; ++i) {
    const bool saved_failed = try_failed_;
    try_failed_ = false;
    ++try_depth_;
    Value v = eval(*e.items[i], scope);
    --try_depth_;
    const bool failed = try_failed_ || v.invalid;
    try_failed_ = saved_failed;
    if (!failed && !v.wholly_known()) {
      // Whether it fails is known only when the value is.
      const Value* u = first_unknown(v);
      return unknown_like(u ? *u : v, e, file_);
    }
    if (can) {
      Value b = Value::of_bool(!failed);
      b.at(e.range, file_);
      return b;
    }
    if (!failed) return v;
  }
  return error(e, "Error in function call; Call to function \"try\" failed: no expression succeeded.");
}

Value Evaluator::eval_call(const hcl::Expression& e, const Scope& scope) {
  std::string name = e.text;
  if (name.starts_with("core::")) name = name.substr(6);
  if (name == "try") return eval_try(e, scope, false);
  if (name == "can") return eval_try(e, scope, true);
  std::vector<Value> args;
  args.reserve(e.items.size());
  for (const auto& item : e.items) args.push_back(eval(*item, scope));
  if (e.flag && !args.empty()) {
    Value last = std::move(args.back());
    args.pop_back();
    if (last.is_unknown()) return unknown_like(last, e, file_);
    if (last.type != Type::List) {
      return error(*e.items.back(), "Invalid expanding argument value; The expanding argument (indicated by ...) "
                                    "must be of a tuple, list, or set type.");
    }
    for (auto& item : last.items) args.push_back(std::move(item));
  }
  for (const auto& a : args) {
    if (a.invalid) return unknown_like(a, e, file_);
  }
  std::optional<FunctionResult> result;
  if (name.find("::") != std::string::npos) {
    // provider-defined functions: not known to stance
  } else if (refs_ && is_file_function(name)) {  // in a module: files are read from the root module's directory
    FileFunctionResult r = call_file_function(name, std::move(args), refs_->file_access(), diag_);
    if (!r.warning.empty()) {
      const hcl::Expression& at = r.warning_arg < e.items.size() ? *e.items[r.warning_arg] : e;
      diag_.warning(std::move(r.warning), file_, at.range.start);
    }
    result = std::move(r.result);
  } else {
    result = call_function(name, std::move(args));
  }
  if (!result) {
    diag_.note(file_ + ":" + std::to_string(e.range.start.line) + ":" + std::to_string(e.range.start.column) +
               ": function " + name + "() is not supported by stance; its result is treated as unknown");
    Value v = Value::unknown("the result of " + name + "() is not known to stance");
    v.at(e.range, file_);
    return v;
  }
  if (!result->error.empty()) {
    std::string message = result->error;
    if (message.find(';') == std::string::npos) message = "Invalid function argument; " + message;
    return error(e, std::move(message));
  }
  Value v = std::move(result->value);
  if (v.is_unknown() && v.unknown_reason.empty()) v.unknown_reason = "the result of " + name + "() is known only after apply";
  if (v.file.empty()) v.at(e.range, file_);
  return v;
}

Value Evaluator::eval_for(const hcl::Expression& e, const Scope& scope) {
  Value coll = eval(*e.source, scope);
  if (coll.is_unknown()) return unknown_like(coll, e, file_);
  if (coll.is_null()) return error(*e.source, "Iteration over null value; A null value cannot be used as the "
                                              "collection in a 'for' expression.");
  if (coll.type != Type::List && coll.type != Type::Map) {
    return error(*e.source, "Iteration over non-iterable value; A value of type " + std::string(coll.type_name()) +
                                " cannot be used as the collection in a 'for' expression.");
  }
  const bool object_form = e.flag;
  std::vector<Value> items;
  std::vector<std::pair<std::string, Value>> entries;
  std::vector<std::pair<std::string, std::vector<Value>>> groups;
  // The result's size as it is built: nested `for`s over range(1000) three deep stop at the limit instead of
  // building a billion values, and an element that failed stops the loop (its error is reported once).
  std::size_t elements = 0, bytes = 0;
  auto grown = [&](const Value& v, const std::string& key) -> std::optional<Value> {
    if (v.invalid) return unknown_like(v, e, file_);
    std::string passed = size_limit_passed(v);
    if (passed.empty()) {
      elements += 1 + element_size(v);
      bytes += key.size() + string_bytes(v);
      if (elements > limits::kMaxCollectionElements) passed = limits::collection_too_large();
      if (bytes > limits::kMaxValueBytes) passed = limits::value_too_large();
    }
    if (!passed.empty()) return too_large(e, passed);
    return std::nullopt;
  };
  for (std::size_t i = 0; i < element_count(coll); ++i) {
    Scope inner{&scope, {}};
    if (!e.for_names->key_var.empty()) inner.names.emplace_back(e.for_names->key_var, element_key(coll, i));
    inner.names.emplace_back(e.for_names->value_var, element_value(coll, i));
    if (e.condition) {
      Value c = eval(*e.condition, inner);
      if (c.is_unknown()) return unknown_like(c, e, file_);
      std::optional<Value> b = c.is_null() ? std::nullopt : to_bool_value(c);
      if (!b) return error(*e.condition, "Invalid 'for' condition; The 'if' clause value is invalid: bool required.");
      if (!b->boolean) continue;
    }
    if (!object_form) {
      Value v = eval(*e.each, inner);
      if (auto stop = grown(v, {})) return *stop;
      items.push_back(std::move(v));
      continue;
    }
    Value k = eval(*e.key, inner);
    if (k.is_unknown()) return unknown_like(k, e, file_);
    std::optional<Value> ks = k.is_null() ? std::nullopt : to_string_value(k);
    if (!ks) return error(*e.key, "Invalid object key; The key expression produced an invalid result: string required.");
    Value v = eval(*e.each, inner);
    if (auto stop = grown(v, ks->string)) return *stop;
    if (e.grouping) {
      auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == ks->string; });
      if (it == groups.end()) {
        groups.emplace_back(ks->string, std::vector<Value>{});
        it = std::prev(groups.end());
      }
      it->second.push_back(std::move(v));
      continue;
    }
    for (const auto& existing : entries) {
      if (existing.first == ks->string) {
        return error(*e.key, "Duplicate object key; Two different items produced the same key in this 'for' "
                             "expression. If duplicates are expected, use the ellipsis (...) after the value "
                             "expression to enable grouping by key.");
      }
    }
    entries.emplace_back(ks->string, std::move(v));
  }
  Value out;
  if (!object_form) {
    out = Value::list(std::move(items));
  } else {
    for (auto& g : groups) entries.emplace_back(std::move(g.first), Value::list(std::move(g.second)));
    out = Value::map(std::move(entries));
  }
  out.at(e.range, file_);
  return out;
}

Value Evaluator::eval_conditional(const hcl::Expression& e, const Scope& scope) {
  Value c = eval(*e.condition, scope);
  if (c.is_unknown()) {
    // Both results agree: the condition does not matter.
    Value a = eval(*e.lhs, scope);
    Value b = eval(*e.rhs, scope);
    std::optional<bool> same = equals(a, b);
    if (same && *same) return a;
    return unknown_like(c, e, file_);
  }
  std::optional<Value> b = c.is_null() ? std::nullopt : to_bool_value(c);
  if (!b) {
    return error(*e.condition, "Incorrect condition type; The condition expression must be of type bool.");
  }
  return eval(b->boolean ? *e.lhs : *e.rhs, scope);
}

Value Evaluator::eval_unary(const hcl::Expression& e, const Scope& scope) {
  Value v = eval(*e.source, scope);
  if (v.is_unknown()) return unknown_like(v, e, file_);
  Value out;
  if (e.text == "!") {
    std::optional<Value> b = v.is_null() ? std::nullopt : to_bool_value(v);
    if (!b) return error(e, "Invalid operand; Unsuitable value for unary operand: bool required.");
    out = Value::of_bool(!b->boolean);
  } else {
    std::optional<Value> n = v.is_null() ? std::nullopt : to_number_value(v);
    if (!n) return error(e, "Invalid operand; Unsuitable value for unary operand: number required.");
    out = Value::of_number(-n->number);
  }
  out.at(e.range, file_);
  return out;
}

Value Evaluator::eval_binary(const hcl::Expression& e, const Scope& scope) {
  const std::string& op = e.text;
  Value a = eval(*e.lhs, scope);
  Value b = eval(*e.rhs, scope);
  auto here = [&](Value v) {
    v.at(e.range, file_);
    return v;
  };
  if (op == "&&" || op == "||") {
    const bool is_and = op == "&&";
    std::optional<Value> x = a.is_unknown() ? std::optional<Value>(a) : a.is_null() ? std::nullopt : to_bool_value(a);
    std::optional<Value> y = b.is_unknown() ? std::optional<Value>(b) : b.is_null() ? std::nullopt : to_bool_value(b);
    if (!x) return error(*e.lhs, "Invalid operand; Unsuitable value for left operand: bool required.");
    if (!y) return error(*e.rhs, "Invalid operand; Unsuitable value for right operand: bool required.");
    // A known side that decides alone decides (false && ?, true || ?).
    for (const Value* side : {&*x, &*y}) {
      if (!side->is_unknown() && side->boolean != is_and) return here(Value::of_bool(!is_and));
    }
    if (x->is_unknown()) return unknown_like(*x, e, file_);
    if (y->is_unknown()) return unknown_like(*y, e, file_);
    return here(Value::of_bool(is_and ? x->boolean && y->boolean : x->boolean || y->boolean));
  }
  if (op == "==" || op == "!=") {
    std::optional<bool> same = equals(a, b);
    if (!same) return unknown_like(a.wholly_known() ? *first_unknown(b) : *first_unknown(a), e, file_);
    return here(Value::of_bool(op == "==" ? *same : !*same));
  }
  if (a.is_unknown()) return unknown_like(a, e, file_);
  if (b.is_unknown()) return unknown_like(b, e, file_);
  std::optional<Value> x = a.is_null() ? std::nullopt : to_number_value(a);
  std::optional<Value> y = b.is_null() ? std::nullopt : to_number_value(b);
  if (!x) return error(*e.lhs, "Invalid operand; Unsuitable value for left operand: a number is required.");
  if (!y) return error(*e.rhs, "Invalid operand; Unsuitable value for right operand: a number is required.");
  const double l = x->number, r = y->number;
  if (op == "+") return here(Value::of_number(l + r));
  if (op == "-") return here(Value::of_number(l - r));
  if (op == "*") return here(Value::of_number(l * r));
  if (op == "/") {
    if (r == 0) return error(e, "Error in operator; Can't divide by zero.");
    return here(Value::of_number(l / r));
  }
  if (op == "%") {
    if (r == 0) return error(e, "Error in operator; Can't use modulo by zero.");
    return here(Value::of_number(std::fmod(l, r)));
  }
  if (op == "<") return here(Value::of_bool(l < r));
  if (op == ">") return here(Value::of_bool(l > r));
  if (op == "<=") return here(Value::of_bool(l <= r));
  if (op == ">=") return here(Value::of_bool(l >= r));
  return error(e, "Invalid operator " + op);
}

}  // namespace stance::terraform
