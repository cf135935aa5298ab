#include "sources/terraform/eval/module_instance.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "sources/terraform/eval/limits.hpp"
#include "sources/terraform/eval/types.hpp"

namespace stance::terraform {

namespace {

using limits::kMaxModuleDepth;

const hcl::Attribute* find_attribute(const hcl::Body& body, std::string_view name) {
  for (const auto& a : body.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool module_meta_argument(const std::string& name) {
  return name == "source" || name == "version" || name == "count" || name == "for_each" || name == "providers" ||
         name == "depends_on";
}

Value invalid_unknown(std::string why) {
  Value v = Value::unknown(std::move(why));
  v.invalid = true;
  return v;
}

std::string too_many_instances(const std::string& what, const char* argument) {
  return "Too many instances; the " + std::string(argument) + " of " + what + " makes more than stance's limit of " +
         std::to_string(limits::kMaxInstancesPerResource) + " instances per resource or module call.";
}

std::string pos_text(const std::string& file, hcl::Pos pos) {
  return file + ":" + std::to_string(pos.line) + "," + std::to_string(pos.column);
}

}  // namespace

// ---- loader ----

const ModuleConfig* ModuleLoader::get(const std::string& directory) {
  auto it = cache_.find(directory);
  if (it != cache_.end()) return it->second.get();
  std::error_code ec;
  if (!std::filesystem::is_directory(directory, ec)) {
    cache_.emplace(directory, nullptr);
    return nullptr;
  }
  auto config = load_module_directory(directory, diag_, options_);
  const ModuleConfig* out = config.get();
  cache_.emplace(directory, std::move(config));
  return out;
}

const ModuleConfig* ModuleLoader::adopt(std::unique_ptr<ModuleConfig> config) {
  const std::string directory = config->directory;
  auto& slot = cache_[directory];
  if (!slot) slot = std::move(config);
  return slot.get();
}

void ModuleLoader::missing_module(const std::string& file, hcl::Pos pos, const std::string& message,
                                  const std::string& root, const std::string& why) {
  missing_[{file, pos.line, pos.column, message}].emplace(root, why);
}

void ModuleLoader::warn_missing_modules() {
  for (const auto& [call, roots] : missing_) {
    const auto& [file, line, column, message] = call;
    std::string why, where, uninitialised;
    for (const auto& [root, reason] : roots) {
      if (reason.empty()) {
        uninitialised += (uninitialised.empty() ? "" : ", ") + root;
      } else {
        why += (why.empty() ? "" : "; ") + reason;
      }
      where += (where.empty() ? "" : ", ") + root;
    }
    const bool only_uninitialised = why.empty();
    if (!uninitialised.empty()) {
      why = "there is no .terraform/modules/modules.json in " + uninitialised + (why.empty() ? "" : "; " + why);
    }
    diag_.warning(message + ", which is not on disk: " + why + "; trails it may declare are not scanned. Run "
                  "`terraform init` " + (only_uninitialised ? std::string("there") : "in " + where) +
                  " to download it, then scan again.",
                  file, hcl::Pos{line, column});
  }
  missing_.clear();
}

// ---- count / for_each ----

std::string instance_key(const Value& key, Expansion::Mode mode) {
  if (mode == Expansion::Mode::Count) return "[" + format_number(key.number) + "]";
  if (mode != Expansion::Mode::ForEach) return "";
  // The key is escaped as Terraform quotes it, and no control character is left raw: an address is printed to
  // terminals and reports, and a key of "\u001b[2J" must not clear the screen of whoever reads it.
  std::string out = "[\"";
  const std::string& k = key.string;
  for (std::size_t i = 0; i < k.size(); ++i) {
    const auto c = static_cast<unsigned char>(k[i]);
    char escaped[16];
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c < 0x20 || c == 0x7f) {
      std::snprintf(escaped, sizeof escaped, "\\u%04x", c);
      out += escaped;
    } else if (c == 0xc2 && i + 1 < k.size() && static_cast<unsigned char>(k[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(k[i + 1]) <= 0x9f) {  // U+0080..U+009F, the C1 controls
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned char>(k[++i]));
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"]";
}

Expansion expand(const hcl::Body& body, Evaluator& ev, const Scope& scope, const std::string& what) {
  Expansion out;
  const hcl::Attribute* count = find_attribute(body, "count");
  const hcl::Attribute* for_each = find_attribute(body, "for_each");
  if (count && for_each) {
    out.unknown = ev.error(*for_each->value, "Invalid combination of \"count\" and \"for_each\"; The \"count\" and "
                                             "\"for_each\" meta-arguments are mutually-exclusive, only one should be "
                                             "used to be explicit about the number of resources to be created.");
    return out;
  }
  if (count) {
    out.mode = Expansion::Mode::Count;
    Value v = ev.eval(*count->value, scope);
    if (v.is_unknown()) {
      out.unknown = v;
      if (!v.invalid) out.unknown->unknown_reason = "the count of " + what + " is not known before apply (" + v.unknown_reason + ")";
      return out;
    }
    std::optional<Value> n = v.is_null() ? std::nullopt : to_number_value(v);
    if (!n || n->number < 0 || n->number != std::floor(n->number)) {
      out.unknown = ev.error(*count->value, "Invalid count argument; The given \"count\" argument value is "
                                            "unsuitable: a whole number greater than or equal to zero is required.");
      return out;
    }
    if (n->number > double(limits::kMaxInstancesPerResource)) {
      out.unknown = ev.error(*count->value, too_many_instances(what, "count"));
      return out;
    }
    for (double i = 0; i < n->number; ++i) out.instances.emplace_back(Value::of_number(i), Value::null_value());
    return out;
  }
  if (for_each) {
    out.mode = Expansion::Mode::ForEach;
    Value v = ev.eval(*for_each->value, scope);
    if (!v.is_unknown() && v.type == Type::List && v.is_set) {
      for (const auto& item : v.items) {
        if (item.is_unknown()) {
          v = item;
          break;
        }
      }
    }
    if (v.is_unknown()) {
      out.unknown = v;
      if (!v.invalid) out.unknown->unknown_reason = "the for_each of " + what + " is not known before apply (" + v.unknown_reason + ")";
      return out;
    }
    if (v.type == Type::Map || (v.type == Type::List && v.is_set)) {
      if (element_count(v) > limits::kMaxInstancesPerResource) {
        out.unknown = ev.error(*for_each->value, too_many_instances(what, "for_each"));
        return out;
      }
    }
    if (v.type == Type::Map) {
      for (const auto& [k, value] : v.entries) out.instances.emplace_back(Value::of_string(k), value);
      return out;
    }
    if (v.type == Type::List && v.is_set) {
      for (const auto& item : v.items) {
        std::optional<Value> s = item.is_null() ? std::nullopt : to_string_value(item);
        if (!s || item.type != Type::String) {
          out.unknown = ev.error(*for_each->value, "Invalid for_each set argument; The given \"for_each\" argument "
                                                   "value is unsuitable: \"for_each\" supports sets of strings, but "
                                                   "you have provided a set containing type " +
                                                       std::string(item.type_name()) + ".");
          out.instances.clear();
          return out;
        }
        out.instances.emplace_back(*s, *s);
      }
      return out;
    }
    out.unknown = ev.error(*for_each->value, "Invalid for_each argument; The given \"for_each\" argument value is "
                                             "unsuitable: the \"for_each\" argument must be a map, or set of "
                                             "strings, and you have provided a value of type " +
                                                 std::string(v.type == Type::List ? "tuple" : v.type_name()) + ".");
    return out;
  }
  out.instances.emplace_back(Value::null_value(), Value::null_value());
  return out;
}

// Scope names for one instance: count.index or each.key/each.value.
Scope instance_scope(Expansion::Mode mode, const Value& key, const Value& value) {
  Scope s;
  if (mode == Expansion::Mode::Count) s.names.emplace_back("count", Value::map({{"index", key}}));
  if (mode == Expansion::Mode::ForEach) s.names.emplace_back("each", Value::map({{"key", key}, {"value", value}}));
  return s;
}

Scope unknown_scope(Expansion::Mode mode, const Value& unknown) {
  return instance_scope(mode, unknown, unknown);
}

// ---- module instance ----

ModuleInstance::ModuleInstance(const ModuleConfig& config, ModuleLoader& loader, Diagnostics& diag,
                               std::map<std::string, RawVariable> root_inputs, const std::string& scan_root)
    : config_(config), loader_(loader), diag_(diag), root_inputs_(std::move(root_inputs)) {
  const std::string cwd = path("cwd");
  file_access_ = std::make_unique<FileAccess>(cwd, scan_root.empty() ? cwd : scan_root);
  manifest_ = std::make_unique<ModuleManifest>(ModuleManifest::read(config.directory, diag));
}

std::string ModuleInstance::module_argument_at(const std::string& file, hcl::Pos pos) const {
  const auto& arguments = root().module_arguments_;
  auto it = arguments.find({file, pos.line, pos.column});
  return it == arguments.end() ? std::string() : it->second;
}

FileAccess& ModuleInstance::file_access() {
  ModuleInstance* root = this;
  while (root->parent_) root = root->parent_;
  return *root->file_access_;
}

ModuleInstance::ModuleInstance(const ModuleConfig& config, ModuleLoader& loader, Diagnostics& diag,
                               ModuleInstance* parent, const ModuleCall* call, Scope call_scope, std::string address,
                               std::string key, std::optional<Value> existence, int depth)
    : config_(config),
      loader_(loader),
      diag_(diag),
      parent_(parent),
      call_(call),
      call_scope_(std::move(call_scope)),
      address_(std::move(address)),
      key_(std::move(key)),
      existence_(std::move(existence)),
      depth_(depth) {}

bool ModuleInstance::has_module_call(const std::string& call) const { return find_call(call) != nullptr; }

const ModuleCall* ModuleInstance::find_call(const std::string& name) const {
  for (const auto& c : config_.calls) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

const ModuleInstance& ModuleInstance::root() const {
  const ModuleInstance* root = this;
  while (root->parent_) root = root->parent_;
  return *root;
}

ModuleInstance& ModuleInstance::root() {
  ModuleInstance* root = this;
  while (root->parent_) root = root->parent_;
  return *root;
}

void report_module_cycle(std::vector<const ModuleConfig*> cycle, Diagnostics& diag) {
  if (cycle.empty()) return;
  auto first = std::min_element(cycle.begin(), cycle.end(),
                                [](const ModuleConfig* a, const ModuleConfig* b) { return a->directory < b->directory; });
  std::rotate(cycle.begin(), first, cycle.end());
  std::string text;
  for (const ModuleConfig* c : cycle) text += c->directory + " -> ";
  text += cycle.front()->directory;
  for (const auto& call : cycle.back()->calls) {
    if (!call.local || call.directory != cycle.front()->directory) continue;
    diag.error("Module cycle; local modules call each other in a cycle: " + text +
                   ". Terraform cannot load such a configuration, and stance does not evaluate it.",
               call.file->path, call.block->range.start);
    return;
  }
}

bool ModuleInstance::enters_cycle(const std::string& directory) {
  std::vector<const ModuleConfig*> chain;  // this module, its caller, ... up to the called one
  for (const ModuleInstance* m = this; m; m = m->parent_) {
    chain.push_back(&m->config_);
    if (m->config_.directory == directory) {
      std::reverse(chain.begin(), chain.end());
      report_module_cycle(std::move(chain), diag_);
      return true;
    }
  }
  return false;
}

// As Terraform answers when it runs in the root module's directory: path.root is ".", path.module is
// relative to it ("modules/app"), path.cwd is that directory's absolute path.
std::string ModuleInstance::path(std::string_view which) const {
  namespace fs = std::filesystem;
  auto absolute = [](const std::string& dir) {
    std::error_code ec;
    std::string out = fs::absolute(dir.empty() ? "." : dir, ec).lexically_normal().string();
    while (out.size() > 1 && out.back() == '/') out.pop_back();
    return fs::path(out);
  };
  const fs::path root_dir = absolute(root().config_.directory);
  if (which == "root") return ".";
  if (which == "module") {
    const std::string relative = absolute(config_.directory).lexically_relative(root_dir).string();
    return relative.empty() ? "." : relative;
  }
  return root_dir.string();
}

Value ModuleInstance::variable(const std::string& name, const hcl::Expression& ref, Evaluator& ev) {
  if (auto it = variables_.find(name); it != variables_.end()) return it->second;
  if (!config_.variables.count(name)) {
    return ev.error(ref, "Reference to undeclared input variable; An input variable with the name \"" + name +
                             "\" has not been declared. This variable can be declared with a variable \"" + name +
                             "\" {} block.");
  }
  if (!variables_pending_.insert(name).second) return invalid_unknown("var." + name + " depends on itself");
  Value v = resolve_variable(name);
  variables_pending_.erase(name);
  variables_[name] = v;
  return v;
}

Value ModuleInstance::resolve_variable(const std::string& name) {
  const Declared& decl = config_.variables.at(name);
  const hcl::Block& block = *decl.block;
  // Each argument is read from where it is written: the declaration or an override file (merged_attribute).
  auto constants = [&](const MergedAttribute& a) { return Evaluator(nullptr, diag_, a.file->path); };
  Scope none;
  TypeSpec type;
  if (MergedAttribute t = merged_attribute(decl, "type"); t.attribute) {
    Evaluator ev = constants(t);
    TypeParse parsed = parse_type(*t.attribute->value, [&](const hcl::Expression& e) { return ev.eval(e, none); });
    if (!parsed.error.empty()) diag_.error(parsed.error, t.file->path, parsed.error_pos);
    type = std::move(parsed.type);
  }
  bool nullable = true;
  if (MergedAttribute n = merged_attribute(decl, "nullable"); n.attribute) {
    Value nv = constants(n).eval(*n.attribute->value, none);
    if (nv.type == Type::Bool) nullable = nv.boolean;
  }
  const std::string declared_at = pos_text(decl.file->path, block.range.start);

  std::optional<Value> given;
  std::string origin;
  if (parent_) {
    if (const hcl::Attribute* a = find_attribute(call_->block->body, name)) {
      Evaluator ev(parent_, diag_, call_->file->path);
      given = ev.eval(*a->value, call_scope_);
      origin = "module." + call_->name + " argument " + name;
      const hcl::Pos at = a->value->range.start;
      root().module_arguments_.emplace(std::make_tuple(call_->file->path, at.line, at.column), origin);
    }
  } else if (auto it = root_inputs_.find(name); it != root_inputs_.end()) {
    const RawVariable& raw = it->second;
    origin = raw.origin;
    if (!raw.is_text) {
      given = raw.value;
    } else if (type.kind == TypeSpec::Kind::String || type.kind == TypeSpec::Kind::Number ||
               type.kind == TypeSpec::Kind::Bool || type.kind == TypeSpec::Kind::Any) {
      given = Value::of_string(raw.text);
    } else {
      given = parse_value_text(raw.text, raw.origin, diag_);
    }
  }
  if (given && given->is_null() && !nullable) given.reset();

  auto converted = [&](const Value& v, const std::string& from) -> Value {
    Conversion c = convert(v, type);
    if (c.value) return *c.value;
    const std::string message = "Invalid value for input variable; The given value is not suitable for var." + name +
                                " declared at " + declared_at + ": " + c.error + ".";
    if (!v.file.empty()) {
      diag_.error(message, v.file, v.range.start);
    } else {
      diag_.error(message + " (from " + from + ")", decl.file->path, block.range.start);
    }
    return invalid_unknown(message);
  };
  if (given) return converted(*given, origin);
  if (MergedAttribute d = merged_attribute(decl, "default"); d.attribute) {
    return converted(constants(d).eval(*d.attribute->value, none), "its default");
  }
  if (parent_) {
    diag_.error("Missing required argument; The argument \"" + name + "\" is required, but no definition was found.",
                call_->file->path, call_->block->range.start);
    return invalid_unknown("var." + name + " is required by module " + call_->name + " but not set");
  }
  return Value::unknown("var." + name + " has no value (no default; set it with --var, --var-file, a .tfvars file "
                        "or TF_VAR_" + name + ")");
}

Value ModuleInstance::local(const std::string& name, const hcl::Expression& ref, Evaluator& ev) {
  if (auto it = locals_.find(name); it != locals_.end()) return it->second;
  auto decl = config_.locals.find(name);
  if (decl == config_.locals.end()) {
    return ev.error(ref, "Reference to undeclared local value; A local value with the name \"" + name +
                             "\" has not been declared.");
  }
  // A cycle was reported when the module was loaded (check_local_cycles); here it only stops the recursion.
  if (!locals_pending_.insert(name).second) return invalid_unknown("local." + name + " depends on itself");
  Evaluator local_ev = evaluator(decl->second.file);
  Value v = local_ev.eval(*decl->second.attribute->value, Scope{});
  locals_pending_.erase(name);
  locals_[name] = v;
  return v;
}

Value ModuleInstance::output(const std::string& name) {
  if (auto it = outputs_.find(name); it != outputs_.end()) return it->second;
  auto decl = config_.outputs.find(name);
  if (decl == config_.outputs.end()) return Value{};
  if (!outputs_pending_.insert(name).second) return invalid_unknown("output " + name + " depends on itself");
  Value v;
  if (MergedAttribute a = merged_attribute(decl->second, "value"); a.attribute) {
    Evaluator ev = evaluator(a.file);
    v = ev.eval(*a.attribute->value, Scope{});
  }
  outputs_pending_.erase(name);
  outputs_[name] = v;
  return v;
}

Value ModuleInstance::outputs_object() {
  std::vector<std::pair<std::string, Value>> entries;
  for (const auto& [name, decl] : config_.outputs) entries.emplace_back(name, output(name));
  return Value::map(std::move(entries));
}

ModuleInstance::ResolvedCall ModuleInstance::resolve(const ModuleCall& call) {
  ResolvedCall out;
  if (call.local) {
    out.directory = call.directory;
    out.config = loader_.get(call.directory);
    if (!out.config) {
      diag_.error("Unreadable module directory; The directory " + call.directory + " does not exist or cannot be "
                  "read.", call.file->path, call.block->range.start);
    }
    return out;
  }
  // The address without instance keys, as the manifest's key: the same warning for every instance.
  std::string address = "module.";
  for (const char c : child_key(call)) address += c == '.' ? std::string(".module.") : std::string(1, c);
  const std::string source = call.source.empty() ? "a source that is not a literal string" : "\"" + call.source + "\"";
  const ModuleManifest& manifest = *root().manifest_;
  const std::string& root_dir = root().config_.directory;
  const InstalledModule* installed = manifest.find(child_key(call));
  std::string why;
  if (installed && !installed->refused.empty()) {
    why = manifest.path() + " lists it, but " + installed->refused + ", so stance does not read it";
  } else if (installed) {
    out.directory = installed->directory;
    out.config = loader_.get(installed->directory);
    if (out.config) {
      if (!call.source.empty() && !installed->source.empty() && !same_module_source(call.source, installed->source)) {
        diag_.warning(address + " comes from " + source + ", but " + manifest.path() + " installed it from \"" +
                          installed->source + "\": stance reads the installed copy, which may be out of date "
                          "(run `terraform init` in " + root_dir + ")",
                      call.file->path, call.block->range.start);
      }
      return out;
    }
    why = manifest.path() + " lists it in " + installed->directory + ", which does not exist or cannot be read";
  } else if (manifest.present() && manifest.problem().empty()) {
    why = manifest.path() + " does not list it";
  } else if (manifest.present()) {
    why = manifest.path() + " cannot be read";
  }  // else: no manifest at all (said once for all such roots by warn_missing_modules())
  out.missing = source;
  loader_.missing_module(call.file->path, call.block->range.start, address + " comes from " + source, root_dir, why);
  return out;
}

ModuleInstance::CallInstances& ModuleInstance::instances_of(const ModuleCall& call) {
  auto found = calls_.find(call.name);
  if (found != calls_.end()) return found->second;
  CallInstances result;
  const ModuleConfig* child = nullptr;
  if (!calls_pending_.insert(call.name).second) {
    result.unknown = invalid_unknown("module." + call.name + " depends on itself");
    return calls_[call.name] = std::move(result);
  }
  if (depth_ + 1 >= kMaxModuleDepth) {
    diag_.error("Module call nesting too deep; module " + call.name + " is nested more than stance's limit of " +
                    std::to_string(kMaxModuleDepth) + " levels deep.",
                call.file->path, call.block->range.start);
  } else {
    ResolvedCall resolved = resolve(call);
    child = resolved.config;
    result.missing = std::move(resolved.missing);
    if (child && enters_cycle(resolved.directory)) child = nullptr;  // reported; the call has no instances
  }
  Evaluator ev = evaluator(call.file);
  Expansion expansion = expand(call.block->body, ev, Scope{}, "module." + call.name);
  result.mode = expansion.mode;
  result.unknown = expansion.unknown;
  if (child && !expansion.unknown) {
    std::size_t& made = root().module_instances_;
    made += expansion.instances.size();
    if (made > limits::kMaxModuleInstances) {
      diag_.error("Too many module instances; module." + call.name + " would make more than stance's limit of " +
                      std::to_string(limits::kMaxModuleInstances) + " module instances in one root module.",
                  call.file->path, call.block->range.start);
      child = nullptr;
      result.unknown = invalid_unknown("module." + call.name + " passes the limit of module instances");
    }
  }
  result.loaded = child != nullptr;
  if (child) {
    const std::string base = address_ + "module." + call.name;
    if (expansion.unknown) {
      Value u = *expansion.unknown;
      result.children.push_back(Child{u, std::unique_ptr<ModuleInstance>(new ModuleInstance(
                                             *child, loader_, diag_, this, &call, unknown_scope(expansion.mode, u),
                                             base + ".", child_key(call), u, depth_ + 1))});
    } else {
      for (auto& [key, value] : expansion.instances) {
        result.children.push_back(Child{
            key, std::unique_ptr<ModuleInstance>(new ModuleInstance(
                     *child, loader_, diag_, this, &call, instance_scope(expansion.mode, key, value),
                     base + instance_key(key, expansion.mode) + ".", child_key(call), existence_, depth_ + 1))});
      }
    }
    // Arguments the child does not declare: Terraform rejects them.
    for (const auto& a : call.block->body.attributes) {
      if (module_meta_argument(a.name) || child->variables.count(a.name)) continue;
      diag_.error("Unsupported argument; An argument named \"" + a.name + "\" is not expected here.",
                  call.file->path, a.name_range.start);
    }
  }
  calls_pending_.erase(call.name);
  return calls_[call.name] = std::move(result);
}

Value ModuleInstance::module_output(const std::string& call_name, const std::string& output_name,
                                    const hcl::Expression& ref, Evaluator& ev) {
  const ModuleCall& call = *find_call(call_name);
  Value result;
  {
    CallInstances& instances = instances_of(call);
    if (!instances.missing.empty()) {
      result = Value::unknown("module." + call_name + "." + output_name + " is an output of a module from " +
                              instances.missing + ", which stance does not read");
    } else if (!instances.loaded) {
      result = invalid_unknown("module." + call_name + " could not be read");
    } else if (instances.unknown) {
      result = *instances.unknown;
    } else if (instances.mode != Expansion::Mode::Single) {
      return ev.error(ref, "Unsupported attribute; module." + call_name + " is a " +
                               (instances.mode == Expansion::Mode::Count ? "list" : "map") +
                               " of module instances; use module." + call_name + "[...]." + output_name);
    } else if (!instances.children.front().instance->config_.outputs.count(output_name)) {
      return ev.error(ref, "Unsupported attribute; This object does not have an attribute named \"" + output_name +
                               "\".");
    } else {
      return instances.children.front().instance->output(output_name);
    }
  }
  result.at(ref.range, ev.file());
  return result;
}

Value ModuleInstance::module_object(const std::string& call_name, const hcl::Expression& ref, Evaluator& ev) {
  const ModuleCall& call = *find_call(call_name);
  Value result;
  {
    CallInstances& instances = instances_of(call);
    if (!instances.missing.empty()) {
      result = Value::unknown("the outputs of module." + call_name + " (from " + instances.missing +
                              ") are not read by stance");
    } else if (!instances.loaded) {
      result = invalid_unknown("module." + call_name + " could not be read");
    } else if (instances.unknown) {
      result = *instances.unknown;
    } else if (instances.mode == Expansion::Mode::Single) {
      result = instances.children.front().instance->outputs_object();
    } else if (instances.mode == Expansion::Mode::Count) {
      std::vector<Value> items;
      for (auto& c : instances.children) items.push_back(c.instance->outputs_object());
      result = Value::list(std::move(items));
    } else {
      std::vector<std::pair<std::string, Value>> entries;
      for (auto& c : instances.children) entries.emplace_back(c.key.string, c.instance->outputs_object());
      result = Value::map(std::move(entries));
    }
  }
  result.at(ref.range, ev.file());
  return result;
}

void ModuleInstance::collect_resources(std::string_view type, std::vector<ResourceInstance>& out) {
  visit_resources(type, [&](ResourceInstance& r) { out.push_back(std::move(r)); });
}

void ModuleInstance::visit_resources(std::string_view type, const std::function<void(ResourceInstance&)>& visit) {
  const std::string& root_module = root().config_.directory;
  for (const auto& decl : config_.resources) {
    if (decl.type != type) continue;
    const std::string base = address_ + decl.type + "." + decl.name;
    const std::shared_ptr<const hcl::Block> block = resource_block(decl);
    Evaluator ev = evaluator(decl.file);
    // count / for_each from the last override that sets either, else from the resource itself.
    Override counted{block.get(), decl.file};
    for (const auto& o : decl.overrides) {
      if (find_attribute(o.block->body, "count") || find_attribute(o.block->body, "for_each")) counted = o;
    }
    Evaluator count_ev = evaluator(counted.file);
    Expansion expansion = expand(counted.block->body, count_ev, Scope{}, decl.type + "." + decl.name);
    // The body as Terraform merges it: the resource, then each override file's block over it.
    auto body = [&](const Scope& scope) {
      EvalBlock merged = evaluate_block(*block, ev, scope, true);
      for (const auto& o : decl.overrides) {
        Evaluator override_ev = evaluator(o.file);
        merge_override(merged, evaluate_block(*o.block, override_ev, scope, true));
      }
      return merged;
    };
    if (expansion.unknown) {
      ResourceInstance r;
      r.address = base;
      r.decl = &decl;
      r.root_module = root_module;
      r.root = &root();
      r.body = body(unknown_scope(expansion.mode, *expansion.unknown));
      r.existence_unknown = expansion.unknown;
      visit(r);
      continue;
    }
    std::size_t& total = *root().scan_instances_;
    if (total + expansion.instances.size() > limits::kMaxInstancesPerScan) {
      diag_.error("Too many instances; " + base + " would make more than stance's limit of " +
                      std::to_string(limits::kMaxInstancesPerScan) + " resource instances in one scan.",
                  decl.file->path, block->range.start);
      continue;
    }
    total += expansion.instances.size();
    for (const auto& [key, value] : expansion.instances) {
      ResourceInstance r;
      r.address = base + instance_key(key, expansion.mode);
      r.decl = &decl;
      r.root_module = root_module;
      r.root = &root();
      r.body = body(instance_scope(expansion.mode, key, value));
      r.existence_unknown = existence_;
      visit(r);
    }
  }
  for (const auto& call : config_.calls) {
    CallInstances& instances = instances_of(call);
    for (auto& child : instances.children) child.instance->visit_resources(type, visit);
  }
}

}  // namespace stance::terraform
