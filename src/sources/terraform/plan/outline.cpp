#include "sources/terraform/plan/outline.hpp"

#include <simdjson.h>

#include <map>
#include <set>

namespace stance::sources::terraform::plan {

namespace {

namespace dom = simdjson::dom;
namespace od = simdjson::ondemand;

// Which resources of a module (planned_values.root_module and its child_modules) are trails, by index.
struct ModuleWants {
  std::set<std::size_t> resources;
  std::map<std::size_t, ModuleWants> children;
  bool empty() const { return resources.empty() && children.empty(); }
};

bool is_trail(dom::element resource) {
  std::string_view type;
  return resource.is_object() && !resource["type"].get(type) && type == kTrailType;
}

// Terraform limits module nesting only by the configuration; stance stops at a depth no configuration
// reaches, so a hostile file cannot exhaust the stack.
constexpr int kMaxModuleDepth = 64;

ModuleWants wanted_in_module(dom::element module, int depth) {
  ModuleWants wants;
  if (depth > kMaxModuleDepth || !module.is_object()) return wants;
  dom::array resources;
  if (!module["resources"].get(resources)) {
    std::size_t i = 0;
    for (dom::element r : resources) {
      if (is_trail(r)) wants.resources.insert(i);
      ++i;
    }
  }
  dom::array children;
  if (!module["child_modules"].get(children)) {
    std::size_t i = 0;
    for (dom::element child : children) {
      ModuleWants w = wanted_in_module(child, depth + 1);
      if (!w.empty()) wants.children.emplace(i, std::move(w));
      ++i;
    }
  }
  return wants;
}

// The length of the JSON object at the start of `text` (already validated), up to its closing brace.
std::size_t object_length(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if ((c == '}' || c == ']') && --depth == 0) {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The second pass: the raw text of the wanted elements, in file order.
class FragmentCollector {
 public:
  FragmentCollector(std::string_view text, const char* padded_base) : text_(text), base_(padded_base) {}

  bool add(od::object object, std::vector<Fragment>& out) {
    std::string_view raw;
    if (object.raw_json().get(raw)) return false;
    // simdjson's extent runs on to a later token (past the enclosing ']' for an array's last element); the
    // fragment ends at the brace that closes the object.
    const std::size_t length = object_length(raw);
    if (length == std::string_view::npos) return false;
    raw = raw.substr(0, length);
    const auto offset = static_cast<std::size_t>(raw.data() - base_);
    if (offset > text_.size() || raw.size() > text_.size() - offset) return false;
    out.push_back(Fragment{offset, text_.substr(offset, raw.size())});
    return true;
  }

  bool elements(od::array array, const std::set<std::size_t>& wanted, std::vector<Fragment>& out) {
    std::size_t i = 0;
    for (auto element : array) {
      if (wanted.count(i)) {
        od::object object;
        if (element.get_object().get(object) || !add(object, out)) return false;
      }
      ++i;
    }
    return true;
  }

  bool module(od::object module, const ModuleWants& wants, std::vector<Fragment>& out) {
    for (auto field : module) {
      std::string_view key;
      if (field.unescaped_key().get(key)) return false;
      od::array array;
      if (key == "resources" && !wants.resources.empty()) {
        if (field.value().get_array().get(array) || !elements(array, wants.resources, out)) return false;
      } else if (key == "child_modules" && !wants.children.empty()) {
        if (field.value().get_array().get(array)) return false;
        std::size_t i = 0;
        for (auto child : array) {
          auto it = wants.children.find(i++);
          if (it == wants.children.end()) continue;
          od::object object;
          if (child.get_object().get(object) || !this->module(object, it->second, out)) return false;
        }
      }
    }
    return true;
  }

 private:
  std::string_view text_;
  const char* base_;
};

}  // namespace

FastOutline outline_of_text(std::string_view text) {
  FastOutline result;
  const simdjson::padded_string padded(text.data(), text.size());

  dom::parser dom_parser;
  dom::element root;
  if (auto error = dom_parser.parse(padded).get(root)) {
    result.error = simdjson::error_message(error);
    return result;
  }
  Outline<Fragment> outline;
  dom::object top;
  if (root.get(top)) {
    result.outline = std::move(outline);
    return result;
  }
  outline.is_object = true;
  std::string_view s;
  bool flag = false;
  outline.has_format_version = !top["format_version"].get(s);
  if (outline.has_format_version) outline.format_version = std::string(s);
  outline.has_terraform_version = !top["terraform_version"].get(s);
  if (outline.has_terraform_version) outline.terraform_version = std::string(s);
  outline.has_planned_values = top["planned_values"].is_object();
  outline.has_resource_changes = top["resource_changes"].is_array();
  outline.has_state_values = top["values"].is_object();
  outline.errored = !top["errored"].get(flag) && flag;

  // Which trails to take: resource_changes when the plan has them (they say what is unknown and what is
  // destroyed), otherwise planned_values.
  std::set<std::size_t> changes;
  ModuleWants planned;
  if (outline.has_resource_changes) {
    outline.origin = ResourceOrigin::ResourceChange;
    std::size_t i = 0;
    dom::array list;
    if (top["resource_changes"].get(list)) return result;  // checked above: it is an array
    for (dom::element change : list) {
      if (is_trail(change)) changes.insert(i);
      ++i;
    }
  } else if (outline.has_planned_values) {
    outline.origin = ResourceOrigin::PlannedValues;
    dom::element module;
    if (!top["planned_values"]["root_module"].get(module)) planned = wanted_in_module(module, 0);
  }

  if (!changes.empty() || !planned.empty()) {
    od::parser od_parser;
    od::document doc;
    od::object od_top;
    FragmentCollector collect(text, padded.data());
    bool ok = !od_parser.iterate(padded).get(doc) && !doc.get_object().get(od_top);
    // The first key of that name is the one read, as in the DOM lookups above.
    for (auto field : od_top) {
      if (!ok) break;
      std::string_view key;
      if (field.unescaped_key().get(key)) {
        ok = false;
        break;
      }
      if (key == "resource_changes" && !changes.empty()) {
        od::array array;
        ok = !field.value().get_array().get(array) && collect.elements(array, changes, outline.trails);
        break;
      } else if (key == "planned_values" && !planned.empty()) {
        od::object values;
        ok = !field.value().get_object().get(values);
        for (auto inner : values) {
          if (!ok) break;
          std::string_view inner_key;
          if (inner.unescaped_key().get(inner_key)) {
            ok = false;
          } else if (inner_key == "root_module") {
            od::object module;
            ok = !inner.value().get_object().get(module) && collect.module(module, planned, outline.trails);
            break;
          }
        }
        break;
      }
    }
    if (!ok) {
      result.error = "the trail resources could not be located in the validated document";
      return result;
    }
  }
  result.outline = std::move(outline);
  return result;
}

namespace {

bool tree_is_trail(const doc::Node* resource) {
  const doc::Node* type = resource ? resource->get("type") : nullptr;
  return type && type->is_scalar() && type->quoted() && type->text == kTrailType;
}

void tree_module(const doc::Node* module, int depth, std::vector<const doc::Node*>& out) {
  if (!module || !module->is_mapping() || depth > kMaxModuleDepth) return;
  if (const doc::Node* resources = module->get("resources"); resources && resources->is_sequence()) {
    for (const auto& r : resources->items) {
      if (tree_is_trail(r.get())) out.push_back(r.get());
    }
  }
  if (const doc::Node* children = module->get("child_modules"); children && children->is_sequence()) {
    for (const auto& child : children->items) tree_module(child.get(), depth + 1, out);
  }
}

bool json_string(const doc::Node* node, std::string& out) {
  if (!node || !node->is_scalar() || !node->quoted()) return false;
  out = node->text;
  return true;
}

}  // namespace

Outline<const doc::Node*> outline_of_tree(const doc::Node& root) {
  Outline<const doc::Node*> outline;
  if (!root.is_mapping()) return outline;
  outline.is_object = true;
  outline.has_format_version = json_string(root.get("format_version"), outline.format_version);
  outline.has_terraform_version = json_string(root.get("terraform_version"), outline.terraform_version);
  const doc::Node* planned = root.get("planned_values");
  const doc::Node* changes = root.get("resource_changes");
  const doc::Node* values = root.get("values");
  const doc::Node* errored = root.get("errored");
  outline.has_planned_values = planned && planned->is_mapping();
  outline.has_resource_changes = changes && changes->is_sequence();
  outline.has_state_values = values && values->is_mapping();
  outline.errored = errored && errored->is_scalar() && !errored->quoted() && errored->text == "true";
  if (outline.has_resource_changes) {
    outline.origin = ResourceOrigin::ResourceChange;
    for (const auto& c : changes->items) {
      if (tree_is_trail(c.get())) outline.trails.push_back(c.get());
    }
  } else if (outline.has_planned_values) {
    outline.origin = ResourceOrigin::PlannedValues;
    tree_module(planned->get("root_module"), 0, outline.trails);
  }
  return outline;
}

}  // namespace stance::sources::terraform::plan
