#include "fix/tf_sites.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sources/terraform/hcl/parser.hpp"

namespace stance::fix {

namespace fs = std::filesystem;

void FileTexts::add(const std::string& path, const std::string& text) {
  if (files_.count(path)) return;
  Entry& e = files_[path];
  e.text = text;
  e.index = std::make_unique<PosIndex>(e.text);
}

const std::string* FileTexts::text(const std::string& path) {
  auto it = files_.find(path);
  if (it == files_.end()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    std::ostringstream s;
    s << in.rdbuf();
    add(path, s.str());
    it = files_.find(path);
  }
  return &it->second.text;
}

const PosIndex* FileTexts::index(const std::string& path) {
  return text(path) ? files_.at(path).index.get() : nullptr;
}

const hcl::Expression& unwrapped(const hcl::Expression& e) {
  if (e.kind == hcl::ExprKind::Parens && e.source) return unwrapped(*e.source);
  if (e.kind == hcl::ExprKind::Template && !e.flag && e.parts.size() == 1 &&
      e.parts[0].kind == hcl::PartKind::Interpolation && e.parts[0].expr) {
    return unwrapped(*e.parts[0].expr);
  }
  return e;
}

bool is_literal(const hcl::Expression& e) {
  if (e.kind == hcl::ExprKind::Bool) return true;
  if (e.kind != hcl::ExprKind::Template || e.flag) return false;
  for (const auto& p : e.parts) {
    if (p.kind != hcl::PartKind::Literal) return false;
  }
  return true;
}

std::vector<std::string> traversal(const hcl::Expression& e) {
  if (e.kind == hcl::ExprKind::Variable) return {e.text};
  if (e.kind != hcl::ExprKind::GetAttr || !e.source) return {};
  std::vector<std::string> out = traversal(*e.source);
  if (!out.empty()) out.push_back(e.text);
  return out;
}

const hcl::ObjectItem* object_item(const hcl::Expression& object, const std::string& key) {
  if (object.kind != hcl::ExprKind::Object) return nullptr;
  for (const auto& item : object.object_items) {
    if (!item.key || !item.value) continue;
    const hcl::Expression& k = item.key_is_identifier ? *item.key : unwrapped(*item.key);
    const bool match = item.key_is_identifier ? k.text == key
                                              : k.kind == hcl::ExprKind::Template && is_literal(k) &&
                                                    k.parts.size() == 1 && k.parts[0].text == key;
    if (match) return &item;
  }
  return nullptr;
}

int references(const terraform::ModuleConfig& config, const std::string& root, const std::string& name) {
  int n = 0;
  for (const auto& file : config.files) {
    walk_body(file->body, [&](const hcl::Expression& e) {
      if (e.kind == hcl::ExprKind::GetAttr && e.text == name && e.source &&
          e.source->kind == hcl::ExprKind::Variable && e.source->text == root) {
        ++n;
      }
    });
  }
  return n;
}

namespace {

std::string place(const std::string& file, hcl::Pos pos) {
  return fs::path(file).filename().string() + ":" + std::to_string(pos.line);
}

bool is_bool_word(const std::string& wanted) { return wanted == "true" || wanted == "false"; }

std::string times(int n) { return n == 2 ? "twice" : std::to_string(n) + " times"; }

}  // namespace

ValueChange SiteFinder::literal(const hcl::Attribute& attr, const hcl::Expression& value,
                                const std::string& file, const std::string& wanted,
                                const std::string& where) {
  ValueChange out;
  const PosIndex* index = texts_.index(file);
  if (!index) {
    out.why_not = "cannot read " + file;
    return out;
  }
  const std::size_t begin = index->offset(value.range.start), end = index->offset(value.range.end);
  const std::string replacement = value.kind == hcl::ExprKind::Template ? "\"" + wanted + "\"" : wanted;
  out.edits.push_back({file, {begin, end - begin, replacement}});
  out.said = attr.name + " " + std::string(index->slice(value.range)) + " -> " + replacement;
  if (!where.empty()) out.said += ", changed at " + where;
  return out;
}

ValueChange SiteFinder::at_resource(const hcl::Attribute& attr, const std::string& file,
                                    const std::string& wanted, const std::string& why) {
  ValueChange out;
  const PosIndex* index = texts_.index(file);
  if (!index) {
    out.why_not = "cannot read " + file;
    return out;
  }
  const std::size_t begin = index->offset(attr.value->range.start),
                    end = index->offset(attr.value->range.end);
  const std::string replacement = is_bool_word(wanted) ? wanted : "\"" + wanted + "\"";
  out.edits.push_back({file, {begin, end - begin, replacement}});
  out.said = attr.name + " " + std::string(index->slice(attr.value->range)) + " -> " + replacement +
             ", at the resource: " + why;
  return out;
}

ValueChange SiteFinder::variable(const hcl::Attribute& attr, const std::string& file, const std::string& name,
                                 const std::string& wanted) {
  const terraform::ModuleConfig& config = *module_.config;
  const int refs = references(config, "var", name);
  if (module_.root_inputs) {
    auto input = module_.root_inputs->find(name);
    if (input != module_.root_inputs->end()) {
      const std::string& origin = input->second.origin;
      const fs::path path(origin);
      const std::string file_name = path.filename().string();
      const bool editable = !input->second.is_text &&
                            (file_name == "terraform.tfvars" || file_name.ends_with(".auto.tfvars")) &&
                            terraform::join_module_path(path.parent_path().string(), ".") == config.directory;
      if (!editable) {
        return at_resource(attr, file, wanted,
                           "var." + name + " is set by " + origin + ", which stance does not edit");
      }
      if (refs > 1) {
        return at_resource(attr, file, wanted,
                           "var." + name + " is used " + times(refs) + " in the module, so its value in " +
                               file_name + " is left alone");
      }
      const std::string* text = texts_.text(origin);
      if (!text) return at_resource(attr, file, wanted, "cannot read " + origin);
      const hcl::ParseResult parsed = hcl::parse(*text, origin);
      if (parsed.ok()) {
        for (const auto& a : parsed.body->attributes) {
          if (a.name != name || !a.value) continue;
          const hcl::Expression& value = unwrapped(*a.value);
          if (!is_literal(value)) break;
          return literal(attr, value, origin, wanted,
                         "var." + name + " in " + place(origin, a.name_range.start));
        }
      }
      return at_resource(attr, file, wanted, "var." + name + " is not a literal in " + file_name);
    }
  }
  // Planned on its own, an instance made by one module call gets the argument that call passes: the
  // module's text, which the other callers share, stays as it is.
  if (instance_ && instance_->call && refs <= 1) {
    const terraform::ModuleCall& call = *instance_->call;
    for (const auto& a : call.block->body.attributes) {
      if (a.name != name || !a.value) continue;
      const hcl::Expression& value = unwrapped(*a.value);
      if (!is_literal(value)) break;
      ValueChange out = literal(attr, value, call.file->path, wanted,
                                "the argument " + name + " of module \"" + call.name + "\" (" +
                                    place(call.file->path, a.name_range.start) +
                                    ") that makes this instance; the module, which other callers may share, is "
                                    "left as it is");
      out.per_instance = !out.edits.empty();
      return out;
    }
  }
  for (const terraform::ModuleCall* call : module_.callers) {
    for (const auto& a : call->block->body.attributes) {
      if (a.name == name) {
        return at_resource(attr, file, wanted,
                           "var." + name + " is passed in by module \"" + call->name + "\" (" +
                               place(call->file->path, a.name_range.start) + ")");
      }
    }
  }
  auto decl = config.variables.find(name);
  if (decl == config.variables.end())
    return at_resource(attr, file, wanted, "var." + name + " is not declared");
  for (const auto& a : decl->second.block->body.attributes) {
    if (a.name != "default" || !a.value) continue;
    const hcl::Expression& value = unwrapped(*a.value);
    if (!is_literal(value))
      return at_resource(attr, file, wanted, "the default of var." + name + " is computed");
    if (refs > 1) {
      return at_resource(
          attr, file, wanted,
          "var." + name + " is used " + times(refs) + " in the module, so its default is left alone");
    }
    return literal(attr, value, decl->second.file->path, wanted,
                   "the default of variable \"" + name + "\" (" +
                       place(decl->second.file->path, a.name_range.start) + ")");
  }
  return at_resource(attr, file, wanted, "var." + name + " has no default");
}

ValueChange SiteFinder::local(const hcl::Attribute& attr, const std::string& file, const std::string& name,
                              const std::string& wanted) {
  const terraform::ModuleConfig& config = *module_.config;
  auto decl = config.locals.find(name);
  if (decl == config.locals.end() || !decl->second.attribute->value) {
    return at_resource(attr, file, wanted, "local." + name + " is not defined");
  }
  const hcl::Expression& value = unwrapped(*decl->second.attribute->value);
  if (!is_literal(value)) return at_resource(attr, file, wanted, "local." + name + " is computed");
  const int refs = references(config, "local", name);
  if (refs > 1) {
    return at_resource(attr, file, wanted,
                       "local." + name + " is used " + times(refs) + " in the module, so it is left alone");
  }
  return literal(attr, value, decl->second.file->path, wanted,
                 "local \"" + name + "\" (" +
                     place(decl->second.file->path, decl->second.attribute->name_range.start) + ")");
}

ValueChange SiteFinder::each_entry(const hcl::Attribute& attr, const std::vector<std::string>& path,
                                   const std::string& wanted) {
  ValueChange out;
  if (!instance_ || !instance_->for_each || !instance_->resource || instance_->each_key.empty()) return out;
  const terraform::ModuleConfig& config = *module_.config;
  const std::vector<std::string> source = traversal(unwrapped(*instance_->for_each));
  if (source.size() != 2 || (source[0] != "local" && source[0] != "var")) return out;
  const std::string& name = source[1];
  // The map is read only by this for_each, and the entry's value only by this attribute.
  if (references(config, source[0], name) != 1) return out;
  int reads = 0;
  std::vector<std::string> whole = {"each", "value"};
  whole.insert(whole.end(), path.begin(), path.end());
  walk_body(instance_->resource->body, [&](const hcl::Expression& e) {
    if (traversal(e) == whole) ++reads;
  });
  if (reads != 1) return out;
  const hcl::Expression* map = nullptr;
  std::string map_file, what;
  if (source[0] == "local") {
    auto decl = config.locals.find(name);
    if (decl == config.locals.end() || !decl->second.attribute->value) return out;
    map = &unwrapped(*decl->second.attribute->value);
    map_file = decl->second.file->path;
    what = "local \"" + name + "\"";
  } else {
    if (module_.root_inputs && module_.root_inputs->count(name)) return out;  // set by tfvars or -var
    for (const terraform::ModuleCall* call : module_.callers) {
      for (const auto& a : call->block->body.attributes) {
        if (a.name == name) return out;  // passed in by a caller
      }
    }
    auto decl = config.variables.find(name);
    if (decl == config.variables.end()) return out;
    for (const auto& a : decl->second.block->body.attributes) {
      if (a.name == "default" && a.value) map = &unwrapped(*a.value);
    }
    map_file = decl->second.file->path;
    what = "the default of variable \"" + name + "\"";
  }
  if (!map) return out;
  const hcl::ObjectItem* entry = object_item(*map, instance_->each_key);
  if (!entry) return out;
  const hcl::Expression* value = &unwrapped(*entry->value);
  for (const auto& key : path) {
    const hcl::ObjectItem* item = object_item(*value, key);
    if (!item) return out;
    value = &unwrapped(*item->value);
  }
  if (!is_literal(*value)) return out;
  out = literal(attr, *value, map_file, wanted,
                "the entry \"" + instance_->each_key + "\" of " + what + " (" +
                    place(map_file, entry->key->range.start) + ")");
  out.per_instance = !out.edits.empty();
  return out;
}

ValueChange SiteFinder::change(const hcl::Attribute& attr, const std::string& file, const std::string& wanted,
                               const std::set<std::string>& instance_names) {
  ValueChange out;
  if (!attr.value) return out;
  const hcl::Expression& value = unwrapped(*attr.value);
  std::string depends;
  walk_expression(value, [&](const hcl::Expression& e) {
    if (e.kind == hcl::ExprKind::Variable && instance_names.count(e.text) && depends.empty())
      depends = e.text;
  });
  const PosIndex* index = texts_.index(file);
  const std::string written = index ? std::string(index->slice(attr.value->range)) : attr.name;
  if (depends == "each") {
    const std::vector<std::string> path = traversal(value);
    if (path.size() > 2 && path[0] == "each" && path[1] == "value") {
      ValueChange entry = each_entry(attr, {path.begin() + 2, path.end()}, wanted);
      if (!entry.edits.empty()) return entry;
    }
  }
  if (!depends.empty()) {
    out.why_not = attr.name + " (" + place(file, attr.name_range.start) + ") is `" + written +
                  "`, which differs per instance or generated block (it reads " + depends +
                  "): change the values it reads by hand";
    return out;
  }
  if (is_literal(value)) return literal(attr, value, file, wanted, "");
  if (value.kind == hcl::ExprKind::GetAttr && value.source && value.source->kind == hcl::ExprKind::Variable) {
    if (value.source->text == "var") return variable(attr, file, value.text, wanted);
    if (value.source->text == "local") return local(attr, file, value.text, wanted);
  }
  return at_resource(attr, file, wanted, "the value is computed there");
}

}  // namespace stance::fix
