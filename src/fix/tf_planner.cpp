// plan_terraform_fixes: for each aws_cloudtrail failing the selected rules, the rules' fix intents
// (fix_intents.hpp) realised as one edit: the schema attributes set where their value is written (tf_sites.hpp)
// or inserted into the resource block (tf_field_edits.hpp), and when a rule asks for selectors recording all
// management events, the selector candidates from the smallest up; each applied in memory, re-scanned with the
// Terraform source and re-checked; the first that verifies is the plan.
//
// Selector candidates, smallest first (the same choices as for CloudFormation, see cfn_planner.cpp):
//   event_selector           in one block: include_management_events false -> true and/or read_write_type
//                            -> "All" (not the read_write_type of a block with data_resource: that would
//                            widen its data events too); else a new block { read_write_type = "All",
//                            include_management_events = true } after the last one (AWS allows 5)
//   advanced_event_selector  in a management selector: remove the field_selector blocks that narrow it;
//                            else a new selector "Management events" (eventCategory = Management), within
//                            AWS's 500 condition values
// Where a value comes from a variable, a .tfvars file or a local, tf_sites.hpp decides where to change it.
// The instances of one resource block (count, for_each, a module called several times) share its text: they
// are fixed together, and only when every one of them fails and needs the same edit.
#include <algorithm>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <set>
#include <variant>

#include "engine/evaluator.hpp"
#include "fix/fix_intents.hpp"
#include "fix/snippet.hpp"
#include "fix/template_fix.hpp"
#include "fix/tf_field_edits.hpp"
#include "fix/tf_layout.hpp"
#include "fix/tf_sites.hpp"
#include "fix/verify.hpp"
#include "fix/write_boundary.hpp"
#include "sources/terraform/adapter.hpp"
#include "sources/terraform/eval/module_instance.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::fix {

namespace tf = stance::terraform;
namespace fs = std::filesystem;

namespace {

constexpr std::size_t kMaxBasicSelectors = 5;
constexpr std::size_t kMaxAdvancedValues = 500;

struct Candidate {
  std::vector<FileEdit> edits;
  std::string reason;
  bool per_instance = false;  // every edit is in text only the instance planned on its own reads
  bool operator==(const Candidate& o) const { return edits == o.edits && reason == o.reason; }
};

std::string normal(const std::string& dir) { return tf::join_module_path(dir.empty() ? "." : dir, "."); }

// The modules as the Terraform source reads them, evaluated again here to reach the syntax behind each
// trail instance (the scan itself only keeps the model).
struct Modules {
  tf::Diagnostics diag;
  tf::ModuleLoader loader{diag};
  std::vector<const tf::ModuleConfig*> roots;
  std::map<std::string, std::map<std::string, tf::RawVariable>> inputs;  // root directory -> its inputs
  std::vector<const tf::ModuleConfig*> all;                              // roots and their local children
  std::vector<tf::ResourceInstance> instances;
  std::vector<tf::ResourceInstance> related;  // the buckets and keys, whose bucket and key rules' fixes set them

  void load(const std::vector<std::string>& directories, const tf::Options& options) {
    std::set<std::string> children;
    for (const auto& dir : directories) {
      const tf::ModuleConfig* config = loader.get(normal(dir));
      if (!config) continue;
      roots.push_back(config);
      for (const auto& call : config->calls) {
        if (call.local && call.directory != config->directory) children.insert(call.directory);
      }
    }
    std::erase_if(roots, [&](const tf::ModuleConfig* c) { return children.count(c->directory) > 0; });
    std::set<std::string> seen;
    for (const tf::ModuleConfig* root : roots) reach(root, seen);
    for (const tf::ModuleConfig* root : roots) {
      auto& in = inputs[root->directory] =
          tf::collect_root_variables(root->directory, options.variables, diag);
      tf::ModuleInstance instance(*root, loader, diag, in);
      instance.collect_resources(tf::kTrailResourceType, instances);
      instance.collect_resources("aws_s3_bucket", related);
      instance.collect_resources("aws_kms_key", related);
    }
  }

  void reach(const tf::ModuleConfig* config, std::set<std::string>& seen) {
    if (!config || !seen.insert(config->directory).second) return;
    all.push_back(config);
    for (const auto& call : config->calls) {
      if (call.local) reach(loader.get(call.directory), seen);
    }
  }

  const tf::ModuleConfig* owner(const tf::SourceFile* file) const {
    for (const tf::ModuleConfig* c : all) {
      for (const auto& f : c->files) {
        if (f.get() == file) return c;
      }
    }
    return nullptr;
  }

  ModuleView view(const tf::ModuleConfig* config) const {
    ModuleView v;
    v.config = config;
    if (auto it = inputs.find(config->directory);
        it != inputs.end() && std::find(roots.begin(), roots.end(), config) != roots.end()) {
      v.root_inputs = &it->second;
    }
    for (const tf::ModuleConfig* c : all) {
      for (const auto& call : c->calls) {
        if (call.local && call.directory == config->directory) v.callers.push_back(&call);
      }
    }
    return v;
  }
};

// A selector block as written and the blocks evaluated from it (several for a dynamic block).
struct Written {
  const hcl::Block* block = nullptr;    // the block, or a dynamic block's content
  const hcl::Block* dynamic = nullptr;  // the dynamic block, if any
  std::set<std::string> instance_names;
  std::vector<const tf::EvalBlock*> evaluated;
  const hcl::Block& outer() const { return dynamic ? *dynamic : *block; }
};

const hcl::Attribute* find_attribute(const hcl::Body& body, std::string_view name) {
  for (const auto& a : body.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

std::vector<Written> written_blocks(const hcl::Body& body, const tf::EvalBlock& evaluated,
                                    const std::string& type, const std::set<std::string>& base_names) {
  std::vector<Written> out;
  for (const auto& b : body.blocks) {
    Written w;
    w.instance_names = base_names;
    if (b.type == type) {
      w.block = &b;
    } else if (b.type == "dynamic" && b.labels.size() == 1 && b.labels[0].value == type) {
      w.dynamic = &b;
      for (const auto& c : b.body.blocks) {
        if (c.type == "content") w.block = &c;
      }
      const hcl::Attribute* iterator = find_attribute(b.body, "iterator");
      w.instance_names.insert(iterator && iterator->value ? iterator->value->text : type);
      if (!w.block) continue;
    } else {
      continue;
    }
    if (auto it = evaluated.blocks.find(type); it != evaluated.blocks.end()) {
      for (const auto& e : it->second) {
        if (e.range == w.block->range) w.evaluated.push_back(&e);
      }
    }
    out.push_back(std::move(w));
  }
  return out;
}

std::optional<bool> known_bool(const tf::EvalBlock& b, const std::string& name) {
  const tf::EvalAttribute* a = b.attribute(name);
  if (!a || a->value.is_null() || a->value.is_unknown()) return std::nullopt;
  auto v = tf::to_bool_value(a->value);
  return v ? std::optional<bool>(v->boolean) : std::nullopt;
}

std::optional<std::string> known_string(const tf::EvalBlock& b, const std::string& name) {
  const tf::EvalAttribute* a = b.attribute(name);
  if (!a || a->value.is_null() || a->value.is_unknown()) return std::nullopt;
  auto v = tf::to_string_value(a->value);
  return v ? std::optional<std::string>(v->string) : std::nullopt;
}

std::vector<std::string> known_strings(const tf::EvalBlock& b, const std::string& name) {
  std::vector<std::string> out;
  const tf::EvalAttribute* a = b.attribute(name);
  if (!a || a->value.type != tf::Type::List) return out;
  for (const auto& item : a->value.items) {
    if (auto s = tf::to_string_value(item)) out.push_back(s->string);
  }
  return out;
}

// A new block in HCL, attributes aligned on `=` as terraform fmt writes them.
struct HclBlock {
  std::string type;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<HclBlock> blocks;
};

std::string render_hcl(const HclBlock& b, std::size_t indent, std::size_t unit) {
  const std::string pad(indent, ' '), inner(indent + unit, ' ');
  std::string out = pad + b.type + " {\n";
  std::size_t longest = 0;
  for (const auto& [name, value] : b.attributes) longest = std::max(longest, name.size());
  for (const auto& [name, value] : b.attributes) {
    out += inner + name + std::string(longest - name.size(), ' ') + " = " + value + "\n";
  }
  for (const auto& child : b.blocks) out += render_hcl(child, indent + unit, unit);
  return out + pad + "}\n";
}

class Planner {
 public:
  Planner(FileTexts& texts, const ModuleView& view, const tf::ResourceDecl& decl,
          const InstanceSites* instance = nullptr)
      : texts_(texts), view_(view), decl_(decl), file_(decl.file->path), instance_(instance),
        sites_(view, texts, instance) {}

  std::vector<Candidate> candidates(const tf::ResourceInstance& instance, std::string& why_none);
  // The edits setting the schema fields of `intents` on the resource block. A field that cannot be set
  // drops the rules that want it from `intents`, with the reason.
  Candidate field_edits(TrailIntents& intents);
  // The edits making the settings of a bucket's or key's `intents` (rules/rule.hpp ResourceSetting): an
  // attribute set where its value is written or inserted into the block; a companion resource
  // (aws_s3_bucket_public_access_block) joined to the bucket by reference or by its name `bucket_name`
  // completed, or added after the bucket's block. A setting that cannot be made drops its rules.
  Candidate setting_edits(TrailIntents& intents, const std::string& bucket_name);

 private:
  // The resource of `type` in this module whose `bucket` is this bucket (aws_s3_bucket.NAME.* or its name).
  const tf::ResourceDecl* companion(std::string_view type, const std::string& bucket_name);
  // Sets or inserts `members` in `block` (of `file`); false with `why` when one cannot be.
  bool set_attributes(const hcl::Block& block, const std::string& file, const std::vector<rules::FieldEdit>& members,
                      Candidate& c, std::string& why);
  bool json() const { return file_.ends_with(".tf.json"); }
  const PosIndex& index() { return *texts_.index(file_); }
  std::string line_of(const hcl::Block& b) const { return "line " + std::to_string(b.range.start.line); }

  std::vector<Candidate> basic(const tf::ResourceInstance& instance, std::string& why_none);
  std::vector<Candidate> advanced(const tf::ResourceInstance& instance, std::string& why_none);
  // Edits adding a block of `type` after `last` (the last selector block as written).
  std::optional<std::vector<FileEdit>> add_block(const hcl::Block& last, const HclBlock& hcl,
                                                 const Snippet& json);
  std::optional<FileEdit> remove_block(const std::vector<const hcl::Block*>& siblings, std::size_t i);

  // A dynamic block iterating a module argument that this instance's call writes as a literal list.
  struct ArgumentList {
    const tf::ModuleCall* call = nullptr;
    const hcl::Attribute* argument = nullptr;  // in the call
    const hcl::Expression* list = nullptr;     // its value, a tuple
    std::string iterator;                      // the dynamic block's iterator
  };
  std::optional<ArgumentList> argument_list(const Written& w);
  std::string argument_place(const ArgumentList& list);
  // Appends `object` (rendered by `render(indent, unit)`) to the list in the caller.
  std::optional<FileEdit> append_to_argument(const ArgumentList& list,
                                             const std::function<std::string(std::size_t, std::size_t)>& render);
  void basic_from_argument(const Written& w, std::size_t total, std::vector<Candidate>& out,
                           std::vector<std::string>& notes);
  void advanced_from_argument(const Written& w, const std::string& name, std::vector<Candidate>& out);

  FileTexts& texts_;
  const ModuleView& view_;
  const tf::ResourceDecl& decl_;
  std::string file_;
  const InstanceSites* instance_;
  SiteFinder sites_;
};

std::optional<std::vector<FileEdit>> Planner::add_block(const hcl::Block& last, const HclBlock& hcl,
                                                        const Snippet& json_item) {
  const PosIndex& ix = index();
  const std::string_view text = ix.text();
  if (!json()) {
    const std::size_t start = ix.offset(last.range.start);
    if (!ix.first_on_line(start)) return std::nullopt;
    const std::size_t indent = ix.indentation(start);
    std::size_t unit = 2;
    std::optional<hcl::Pos> inner;
    for (const auto& a : last.body.attributes) {
      if (!inner || a.name_range.start.line < inner->line) inner = a.name_range.start;
    }
    for (const auto& b : last.body.blocks) {
      if (!inner || b.range.start.line < inner->line) inner = b.range.start;
    }
    if (inner && inner->line != last.range.start.line) {
      const std::size_t col = ix.indentation(ix.offset(*inner));
      if (col > indent) unit = col - indent;
    }
    // A blank line before the last block: the new one is set off the same way.
    bool blank_before = false;
    const std::size_t line = ix.line_start(start);
    if (line > 0) {
      const std::string_view above = ix.line_of(line - 1);
      blank_before = above.find_first_not_of(" \t\r") == std::string_view::npos;
    }
    const std::size_t at = ix.line_end(ix.offset(last.range.end));
    std::string rendered = render_hcl(hcl, indent, unit);
    rendered.pop_back();  // the newline after it is the one already there
    return std::vector<FileEdit>{{file_, {at, 0, std::string(blank_before ? "\n\n" : "\n") + rendered}}};
  }
  // .tf.json: "type": {...} becomes "type": [{...}, {new}]; "type": [..., {...}] gets {new} appended.
  const std::size_t object_begin = ix.offset(last.body.range.start);
  const std::size_t object_end = ix.offset(last.body.range.end);
  if (object_end == 0 || object_begin >= text.size() || text[object_begin] != '{' ||
      text[object_end - 1] != '}') {
    return std::nullopt;
  }
  std::size_t colon = text.find(':', ix.offset(last.type_range.end));
  if (colon == std::string_view::npos) return std::nullopt;
  std::size_t value = text.find_first_not_of(" \t\r\n", colon + 1);
  if (value == std::string_view::npos) return std::nullopt;
  JsonLayout layout;
  // Objects of plain values written on one line (`{ "field": "x", "equals": ["y"] }`): new ones are too.
  for (std::size_t at = object_begin + 1; at < object_end - 1;) {
    const std::size_t end = std::min(ix.line_end(at), object_end - 1);
    const std::string_view line = text.substr(at, end - at);
    const std::size_t brace = line.find('{');
    if (brace != std::string_view::npos && line.find('}', brace) != std::string_view::npos)
      layout.inline_leaf_objects = true;
    at = end + 1;
  }
  const std::size_t close_indent = ix.indentation(object_end - 1);
  if (!last.body.attributes.empty()) {
    const std::size_t member = ix.indentation(ix.offset(last.body.attributes.front().name_range.start));
    if (member > close_indent) layout.unit = member - close_indent;
  }
  const std::string rendered = render_json_pretty(json_item, close_indent, layout);
  if (text[value] == '[') {
    const std::string separator =
        ix.first_on_line(object_begin) ? ",\n" + std::string(ix.indentation(object_begin), ' ') : ", ";
    return std::vector<FileEdit>{{file_, {object_end, 0, separator + rendered}}};
  }
  if (value != object_begin) return std::nullopt;
  return std::vector<FileEdit>{{file_, {object_begin, 0, "["}},
                               {file_, {object_end, 0, ", " + rendered + "]"}}};
}

std::optional<FileEdit> Planner::remove_block(const std::vector<const hcl::Block*>& siblings, std::size_t i) {
  const PosIndex& ix = index();
  const hcl::Block& b = *siblings[i];
  if (json()) {
    // One object of a JSON array: with the comma before it (or after it, for the first).
    if (siblings.size() < 2) return std::nullopt;
    const std::size_t begin = ix.offset(b.body.range.start), end = ix.offset(b.body.range.end);
    if (i > 0) {
      const std::size_t previous_end = ix.offset(siblings[i - 1]->body.range.end);
      return FileEdit{file_, {previous_end, end - previous_end, ""}};
    }
    const std::size_t next_begin = ix.offset(siblings[1]->body.range.start);
    return FileEdit{file_, {begin, next_begin - begin, ""}};
  }
  const std::size_t start = ix.offset(b.range.start);
  const std::size_t end = ix.offset(b.range.end);
  if (!ix.first_on_line(start)) return std::nullopt;
  const std::size_t line_end = ix.line_end(end);
  if (ix.text().substr(end, line_end - end).find_first_not_of(" \t\r") != std::string_view::npos)
    return std::nullopt;
  std::size_t begin = ix.line_start(start);
  const std::size_t column = start - begin;
  // Comment lines right above the block, at its indentation, describe it: they go with it.
  while (begin > 0) {
    const std::size_t above = ix.line_start(begin - 1);
    const std::string_view line = ix.text().substr(above, begin - 1 - above);
    const std::size_t first = line.find_first_not_of(' ');
    if (first != column || (line[first] != '#' && !line.substr(first).starts_with("//"))) break;
    begin = above;
  }
  const std::size_t stop = line_end < ix.text().size() ? line_end + 1 : line_end;
  // The blank line that set the block off from the one before goes too when nothing follows it in its body
  // (or another blank line does): no blank line is left before a closing brace, nor two in a row.
  if (begin > 0 && stop < ix.text().size()) {
    const std::string_view above = ix.line_of(begin - 1);
    const std::string_view below = ix.line_of(stop);
    const std::size_t below_first = below.find_first_not_of(" \t\r");
    const bool above_blank = above.find_first_not_of(" \t\r") == std::string_view::npos;
    if (above_blank && (below_first == std::string_view::npos || below[below_first] == '}')) {
      begin = ix.line_start(begin - 1);
    }
  }
  return FileEdit{file_, {begin, stop - begin, ""}};
}

// `try(it.value.key, ...)` and the like: the key of the iterator's value that `e` reads first.
std::string key_read(const hcl::Expression* e, const std::string& iterator) {
  std::string key;
  if (!e) return key;
  walk_expression(*e, [&](const hcl::Expression& x) {
    const std::vector<std::string> path = traversal(x);
    if (key.empty() && path.size() >= 3 && path[0] == iterator && path[1] == "value") key = path[2];
  });
  return key;
}

std::string iterator_of(const hcl::Block& dynamic) {
  const hcl::Attribute* iterator = find_attribute(dynamic.body, "iterator");
  if (iterator && iterator->value) return iterator->value->text;
  return dynamic.labels.empty() ? std::string() : dynamic.labels[0].value;
}

const hcl::Block* content_of(const hcl::Block& dynamic) {
  for (const auto& c : dynamic.body.blocks) {
    if (c.type == "content") return &c;
  }
  return nullptr;
}

// `name = value` lines as terraform fmt writes them: `=` aligned over consecutive one-line attributes.
std::string aligned(const std::vector<std::pair<std::string, std::string>>& attributes, const std::string& pad) {
  std::size_t longest = 0;
  for (const auto& [name, value] : attributes) longest = std::max(longest, name.size());
  std::string out;
  for (const auto& [name, value] : attributes)
    out += pad + name + std::string(longest - name.size(), ' ') + " = " + value + "\n";
  return out;
}

std::optional<Planner::ArgumentList> Planner::argument_list(const Written& w) {
  if (!instance_ || !instance_->call || !w.dynamic || json()) return std::nullopt;
  const hcl::Attribute* for_each = find_attribute(w.dynamic->body, "for_each");
  if (!for_each || !for_each->value) return std::nullopt;
  const std::vector<std::string> path = traversal(unwrapped(*for_each->value));
  // The variable is read by this for_each only: the argument decides these selectors and nothing else.
  if (path.size() != 2 || path[0] != "var" || references(*view_.config, "var", path[1]) != 1) return std::nullopt;
  const hcl::Attribute* argument = find_attribute(instance_->call->block->body, path[1]);
  if (!argument || !argument->value || instance_->call->file->path.ends_with(".json")) return std::nullopt;
  const hcl::Expression& list = unwrapped(*argument->value);
  if (list.kind != hcl::ExprKind::Tuple || list.items.empty()) return std::nullopt;
  return ArgumentList{instance_->call, argument, &list, iterator_of(*w.dynamic)};
}

std::string Planner::argument_place(const ArgumentList& list) {
  return "the argument " + list.argument->name + " of module \"" + list.call->name + "\" (" +
         fs::path(list.call->file->path).filename().string() + ":" +
         std::to_string(list.argument->name_range.start.line) + ")";
}

std::optional<FileEdit> Planner::append_to_argument(
    const ArgumentList& list, const std::function<std::string(std::size_t, std::size_t)>& render) {
  const std::string& file = list.call->file->path;
  const PosIndex* ix = texts_.index(file);
  if (!ix) return std::nullopt;
  const hcl::Expression& last = *list.list->items.back();
  const std::size_t start = ix->offset(last.range.start), end = ix->offset(last.range.end);
  if (!ix->first_on_line(start)) return std::nullopt;  // a list written on one line: left to a person
  const std::size_t indent = ix->indentation(start);
  std::size_t unit = 2;
  if (last.kind == hcl::ExprKind::Object && !last.object_items.empty() && last.object_items[0].key) {
    const std::size_t inner = ix->offset(last.object_items[0].key->range.start);
    if (ix->first_on_line(inner) && ix->indentation(inner) > indent) unit = ix->indentation(inner) - indent;
  }
  const std::string_view text = ix->text();
  const std::size_t next = text.find_first_not_of(" \t\r\n", end);
  if (next == std::string_view::npos) return std::nullopt;
  std::string object = render(indent, unit);
  object.pop_back();     // no newline after the closing brace
  object.erase(0, indent);  // the first line's indentation is written before it below
  if (text[next] == ',') return FileEdit{file, {next + 1, 0, "\n" + std::string(indent, ' ') + object + ","}};
  return FileEdit{file, {end, 0, ",\n" + std::string(indent, ' ') + object}};
}

void Planner::basic_from_argument(const Written& w, std::size_t total, std::vector<Candidate>& out,
                                  std::vector<std::string>& notes) {
  const auto list = argument_list(w);
  if (!list) return;
  const hcl::Block* content = w.block;
  const std::string rw_key = key_read(
      find_attribute(content->body, "read_write_type") ? find_attribute(content->body, "read_write_type")->value.get()
                                                       : nullptr,
      list->iterator);
  const hcl::Attribute* include = find_attribute(content->body, "include_management_events");
  const std::string include_key = key_read(include ? include->value.get() : nullptr, list->iterator);
  const std::string& file = list->call->file->path;
  const PosIndex* ix = texts_.index(file);
  if (!ix) return;
  // One generated block per list element, in order: an element's own value is changed where it is written.
  if (w.evaluated.size() == list->list->items.size()) {
    for (std::size_t j = 0; j < w.evaluated.size(); ++j) {
      const tf::EvalBlock& e = *w.evaluated[j];
      const hcl::Expression& element = unwrapped(*list->list->items[j]);
      Candidate c;
      c.per_instance = true;
      bool ok = true;
      auto set = [&](const std::string& key, const std::string& wanted) {
        const hcl::ObjectItem* item = key.empty() ? nullptr : object_item(element, key);
        const hcl::Expression* value = item ? &unwrapped(*item->value) : nullptr;
        if (!value || !is_literal(*value)) {
          ok = false;
          return;
        }
        const std::size_t b = ix->offset(value->range.start), en = ix->offset(value->range.end);
        const std::string replacement = value->kind == hcl::ExprKind::Template ? "\"" + wanted + "\"" : wanted;
        c.edits.push_back({file, {b, en - b, replacement}});
        c.reason += std::string(c.reason.empty() ? "" : "; ") + key + " " + std::string(ix->slice(value->range)) +
                    " -> " + replacement;
      };
      auto data = e.blocks.find("data_resource");
      const bool has_data = (data != e.blocks.end() && !data->second.empty()) || e.unknown_blocks.count("data_resource");
      if (known_bool(e, "include_management_events") == false) set(include_key, "true");
      const auto rwt = known_string(e, "read_write_type");
      if (rwt && *rwt != "All") {
        if (has_data) ok = false;
        else set(rw_key, "All");
      }
      if (!ok || c.edits.empty()) continue;
      c.reason = "in element " + std::to_string(j + 1) + " of " + argument_place(*list) + ", which the dynamic "
                 "event_selector (" + line_of(*w.dynamic) + ") generates a block from: " + c.reason +
                 "; the module, which other callers may share, is left as it is";
      out.push_back(std::move(c));
    }
  }
  if (rw_key.empty() || include_key.empty()) {
    notes.push_back("the dynamic event_selector (" + line_of(*w.dynamic) + ") reads " + argument_place(*list) +
                    ", but not read_write_type and include_management_events from its elements");
    return;
  }
  if (total >= kMaxBasicSelectors) return;
  auto edit = append_to_argument(*list, [&](std::size_t indent, std::size_t unit) {
    return std::string(indent, ' ') + "{\n" +
           aligned({{rw_key, "\"All\""}, {include_key, "true"}}, std::string(indent + unit, ' ')) +
           std::string(indent, ' ') + "}\n";
  });
  if (!edit) return;
  Candidate c;
  c.per_instance = true;
  c.edits.push_back(std::move(*edit));
  c.reason = "added an element { " + rw_key + " = \"All\", " + include_key + " = true } to " + argument_place(*list) +
             ", from which the dynamic event_selector (" + line_of(*w.dynamic) +
             ") generates a block recording all management events; the module, which other callers may share, "
             "is left as it is";
  out.push_back(std::move(c));
}

void Planner::advanced_from_argument(const Written& w, const std::string& name, std::vector<Candidate>& out) {
  const auto list = argument_list(w);
  if (!list) return;
  const hcl::Block* content = w.block;
  const hcl::Attribute* name_attr = find_attribute(content->body, "name");
  const std::string name_key = key_read(name_attr ? name_attr->value.get() : nullptr, list->iterator);
  const hcl::Block* fields = nullptr;
  for (const auto& b : content->body.blocks) {
    if (b.type == "dynamic" && b.labels.size() == 1 && b.labels[0].value == "field_selector") fields = &b;
  }
  if (!fields || !content_of(*fields)) return;
  const hcl::Attribute* fields_each = find_attribute(fields->body, "for_each");
  const std::string fields_key = key_read(fields_each ? fields_each->value.get() : nullptr, list->iterator);
  const std::string field_iterator = iterator_of(*fields);
  const hcl::Attribute* field = find_attribute(content_of(*fields)->body, "field");
  const hcl::Attribute* equals = find_attribute(content_of(*fields)->body, "equals");
  const std::string field_key = key_read(field ? field->value.get() : nullptr, field_iterator);
  const std::string equals_key = key_read(equals ? equals->value.get() : nullptr, field_iterator);
  if (fields_key.empty() || field_key.empty() || equals_key.empty()) return;
  auto edit = append_to_argument(*list, [&](std::size_t indent, std::size_t unit) {
    const std::string p0(indent, ' '), p1(indent + unit, ' '), p2(indent + 2 * unit, ' '),
        p3(indent + 3 * unit, ' ');
    std::string object = p0 + "{\n";
    if (!name_key.empty()) object += p1 + name_key + " = \"" + name + "\"\n";
    object += p1 + fields_key + " = [\n" + p2 + "{\n" +
              aligned({{field_key, "\"eventCategory\""}, {equals_key, "[\"Management\"]"}}, p3) + p2 + "}\n" + p1 +
              "]\n" + p0 + "}\n";
    return object;
  });
  if (!edit) return;
  Candidate c;
  c.per_instance = true;
  c.edits.push_back(std::move(*edit));
  c.reason = "added a selector \"" + name + "\" recording all management events (eventCategory = Management) to " +
             argument_place(*list) + ", from which the dynamic advanced_event_selector (" + line_of(*w.dynamic) +
             ") generates its blocks; the module, which other callers may share, is left as it is";
  out.push_back(std::move(c));
}

std::vector<Candidate> Planner::basic(const tf::ResourceInstance& instance, std::string& why_none) {
  std::vector<Candidate> out;
  const std::set<std::string> names = {"count", "each", "self"};
  const std::vector<Written> selectors =
      written_blocks(decl_.block->body, instance.body, "event_selector", names);
  std::vector<std::string> notes;
  std::size_t total = 0;
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    const Written& w = selectors[i];
    total += w.evaluated.size();
    if (w.evaluated.empty()) continue;
    const std::string label =
        w.dynamic ? "the dynamic event_selector (" + line_of(*w.dynamic) + ")"
                  : "event selector " + std::to_string(i + 1) + " (" + line_of(*w.block) + ")";
    bool include_false = false, narrowed = false, has_data = false;
    std::string rwt;
    for (const tf::EvalBlock* e : w.evaluated) {
      include_false = include_false || known_bool(*e, "include_management_events") == false;
      const auto v = known_string(*e, "read_write_type");
      if (v && *v != "All") narrowed = true, rwt = *v;
      auto data = e->blocks.find("data_resource");
      has_data = has_data || (data != e->blocks.end() && !data->second.empty()) ||
                 e->unknown_blocks.count("data_resource");
    }
    Candidate c;
    c.per_instance = true;
    bool ok = true;
    if (include_false) {
      const hcl::Attribute* a = find_attribute(w.block->body, "include_management_events");
      ValueChange change = a ? sites_.change(*a, file_, "true", w.instance_names) : ValueChange{};
      if (change.edits.empty()) {
        ok = false;
        notes.push_back(label + ": " +
                        (a ? change.why_not : "include_management_events is not written in it"));
      } else {
        c.edits.insert(c.edits.end(), change.edits.begin(), change.edits.end());
        c.per_instance = c.per_instance && change.per_instance;
        c.reason = change.said;
      }
    }
    if (narrowed) {
      const hcl::Attribute* a = find_attribute(w.block->body, "read_write_type");
      if (has_data) {
        ok = false;
        notes.push_back(label + " has data resources and read_write_type " + rwt +
                        ": widening it would also widen its data events");
      } else {
        ValueChange change = a ? sites_.change(*a, file_, "All", w.instance_names) : ValueChange{};
        if (change.edits.empty()) {
          ok = false;
          notes.push_back(label + ": " + (a ? change.why_not : "read_write_type is not written in it"));
        } else {
          c.edits.insert(c.edits.end(), change.edits.begin(), change.edits.end());
          c.per_instance = c.per_instance && change.per_instance;
          c.reason += (c.reason.empty() ? "" : "; ") + change.said;
        }
      }
    }
    if (!ok || c.edits.empty()) continue;
    c.reason = "in " + label + ": " + c.reason;
    if (w.dynamic) c.reason += " (in its content block, so for every block it generates)";
    if (has_data) c.reason += "; its data resources are kept";
    out.push_back(std::move(c));
  }
  for (const Written& w : selectors) basic_from_argument(w, total, out, notes);
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.edits.size() < b.edits.size(); });
  if (selectors.empty()) {
    why_none = "the trail's event_selector blocks are not written in its resource block";
    return out;
  }
  if (total >= kMaxBasicSelectors) {
    if (out.empty()) {
      why_none = "the trail already has " + std::to_string(total) +
                 " event selectors, the most AWS allows, and none can be widened safely";
      for (const auto& n : notes) why_none += "; " + n;
    }
    return out;
  }
  const HclBlock block{
      "event_selector", {{"read_write_type", "\"All\""}, {"include_management_events", "true"}}, {}};
  const Snippet item = Snippet::map(
      {{"read_write_type", Snippet::string("All")}, {"include_management_events", Snippet::boolean(true)}});
  if (auto edits = add_block(selectors.back().outer(), block, item)) {
    Candidate c;
    c.edits = std::move(*edits);
    c.reason =
        "added an event_selector block recording all management events (read_write_type = \"All\", "
        "include_management_events = true) after the existing " +
        std::to_string(selectors.size()) + ", which are kept as written";
    std::string why_add;
    for (const auto& n : notes) why_add += (why_add.empty() ? "" : "; ") + n;
    if (!why_add.empty()) c.reason += " (" + why_add + ")";
    out.push_back(std::move(c));
  } else if (out.empty()) {
    why_none = "cannot tell where to add an event_selector block after " + line_of(selectors.back().outer());
    for (const auto& n : notes) why_none += "; " + n;
  }
  return out;
}

std::vector<Candidate> Planner::advanced(const tf::ResourceInstance& instance, std::string& why_none) {
  std::vector<Candidate> out;
  const std::set<std::string> names = {"count", "each", "self"};
  const std::vector<Written> selectors =
      written_blocks(decl_.block->body, instance.body, "advanced_event_selector", names);
  std::size_t values = 0;
  std::vector<std::string> selector_names;
  for (std::size_t i = 0; i < selectors.size(); ++i) {
    const Written& w = selectors[i];
    for (const tf::EvalBlock* e : w.evaluated) {
      if (auto n = known_string(*e, "name")) selector_names.push_back(*n);
      auto fields = e->blocks.find("field_selector");
      if (fields == e->blocks.end()) continue;
      for (const auto& f : fields->second) {
        for (const char* op :
             {"equals", "not_equals", "starts_with", "not_starts_with", "ends_with", "not_ends_with"}) {
          values += known_strings(f, op).size();
        }
      }
    }
    // A management selector written as one block: widen it by removing the field selectors that narrow it.
    if (w.dynamic || w.evaluated.size() != 1) continue;
    const tf::EvalBlock& e = *w.evaluated.front();
    std::vector<const hcl::Block*> fields;
    for (const auto& b : w.block->body.blocks) {
      if (b.type == "field_selector") fields.push_back(&b);
      if (b.type == "dynamic") fields.clear(), fields.push_back(nullptr);
    }
    if (std::find(fields.begin(), fields.end(), nullptr) != fields.end()) continue;
    auto evaluated_fields = e.blocks.find("field_selector");
    if (evaluated_fields == e.blocks.end() || evaluated_fields->second.size() != fields.size()) continue;
    bool management = false;
    std::vector<std::size_t> limiting;
    std::string removed;
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const tf::EvalBlock& fe = evaluated_fields->second[f];
      const auto field = known_string(fe, "field");
      if (!field) {
        limiting.clear();
        management = false;
        break;
      }
      if (*field == "eventCategory") {
        const auto equals = known_strings(fe, "equals");
        management = management || std::find(equals.begin(), equals.end(), "Management") != equals.end();
        continue;
      }
      if (*field == "eventSource" && fe.attributes.size() == 2 && fe.attribute("not_equals")) {
        const auto ne = known_strings(fe, "not_equals");
        if (!ne.empty() && std::all_of(ne.begin(), ne.end(), [](const std::string& s) {
              return s == "kms.amazonaws.com" || s == "rdsdata.amazonaws.com";
            })) {
          continue;  // exclusions are kept (the rule allows them by default)
        }
      }
      limiting.push_back(f);
      removed += (removed.empty() ? "" : ", ") + *field + " (" + line_of(*fields[f]) + ")";
    }
    if (!management || limiting.empty()) continue;
    Candidate c;
    bool ok = true;
    for (std::size_t f : limiting) {
      if (auto edit = remove_block(fields, f)) {
        c.edits.push_back(std::move(*edit));
      } else {
        ok = false;
      }
    }
    if (!ok) continue;
    c.reason = "in advanced event selector " + std::to_string(i + 1) + " (" + line_of(*w.block) +
               "), which selects management events: removed the field_selector" +
               (limiting.size() > 1 ? "s" : "") + " on " + removed +
               " that limited it, so it records all management events, read and write";
    out.push_back(std::move(c));
  }
  std::string name = "Management events";
  if (std::find(selector_names.begin(), selector_names.end(), name) != selector_names.end()) {
    name = "All management events";
  }
  if (values + 1 <= kMaxAdvancedValues) {
    for (const Written& w : selectors) advanced_from_argument(w, name, out);
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Candidate& a, const Candidate& b) { return a.edits.size() < b.edits.size(); });
  if (selectors.empty()) {
    why_none = "the trail's advanced_event_selector blocks are not written in its resource block";
    return out;
  }
  if (values + 1 > kMaxAdvancedValues) {
    if (out.empty()) {
      why_none = "the advanced selectors already use " + std::to_string(values) +
                 " condition values, the most AWS allows is " + std::to_string(kMaxAdvancedValues);
    }
    return out;
  }
  const HclBlock block{
      "advanced_event_selector",
      {{"name", "\"" + name + "\""}},
      {HclBlock{"field_selector", {{"field", "\"eventCategory\""}, {"equals", "[\"Management\"]"}}, {}}}};
  const Snippet item = Snippet::map(
      {{"name", Snippet::string(name)},
       {"field_selector",
        Snippet::list({Snippet::map({{"field", Snippet::string("eventCategory")},
                                     {"equals", Snippet::list({Snippet::string("Management")})}})})}});
  if (auto edits = add_block(selectors.back().outer(), block, item)) {
    Candidate c;
    c.edits = std::move(*edits);
    c.reason = "added an advanced_event_selector \"" + name +
               "\" recording all management events (eventCategory = Management) after the existing " +
               std::to_string(selectors.size()) + ", which are kept as written";
    out.push_back(std::move(c));
  } else if (out.empty()) {
    why_none = "cannot tell where to add an advanced_event_selector block after " +
               line_of(selectors.back().outer());
  }
  return out;
}

std::vector<Candidate> Planner::candidates(const tf::ResourceInstance& instance, std::string& why_none) {
  if (!texts_.index(file_)) {
    why_none = "cannot read " + file_;
    return {};
  }
  // What this instance evaluated to decides first: a module with a dynamic block of each kind (one caller
  // passes basic selectors, another advanced ones) is planned for the kind this instance has.
  auto evaluated = [&](const char* type) {
    auto it = instance.body.blocks.find(type);
    return (it != instance.body.blocks.end() && !it->second.empty()) || instance.body.unknown_blocks.count(type) > 0;
  };
  if (evaluated("advanced_event_selector")) return advanced(instance, why_none);
  if (evaluated("event_selector")) return basic(instance, why_none);
  for (const auto& b : decl_.block->body.blocks) {
    const bool advanced =
        b.type == "advanced_event_selector" ||
        (b.type == "dynamic" && b.labels.size() == 1 && b.labels[0].value == "advanced_event_selector");
    if (advanced) return this->advanced(instance, why_none);
  }
  for (const auto& b : decl_.block->body.blocks) {
    if (b.type == "dynamic" && b.labels.size() == 1 && b.labels[0].value == "event_selector") {
      return basic(instance, why_none);
    }
  }
  why_none = "the trail has no selectors, and AWS's default selector already records all management events";
  return {};
}

Candidate Planner::field_edits(TrailIntents& intents) {
  Candidate out;
  const std::size_t fields_before = intents.edits.size();
  const PosIndex* ix = texts_.index(file_);
  std::vector<std::pair<std::string, std::string>> inserted;  // attribute, value as written
  std::vector<std::string> inserted_said;
  for (const FieldChange& change : std::vector<FieldChange>(intents.edits)) {
    const std::string name = terraform_name(change.field);
    std::string why;
    const hcl::Attribute* a = name.empty() ? nullptr : find_attribute(decl_.block->body, name);
    if (name.empty()) {
      why = "aws_cloudtrail has no attribute for " + change.field;
    } else if (!ix) {
      why = "cannot read " + file_;
    } else if (a && a->value) {
      const std::string wanted = change.is_string() ? terraform_string_content(change.text()) : change.text();
      const ValueChange v = sites_.change(*a, file_, wanted, {"count", "each", "self"});
      if (!v.edits.empty()) {
        out.edits.insert(out.edits.end(), v.edits.begin(), v.edits.end());
        out.reason += (out.reason.empty() ? "" : "; ") + v.said + for_rules(change.rule_ids);
        continue;
      }
      why = v.why_not + " (" + fs::path(file_).filename().string() + ":" + std::to_string(a->name_range.start.line) +
            ")";
    } else {
      const std::string value =
          change.is_string() ? "\"" + terraform_string_content(change.text()) + "\"" : change.text();
      inserted.emplace_back(name, value);
      inserted_said.push_back("added " + name + " = " + value + for_rules(change.rule_ids));
      continue;
    }
    for (const auto& rule : std::vector<std::string>(change.rule_ids)) intents.drop(rule, "no safe edit: " + why);
  }
  // A rule dropped above takes its other fields with it, which may already be in `out`: plan the rest again
  // (each of them could be set, so this settles).
  if (intents.edits.size() != fields_before) return field_edits(intents);
  if (inserted.empty()) return out;
  std::string why;
  if (auto edits = insert_attributes(*ix, file_, *decl_.block, inserted, json(), &why)) {
    out.edits.insert(out.edits.end(), edits->begin(), edits->end());
    for (const auto& said : inserted_said) out.reason += (out.reason.empty() ? "" : "; ") + said;
    return out;
  }
  for (const auto& [name, value] : inserted) {
    for (const FieldChange& change : std::vector<FieldChange>(intents.edits)) {
      if (terraform_name(change.field) != name) continue;
      for (const auto& rule : std::vector<std::string>(change.rule_ids))
        intents.drop(rule, "no safe edit: " + name + " is not written and " + why);
    }
  }
  return field_edits(intents);  // the fields that remain are all written: no insertion
}

namespace {

std::string hcl_value(const std::variant<bool, std::string>& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b ? "true" : "false";
  return "\"" + terraform_string_content(std::get<std::string>(v)) + "\"";
}

}  // namespace

const tf::ResourceDecl* Planner::companion(std::string_view type, const std::string& bucket_name) {
  for (const tf::ResourceDecl& r : view_.config->resources) {
    if (r.type != type || !r.block) continue;
    const hcl::Attribute* bucket = find_attribute(r.block->body, "bucket");
    const PosIndex* ix = texts_.index(r.file->path);
    if (!bucket || !bucket->value || !ix) continue;
    std::string written(ix->slice(bucket->value->range));
    std::erase_if(written, [](char ch) { return ch == ' ' || ch == '\t'; });
    if (written.starts_with("aws_s3_bucket." + decl_.name + ".") ||
        (!bucket_name.empty() && written == "\"" + terraform_string_content(bucket_name) + "\"")) {
      return &r;
    }
  }
  return nullptr;
}

bool Planner::set_attributes(const hcl::Block& block, const std::string& file,
                             const std::vector<rules::FieldEdit>& members, Candidate& c, std::string& why) {
  const PosIndex* ix = texts_.index(file);
  if (!ix) {
    why = "cannot read " + file;
    return false;
  }
  SiteFinder sites(view_, texts_, instance_);
  std::vector<std::pair<std::string, std::string>> inserted;
  for (const rules::FieldEdit& m : members) {
    const std::string name(m.field);
    const hcl::Attribute* a = find_attribute(block.body, name);
    if (!a || !a->value) {
      inserted.emplace_back(name, hcl_value(m.value));
      continue;
    }
    const bool is_string = std::holds_alternative<std::string>(m.value);
    const std::string wanted = is_string ? terraform_string_content(std::get<std::string>(m.value))
                                         : std::string(std::get<bool>(m.value) ? "true" : "false");
    if (is_literal(unwrapped(*a->value))) {
      std::string written(ix->slice(unwrapped(*a->value).range));
      if (written == wanted || written == "\"" + wanted + "\"") continue;  // already so
    }
    const ValueChange v = sites.change(*a, file, wanted, {"count", "each", "self"});
    if (v.edits.empty()) {
      why = v.why_not + " (" + fs::path(file).filename().string() + ":" + std::to_string(a->name_range.start.line) + ")";
      return false;
    }
    c.edits.insert(c.edits.end(), v.edits.begin(), v.edits.end());
    c.reason += (c.reason.empty() ? "" : "; ") + v.said;
  }
  if (inserted.empty()) return true;
  auto edits = insert_attributes(*ix, file, block, inserted, file.ends_with(".tf.json"), &why);
  if (!edits) return false;
  c.edits.insert(c.edits.end(), edits->begin(), edits->end());
  for (const auto& [name, value] : inserted) c.reason += std::string(c.reason.empty() ? "" : "; ") + "added " + name + " = " + value;
  return true;
}

Candidate Planner::setting_edits(TrailIntents& intents, const std::string& bucket_name) {
  Candidate out;
  const std::size_t before = intents.settings.size();
  for (const SettingChange& change : std::vector<SettingChange>(intents.settings)) {
    const rules::ResourceSetting& setting = change.setting;
    Candidate c;
    std::string why;
    bool ok = false;
    if (!setting.terraform_attribute.empty()) {
      ok = set_attributes(*decl_.block, file_, {{setting.terraform_attribute, setting.value}}, c, why);
    } else if (!setting.terraform_companion.empty()) {
      if (const tf::ResourceDecl* existing = companion(setting.terraform_companion, bucket_name)) {
        ok = set_attributes(*existing->block, existing->file->path, setting.terraform_members, c, why);
        if (ok) c.reason = "in " + std::string(setting.terraform_companion) + "." + existing->name + ": " + c.reason;
      } else if (json()) {
        why = "adding a " + std::string(setting.terraform_companion) + " resource to a .tf.json file is not supported";
      } else if (std::any_of(view_.config->resources.begin(), view_.config->resources.end(), [&](const auto& r) {
                   return r.type == setting.terraform_companion && r.name == decl_.name;
                 })) {
        why = std::string(setting.terraform_companion) + "." + decl_.name + " exists but is not joined to this bucket";
      } else {
        // After the bucket's block, in terraform fmt's layout: `bucket` first, then the settings aligned.
        std::size_t longest = 0;
        for (const auto& m : setting.terraform_members) longest = std::max(longest, m.field.size());
        std::string block = "\n\nresource \"" + std::string(setting.terraform_companion) + "\" \"" + decl_.name +
                            "\" {\n  bucket = aws_s3_bucket." + decl_.name + ".id\n\n";
        for (const auto& m : setting.terraform_members) {
          block += "  " + std::string(m.field) + std::string(longest - m.field.size(), ' ') + " = " +
                   hcl_value(m.value) + "\n";
        }
        block += "}";
        const std::size_t end = index().offset(decl_.block->range.end);
        c.edits.push_back({file_, {end, 0, block}});
        c.reason = "added resource " + std::string(setting.terraform_companion) + "." + decl_.name +
                   " after the bucket";
        ok = true;
      }
    } else {
      why = "Terraform has no attribute for it";
    }
    if (ok) {
      out.edits.insert(out.edits.end(), c.edits.begin(), c.edits.end());
      if (!c.reason.empty()) out.reason += (out.reason.empty() ? "" : "; ") + c.reason + for_rules(change.rule_ids);
      continue;
    }
    for (const auto& rule : std::vector<std::string>(change.rule_ids)) intents.drop(rule, "no safe edit: " + why);
  }
  if (intents.settings.size() != before) return setting_edits(intents, bucket_name);
  return out;
}

// `module.a["x"].aws_cloudtrail.t[0]` -> `module.a.aws_cloudtrail.t`: the resource block all instances share.
std::string without_keys(const std::string& address) {
  std::string out;
  bool in_key = false, in_string = false;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const char c = address[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (in_key) {
      if (c == '"')
        in_string = true;
      else if (c == ']')
        in_key = false;
    } else if (c == '[') {
      in_key = true;
    } else {
      out += c;
    }
  }
  return out;
}

bool overlaps(const std::vector<FileEdit>& a, const std::vector<FileEdit>& b) {
  for (const auto& x : a) {
    for (const auto& y : b) {
      if (x.file != y.file) continue;
      const std::size_t x_end = x.edit.offset + x.edit.length, y_end = y.edit.offset + y.edit.length;
      if (x.edit.offset < y_end && y.edit.offset < x_end) return true;
      if (x.edit.offset == y.edit.offset) return true;  // two insertions at one place: order unclear
    }
  }
  return false;
}

// Two edits of one candidate touching the same text (a field edit and a selector edit): not applicable together.
bool overlapping(const std::vector<FileEdit>& edits) {
  for (std::size_t i = 0; i < edits.size(); ++i) {
    for (std::size_t j = i + 1; j < edits.size(); ++j) {
      if (overlaps({edits[i]}, {edits[j]})) return true;
    }
  }
  return false;
}

Baseline scan_modules(const std::vector<std::string>& directories, const FixOptions& options,
                      const kb::KnowledgeBase& kb, const std::map<std::string, std::string>& overlay) {
  tf::Options tf_options = options.terraform;
  tf_options.file_texts = overlay;
  tf_options.related_resources = tf_options.related_resources || judges_related_resources(options);
  return baseline_of(tf::scan_directories(directories, tf_options), options, kb);
}

TemplateFix skipped(const std::string& file, const std::string& id, std::string reason,
                    std::vector<std::string> rule_ids) {
  return TemplateFix{file, id, "skipped", std::move(reason), {}, {}, {}, std::move(rule_ids)};
}


// `aws_cloudtrail.t["a"]` -> a; empty when the address does not end with a string key (or one with escapes).
std::string each_key_of(const std::string& address) {
  if (!address.ends_with("\"]")) return {};
  const std::size_t open = address.rfind("[\"");
  if (open == std::string::npos) return {};
  std::string key = address.substr(open + 2, address.size() - open - 4);
  if (key.find_first_of("\\\"") != std::string::npos) return {};
  return key;
}

// What only `instance` reads: the root's module call that makes it and nothing else, its for_each entry.
InstanceSites instance_sites(const tf::ResourceInstance& instance, const Modules& modules,
                             const tf::ModuleConfig& owner) {
  InstanceSites sites;
  const hcl::Block& block = *instance.decl->block;
  if (const hcl::Attribute* for_each = find_attribute(block.body, "for_each"); for_each && for_each->value) {
    sites.each_key = each_key_of(instance.address);
    if (!sites.each_key.empty()) sites.for_each = for_each->value.get(), sites.resource = &block;
  }
  // module.NAME.aws_cloudtrail.x: made by the call NAME of the root, which has no count or for_each.
  const std::string& a = instance.address;
  if (!a.starts_with("module.")) return sites;
  const std::size_t dot = a.find('.', 7);
  if (dot == std::string::npos) return sites;
  const std::string name = a.substr(7, dot - 7);
  if (name.find('[') != std::string::npos || a.compare(dot + 1, 7, "module.") == 0) return sites;
  for (const tf::ModuleConfig* root : modules.roots) {
    if (root->directory != instance.root_module) continue;
    for (const auto& call : root->calls) {
      if (call.name == name && call.local && call.directory == owner.directory && call.block &&
          !find_attribute(call.block->body, "count") && !find_attribute(call.block->body, "for_each")) {
        sites.call = &call;
      }
    }
  }
  return sites;
}

}  // namespace

std::vector<TemplateFix> plan_terraform_fixes(const std::vector<std::string>& directories,
                                              const FixOptions& options, const kb::KnowledgeBase& kb,
                                              std::vector<engine::ScanError>* read_errors) {
  std::vector<TemplateFix> out;
  const Baseline baseline = scan_modules(directories, options, kb, {});
  if (read_errors) read_errors->insert(read_errors->end(), baseline.read_errors.begin(), baseline.read_errors.end());
  if (!baseline.loaded) return out;
  Modules modules;
  modules.load(directories, options.terraform);
  FileTexts texts;
  for (const tf::ModuleConfig* c : modules.all) {
    for (const auto& f : c->files) texts.add(f->path, f->text);
  }

  // By address and root module: roots that call one module share its addresses.
  const std::vector<TrailIntents> all_intents = trail_intents(baseline, options, kb, "the configuration");
  std::map<std::pair<std::string, std::string>, const TrailIntents*> intents_of;
  for (const auto& t : all_intents) intents_of[{t.id, t.root_module}] = &t;
  // The instances of each resource block, in the order they were read.
  std::vector<std::pair<const tf::ResourceDecl*, std::vector<const tf::ResourceInstance*>>> groups;
  for (const auto& instance : modules.instances) {
    auto it =
        std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == instance.decl; });
    if (it == groups.end()) {
      groups.push_back({instance.decl, {}});
      it = groups.end() - 1;
    }
    it->second.push_back(&instance);
  }

  std::vector<FileEdit> planned;
  std::optional<WriteBoundary> boundary;
  if (!options.paths.empty()) boundary.emplace(options.paths);

  // The first candidate that stays inside the paths, overlaps no planned edit and verifies (each of `fixed`
  // passes, nothing else changes): its entries, one per file. None: empty, and `failure` says why.
  auto first_verified = [&](std::vector<Candidate>& candidates, const std::vector<std::string>& rule_ids,
                            const std::vector<std::string>& keys, const std::string& id, const std::string& prefix,
                            std::string& failure) -> std::vector<TemplateFix> {
    const std::vector<FixedFinding> fixed = fixed_findings(rule_ids, keys);
    for (auto& c : candidates) {
      std::string refused;
      for (const auto& e : c.edits) {
        if (!boundary || !refused.empty()) continue;
        if (std::string why = boundary->refusal(e.file); !why.empty()) {
          refused = "it would edit " + e.file + ", which " + why +
                    " (a module there may be shared by callers stance was not given)";
        }
      }
      if (!refused.empty()) {
        if (failure.empty()) failure = refused;
        continue;
      }
      if (overlaps(c.edits, planned)) {
        if (failure.empty()) failure = "it overlaps the edit planned for another trail";
        continue;
      }
      std::map<std::string, std::vector<TextEdit>> by_file;
      for (const auto& e : c.edits) by_file[e.file].push_back(e.edit);
      std::map<std::string, std::string> overlay;
      std::string problem;
      for (auto& [path, edits] : by_file) {
        std::sort(edits.begin(), edits.end(),
                  [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
        const std::string& before = *texts.text(path);
        overlay[path] = apply_edits(before, edits);
        if (path.ends_with(".tf") && is_canonical_layout(before)) {
          const std::string layout = canonical_layout_problem(overlay[path]);
          if (!layout.empty() && problem.empty()) {
            problem = "the edited " + fs::path(path).filename().string() +
                      " would no longer be in terraform fmt's layout (" + layout + ")";
          }
        }
      }
      if (problem.empty()) problem = compare(baseline, scan_modules(directories, options, kb, overlay), fixed);
      if (!problem.empty()) {
        if (failure.empty()) failure = problem;
        continue;
      }
      std::vector<TemplateFix> entries;
      for (auto& [path, edits] : by_file) {
        entries.push_back(TemplateFix{path, id, "planned", prefix + c.reason, edits, *texts.text(path), {}, rule_ids});
      }
      planned.insert(planned.end(), c.edits.begin(), c.edits.end());
      return entries;
    }
    return {};
  };

  for (const auto& [decl, instances] : groups) {
    const std::string& file = decl->file->path;
    std::vector<const tf::ResourceInstance*> failing;
    std::vector<std::string> other;  // instances that are not fixed: "address: pass"
    // Instances from several roots (envs/prod and envs/staging calling one module) are named with theirs.
    bool several_roots = false;
    for (const tf::ResourceInstance* i : instances) several_roots |= i->root_module != instances.front()->root_module;
    auto name = [several_roots](const tf::ResourceInstance* i) {
      return several_roots ? resource_key(i->address, i->root_module) : i->address;
    };
    auto intents = [&](const tf::ResourceInstance* i) { return intents_of.at({i->address, i->root_module}); };
    std::vector<std::string> group_rules;  // every rule that fails an instance of the block, fixable or not
    for (const tf::ResourceInstance* instance : instances) {
      auto it = intents_of.find({instance->address, instance->root_module});
      if (it == intents_of.end()) {
        other.push_back(name(instance) + ": pass");
        continue;
      }
      const TrailIntents& t = *it->second;
      for (const auto& skip : t.skipped) out.push_back(skipped(file, t.id, skip.reason, {skip.rule_id}));
      for (const auto& r : t.rule_ids) {
        if (std::find(group_rules.begin(), group_rules.end(), r) == group_rules.end()) group_rules.push_back(r);
      }
      if (t.automatic()) {
        failing.push_back(instance);
      } else {
        other.push_back(name(instance) + ": " + t.skipped.front().status);
      }
    }
    if (failing.empty()) continue;
    const tf::ModuleConfig* config = modules.owner(decl->file);
    if (!config) {
      out.push_back(skipped(file, instances.size() == 1 ? instances.front()->address
                                                        : without_keys(failing.front()->address),
                            "no safe edit: cannot tell which module declares the trail", group_rules));
      continue;
    }
    const ModuleView view = modules.view(config);

    // First each failing instance on its own, where what decides its verdict is text only it reads: the
    // argument of the module call that makes it, or its entry of a literal for_each map. The text the
    // instances share (the module, the resource block) is not touched, so the others stay as they are.
    std::vector<const tf::ResourceInstance*> remaining;
    for (const tf::ResourceInstance* instance : failing) {
      bool fixed = false;
      try {
        const InstanceSites sites = instance_sites(*instance, modules, *config);
        // Only a selector change can be made where one instance alone reads: the schema attributes are set
        // in the resource block, which every instance shares.
        const TrailIntents& t = *intents(instance);
        const bool selectors_only = t.edits.empty() && !t.selector_rule.empty();
        if (selectors_only && (sites.call || !sites.each_key.empty())) {
          Planner planner(texts, view, *decl, &sites);
          std::string why_none, failure;
          std::vector<Candidate> candidates = planner.candidates(*instance, why_none);
          std::erase_if(candidates, [](const Candidate& c) { return !c.per_instance; });
          std::vector<TemplateFix> entries =
              first_verified(candidates, t.rule_ids, {resource_key(instance->address, instance->root_module)},
                             instance->address, "", failure);
          fixed = !entries.empty();
          for (auto& e : entries) out.push_back(std::move(e));
        }
      } catch (const std::exception&) {
        fixed = false;  // planned again below with the instances together, which reports the error
      }
      if (fixed) {
        other.push_back(name(instance) + ": fixed where only it reads");
      } else {
        remaining.push_back(instance);
      }
    }
    failing = std::move(remaining);
    if (failing.empty()) continue;

    const std::string id =
        instances.size() == 1 ? instances.front()->address : without_keys(failing.front()->address);
    std::string listed;
    for (const auto* i : failing) listed += (listed.empty() ? "" : ", ") + name(i);
    if (!other.empty()) {
      std::string others;
      for (const auto& o : other) others += (others.empty() ? "" : ", ") + o;
      out.push_back(skipped(file, id,
                            "no safe edit: the instances of this resource block do not all fail (" + listed +
                                ": fail; " + others + "), and they share its text: fix it by hand",
                            group_rules));
      continue;
    }
    // The instances share the block's text: they are fixed together, only when they need the same fix.
    TrailIntents common = *intents(failing.front());
    bool same = true;
    for (const tf::ResourceInstance* i : failing) {
      const TrailIntents& t = *intents(i);
      same = same && t.rule_ids == common.rule_ids && t.selector_rule == common.selector_rule &&
             t.edits.size() == common.edits.size() &&
             std::equal(t.edits.begin(), t.edits.end(), common.edits.begin(), [](const auto& a, const auto& b) {
               return a.field == b.field && a.value == b.value;
             });
    }
    if (!same) {
      out.push_back(skipped(file, id,
                            "no safe edit: the instances of this resource block (" + listed +
                                ") need different fixes, and they share its text: fix it by hand",
                            group_rules));
      continue;
    }
    common.skipped.clear();
    const std::vector<std::string> all_rules = common.rule_ids;
    auto skips_of_common = [&] {
      for (const auto& skip : common.skipped) out.push_back(skipped(file, id, skip.reason, {skip.rule_id}));
    };
    try {
      Planner planner(texts, view, *decl);
      std::vector<std::string> ids;
      for (const auto* i : failing) ids.push_back(resource_key(i->address, i->root_module));
      const std::string prefix =
          failing.size() > 1 ? "for all " + std::to_string(failing.size()) + " instances (" + listed + "): " : "";
      // The fix of `wanted`: its entries, or none with `failure` (or with no rule left). Rules that cannot
      // be realised are dropped from `wanted`.
      auto realise = [&](TrailIntents& wanted, std::string& failure) -> std::vector<TemplateFix> {
        Candidate fields = planner.field_edits(wanted);
        std::vector<Candidate> candidates;
        if (!wanted.selector_rule.empty()) {
          std::string why_none;
          candidates = planner.candidates(*failing.front(), why_none);
          bool disagree = false;
          for (std::size_t i = 1; i < failing.size() && !disagree; ++i) {
            std::string why_other;
            disagree = planner.candidates(*failing[i], why_other) != candidates;
          }
          if (disagree) {
            candidates.clear();
            wanted.drop(wanted.selector_rule, "no safe edit: the instances of this resource block (" + listed +
                                                    ") need different edits, and they share its text: fix it by hand");
          } else if (candidates.empty()) {
            wanted.drop(wanted.selector_rule, "no safe edit: " + why_none);
          }
          for (auto& c : candidates) {
            c.edits.insert(c.edits.end(), fields.edits.begin(), fields.edits.end());
            if (!fields.reason.empty()) c.reason += "; " + fields.reason;
          }
          std::erase_if(candidates, [](const Candidate& c) { return overlapping(c.edits); });
        }
        if (candidates.empty() && !fields.edits.empty()) candidates.push_back(std::move(fields));
        if (!wanted.automatic()) return {};
        if (candidates.empty()) {
          failure = "no safe edit: the edits of the rules overlap";
          return {};
        }
        std::string why;
        std::vector<TemplateFix> entries = first_verified(candidates, wanted.rule_ids, ids, id, prefix, why);
        if (entries.empty()) {
          failure = (why.starts_with("it would edit ") ? "no safe edit: " : "the edit did not verify: ") + why;
        }
        return entries;
      };
      std::string failure;
      std::vector<TemplateFix> entries = realise(common, failure);
      // One rule's edit may change a finding the fix must leave alone (a field another rule judges an error):
      // the others are fixed without it, and it is skipped with what went wrong.
      for (std::size_t i = 0; entries.empty() && common.rule_ids.size() > 1 && i < common.rule_ids.size(); ++i) {
        TrailIntents fewer = common;
        fewer.drop(common.rule_ids[i], failure + " (when fixed together with the other rules)");
        std::string ignored;
        entries = realise(fewer, ignored);
        if (!entries.empty()) common = std::move(fewer);
      }
      skips_of_common();
      if (!common.automatic()) continue;
      if (entries.empty()) out.push_back(skipped(file, id, failure, common.rule_ids));
      for (auto& e : entries) out.push_back(std::move(e));
    } catch (const std::exception& e) {
      out.push_back(
          skipped(file, id, std::string("no safe edit: internal error while planning: ") + e.what(), all_rules));
    }
  }

  // The buckets and keys of the bucket and key rules: one entry per resource, however many trails use it.
  for (const TrailIntents& t : all_intents) {
    const bool is_trail = std::any_of(modules.instances.begin(), modules.instances.end(), [&](const auto& i) {
      return i.address == t.id && i.root_module == t.root_module;
    });
    if (is_trail) continue;
    const auto instance = std::find_if(modules.related.begin(), modules.related.end(), [&](const auto& i) {
      return i.address == t.id && i.root_module == t.root_module;
    });
    std::string file;
    if (instance != modules.related.end()) {
      file = instance->decl->file->path;
    } else {
      for (const auto& f : baseline.findings) {
        if (f.resource.id == t.id && f.resource.root_module == t.root_module) file = f.location.file.str();
      }
    }
    for (const auto& skip : t.skipped) out.push_back(skipped(file, t.id, skip.reason, {skip.rule_id}));
    if (!t.automatic()) continue;
    if (instance == modules.related.end()) {
      out.push_back(skipped(file, t.id, "no safe edit: cannot tell which resource block declares it", t.rule_ids));
      continue;
    }
    const tf::ResourceDecl& decl = *instance->decl;
    const tf::ModuleConfig* config = modules.owner(decl.file);
    if (!config || !decl.block || find_attribute(decl.block->body, "count") ||
        find_attribute(decl.block->body, "for_each") || instance->address.find('[') != std::string::npos) {
      out.push_back(skipped(file, t.id,
                            "no safe edit: the resource block has several instances (count, for_each or a module "
                            "called several times) that share its text: fix it by hand",
                            t.rule_ids));
      continue;
    }
    TrailIntents wanted = t;
    wanted.skipped.clear();
    try {
      const ModuleView view = modules.view(config);
      Planner planner(texts, view, decl);
      std::string bucket_name;
      for (const auto& b : baseline.buckets) {
        if (b.id == t.id && b.root_module == t.root_module && b.name.known()) bucket_name = *b.name;
      }
      Candidate c = planner.setting_edits(wanted, bucket_name);
      for (const auto& skip : wanted.skipped) out.push_back(skipped(file, t.id, skip.reason, {skip.rule_id}));
      if (!wanted.automatic()) continue;
      c.reason += notes_of(wanted);
      std::vector<Candidate> candidates{std::move(c)};
      std::string failure;
      std::vector<TemplateFix> entries = first_verified(candidates, wanted.rule_ids,
                                                        {resource_key(t.id, t.root_module)}, t.id, "", failure);
      if (entries.empty()) {
        out.push_back(skipped(file, t.id,
                              (failure.starts_with("it would edit ") ? "no safe edit: " : "the edit did not verify: ") +
                                  failure,
                              wanted.rule_ids));
      }
      for (auto& e : entries) out.push_back(std::move(e));
    } catch (const std::exception& e) {
      out.push_back(
          skipped(file, t.id, std::string("no safe edit: internal error while planning: ") + e.what(), t.rule_ids));
    }
  }
  return out;
}

}  // namespace stance::fix
