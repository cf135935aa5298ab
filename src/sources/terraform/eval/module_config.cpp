#include "sources/terraform/eval/module_config.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <stdexcept>

#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/json/tf_json.hpp"

namespace stance::terraform {

namespace fs = std::filesystem;

namespace {

// A module's files are limited only to keep a runaway input from exhausting memory.
constexpr std::uintmax_t kMaxFileBytes = 64u << 20;

std::string literal_string(const hcl::Expression* e) {
  if (!e || e->kind != hcl::ExprKind::Template || e->flag) return {};
  std::string out;
  for (const auto& part : e->parts) {
    if (part.kind != hcl::PartKind::Literal) return {};
    out += part.text;
  }
  return out;
}

const hcl::Attribute* attribute(const hcl::Body& body, std::string_view name) {
  for (const auto& a : body.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

// Whether the block is a resource of one of the types that will be evaluated.
bool evaluated_resource(const hcl::Block& block, const LoadOptions& options) {
  if (block.type != "resource" || block.labels.empty()) return false;
  const std::string& type = block.labels.front().value;
  return std::find(options.resource_types.begin(), options.resource_types.end(), type) !=
         options.resource_types.end();
}

// Whether evaluated resources of this file are parsed again when evaluated (LoadOptions): in the native
// syntax, whose blocks know their place in the text; override files keep theirs (they are few and small).
bool defers_bodies(const std::string& path, const LoadOptions& options) {
  return !options.resource_types.empty() && !path.ends_with(".tf.json") && !is_override_file(path);
}

void index_file(ModuleConfig& config, const SourceFile& file, Diagnostics& diag, const LoadOptions& options) {
  const bool defers = defers_bodies(file.path, options);
  for (const auto& block : file.body.blocks) {
    auto label = [&](std::size_t i) { return i < block.labels.size() ? block.labels[i].value : std::string(); };
    if (block.type == "variable" && block.labels.size() == 1) {
      if (!config.variables.emplace(label(0), Declared{&block, nullptr, &file}).second) {
        diag.error("Duplicate variable declaration; A variable named \"" + label(0) +
                       "\" was already declared. Variable names must be unique within a module.",
                   file.path, block.range.start);
      }
    } else if (block.type == "output" && block.labels.size() == 1) {
      config.outputs.emplace(label(0), Declared{&block, nullptr, &file});
    } else if (block.type == "locals") {
      for (const auto& a : block.body.attributes) {
        if (!config.locals.emplace(a.name, Declared{nullptr, &a, &file}).second) {
          diag.error("Duplicate local value definition; A local value named \"" + a.name +
                         "\" was already defined. Local value names must be unique within a module.",
                     file.path, a.name_range.start);
        }
      }
    } else if (block.type == "resource" && block.labels.size() == 2) {
      ResourceDecl r;
      r.block = &block;
      r.file = &file;
      r.type = label(0);
      r.name = label(1);
      // A body kept within LoadOptions::kept_body_budget is read from here; an empty body read again is
      // still an empty body, so one written `{}` may count as deferred.
      r.body_deferred = defers && evaluated_resource(block, options) && block.body.attributes.empty() &&
                        block.body.blocks.empty();
      config.resources.push_back(std::move(r));
    } else if (block.type == "module" && block.labels.size() == 1) {
      ModuleCall call;
      call.block = &block;
      call.file = &file;
      call.name = label(0);
      const hcl::Attribute* source = attribute(block.body, "source");
      call.source = literal_string(source ? source->value.get() : nullptr);
      call.local = call.source.starts_with("./") || call.source.starts_with("../");
      if (call.local) call.directory = join_module_path(config.directory, call.source);
      config.calls.push_back(std::move(call));
    }
  }
}

const hcl::Attribute* attribute_of(const hcl::Block& block, std::string_view name) { return attribute(block.body, name); }

// Records the blocks of an override file as overrides of the primary declarations they name.
void apply_override_file(ModuleConfig& config, const SourceFile& file, Diagnostics& diag) {
  auto missing = [&](const hcl::Block& block, const std::string& what, const std::string& rest) {
    diag.error("Missing " + what + " to override; There is no " + rest + ". An override file can only override " +
                   what + " defined in a primary configuration file.",
               file.path, block.range.start);
  };
  for (const auto& block : file.body.blocks) {
    auto label = [&](std::size_t i) { return i < block.labels.size() ? block.labels[i].value : std::string(); };
    if ((block.type == "variable" || block.type == "output") && block.labels.size() == 1) {
      const bool variable = block.type == "variable";
      std::map<std::string, Declared>& declared = variable ? config.variables : config.outputs;
      auto it = declared.find(label(0));
      if (it == declared.end()) {
        missing(block, variable ? "a variable declaration" : "an output", block.type + " named \"" + label(0) + "\"");
      } else {
        it->second.overrides.push_back({&block, &file});
      }
    } else if (block.type == "locals") {
      for (const auto& a : block.body.attributes) {
        auto it = config.locals.find(a.name);
        if (it == config.locals.end()) {
          diag.error("Missing base local value definition to override; There is no local value named \"" + a.name +
                         "\". An override file can only override a local value that was already defined in a "
                         "primary configuration file.",
                     file.path, a.name_range.start);
        } else {
          it->second = Declared{nullptr, &a, &file, {}};
        }
      }
    } else if (block.type == "resource" && block.labels.size() == 2) {
      auto it = std::find_if(config.resources.begin(), config.resources.end(), [&](const ResourceDecl& r) {
        return r.type == label(0) && r.name == label(1);
      });
      if (it != config.resources.end()) {
        it->overrides.push_back({&block, &file});
      } else if (!std::binary_search(config.other_resources.begin(), config.other_resources.end(),
                                     resource_key(label(0), label(1)))) {
        missing(block, "a resource", label(0) + " resource named \"" + label(1) + "\"");
      }  // else: a resource that is not evaluated, whose overrides change nothing stance reads
    } else if (block.type == "module") {
      diag.error("Unsupported override; stance does not merge override files into module blocks yet, so the "
                 "module's inputs may differ from what Terraform uses.",
                 file.path, block.range.start);
    }
    // data, provider and terraform blocks: data sources are unknown before apply and provider settings are
    // not read, so their overrides change nothing stance evaluates.
  }
}

// Every `local.NAME` referred to in `e`.
void local_references(const hcl::Expression* e, std::set<std::string>& out);

void part_references(const std::vector<hcl::TemplatePart>& parts, std::set<std::string>& out) {
  for (const auto& p : parts) {
    local_references(p.expr.get(), out);
    if (p.directive) {
      part_references(p.directive->body, out);
      part_references(p.directive->else_body, out);
    }
  }
}

void local_references(const hcl::Expression* e, std::set<std::string>& out) {
  if (!e) return;
  if (e->kind == hcl::ExprKind::GetAttr && e->source && e->source->kind == hcl::ExprKind::Variable &&
      e->source->text == "local") {
    out.insert(e->text);
    return;
  }
  for (const hcl::Expression* child : {e->source.get(), e->key.get(), e->each.get(), e->condition.get(),
                                       e->lhs.get(), e->rhs.get()}) {
    local_references(child, out);
  }
  for (const auto& item : e->items) local_references(item.get(), out);
  for (const auto& item : e->object_items) {
    local_references(item.key.get(), out);
    local_references(item.value.get(), out);
  }
  part_references(e->parts, out);
}

// Terraform refuses a configuration whose locals refer to each other in a cycle; so does stance, once per
// cycle, at the first local of it (in name order).
void check_local_cycles(const ModuleConfig& config, Diagnostics& diag) {
  std::map<std::string, std::set<std::string>> edges;
  for (const auto& [name, decl] : config.locals) {
    std::set<std::string> refs;
    local_references(decl.attribute->value.get(), refs);
    edges[name] = std::move(refs);
  }
  enum class Mark { None, Active, Done };
  std::map<std::string, Mark> mark;
  std::vector<std::string> stack;
  std::function<void(const std::string&)> visit = [&](const std::string& name) {
    mark[name] = Mark::Active;
    stack.push_back(name);
    for (const auto& next : edges[name]) {
      if (!config.locals.count(next)) continue;
      if (mark[next] == Mark::Active) {
        auto from = std::find(stack.begin(), stack.end(), next);
        std::string cycle;
        for (auto it = from; it != stack.end(); ++it) cycle += (cycle.empty() ? "local." : ", local.") + *it;
        const Declared& d = config.locals.at(next);
        diag.error("Cycle: " + cycle + "; these local values refer to each other, so none can be evaluated",
                   d.file->path, d.attribute->name_range.start);
      } else if (mark[next] == Mark::None) {
        visit(next);
      }
    }
    stack.pop_back();
    mark[name] = Mark::Done;
  };
  for (const auto& [name, decl] : config.locals) {
    if (mark[name] == Mark::None) visit(name);
  }
}

// What of a top-level block a module read for `options` keeps (see LoadOptions). `defers`: the file's
// evaluated resources keep their header only; `override_file`: other resources keep their header, which
// apply_override_file() reads.
hcl::Kept kept_of(const hcl::Block& block, const LoadOptions& options, bool defers, bool override_file) {
  if (options.resource_types.empty()) return hcl::Kept::Block;
  if (block.type == "variable" || block.type == "locals" || block.type == "output" || block.type == "module") {
    return hcl::Kept::Block;
  }
  if (evaluated_resource(block, options)) {
    if (!defers) return hcl::Kept::Block;
    std::size_t* budget = options.kept_body_budget.get();
    if (budget == nullptr || *budget < block.length) return hcl::Kept::Header;
    *budget -= block.length;
    return hcl::Kept::Block;
  }
  return block.type == "resource" && override_file ? hcl::Kept::Header : hcl::Kept::Nothing;
}

}  // namespace

std::size_t SourceFile::line_count() const {
  if (line_marks.empty()) {
    line_marks.push_back(0);
    lines = 1;
    // memchr from one line end to the next, not a test of every byte: a 1 MB file is indexed once per scan.
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* nl = begin; (nl = static_cast<const char*>(std::memchr(nl, '\n', static_cast<std::size_t>(end - nl)))) != nullptr;) {
      ++nl;
      if (lines++ % kLinesPerMark == 0) line_marks.push_back(static_cast<std::uint32_t>(nl - begin));
    }
    line_marks.shrink_to_fit();
  }
  return lines;
}

std::string_view SourceFile::line(std::size_t n) const {
  if (n == 0 || n > line_count()) return {};
  const std::string_view all(text);
  std::size_t start = line_marks[(n - 1) / kLinesPerMark];
  for (std::size_t k = (n - 1) % kLinesPerMark; k > 0; --k) start = all.find('\n', start) + 1;
  const std::size_t end = all.find('\n', start);
  return all.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

MergedAttribute merged_attribute(const Declared& decl, std::string_view name) {
  for (auto it = decl.overrides.rbegin(); it != decl.overrides.rend(); ++it) {
    if (const hcl::Attribute* a = attribute_of(*it->block, name)) return {a, it->file};
  }
  if (decl.block) {
    if (const hcl::Attribute* a = attribute_of(*decl.block, name)) return {a, decl.file};
  }
  return {};
}

bool is_override_file(std::string_view path) {
  const std::size_t slash = path.find_last_of('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (std::string_view ext : {".tf", ".tf.json"}) {
    if (name == "override" + std::string(ext) || name.ends_with("_override" + std::string(ext))) return true;
  }
  return false;
}

std::uint64_t resource_key(std::string_view type, std::string_view name) {
  // FNV-1a over "type\0name": two resources of one module collide with a chance of about 2^-64.
  std::uint64_t hash = 14695981039346656037ull;
  auto add = [&](unsigned char c) {
    hash ^= c;
    hash *= 1099511628211ull;
  };
  for (const char c : type) add(static_cast<unsigned char>(c));
  add(0);
  for (const char c : name) add(static_cast<unsigned char>(c));
  return hash;
}

std::shared_ptr<const hcl::Block> resource_block(const ResourceDecl& decl) {
  if (!decl.body_deferred) return std::shared_ptr<const hcl::Block>(std::shared_ptr<void>(), decl.block);
  hcl::ParseResult parsed = hcl::parse_block_again(decl.file->text, decl.file->path, *decl.block);
  if (!parsed.ok()) {
    // The file parsed as a whole a moment ago, from the same text: this is a bug, not an input error.
    throw std::logic_error("cannot parse " + decl.type + "." + decl.name + " again: " + parsed.errors.front().to_string());
  }
  return std::make_shared<const hcl::Block>(std::move(parsed.body->blocks.front()));
}

bool ModuleConfig::declares(std::string_view resource_type) const {
  return std::any_of(resources.begin(), resources.end(), [&](const ResourceDecl& r) { return r.type == resource_type; });
}

std::string module_file_path(const std::string& directory, const std::string& name) {
  if (directory.empty() || directory == ".") return name;
  return directory.back() == '/' ? directory + name : directory + "/" + name;
}

std::string join_module_path(const std::string& from, const std::string& relative) {
  fs::path joined = (fs::path(from) / relative).lexically_normal();
  std::string out = joined.string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out.empty() ? "." : out;
}

std::unique_ptr<ModuleConfig> load_module(const std::string& directory,
                                          std::vector<std::pair<std::string, std::string>> texts,
                                          Diagnostics& diag, const LoadOptions& options) {
  auto config = std::make_unique<ModuleConfig>();
  config->directory = directory;
  std::sort(texts.begin(), texts.end());
  for (auto& [path, text] : texts) {
    const bool json = path.ends_with(".tf.json");
    const bool override_file = is_override_file(path);
    const bool defers = defers_bodies(path, options);
    // Resources left out of a primary file are remembered (other_resources) for override files' sake; the
    // keys of a file that turns out not to parse are not kept.
    std::vector<std::uint64_t> left_out;
    hcl::KeepBody keep;
    if (!options.resource_types.empty()) {
      keep = [&](const hcl::Block& b) {
        const hcl::Kept kept = kept_of(b, options, defers, override_file);
        if (kept == hcl::Kept::Nothing && b.type == "resource" && b.labels.size() == 2) {
          left_out.push_back(resource_key(b.labels[0].value, b.labels[1].value));
        }
        return kept;
      };
    }
    hcl::ParseResult parsed = json ? tfjson::parse(text, path) : hcl::parse(text, path, keep);
    if (parsed.ok() && json && keep) {
      // The native syntax has dropped blocks while parsing; the JSON syntax builds the whole tree first.
      auto& blocks = parsed.body->blocks;
      std::vector<hcl::Block> kept_blocks;
      for (auto& block : blocks) {
        const hcl::Kept kept = keep(block);
        if (kept == hcl::Kept::Nothing) continue;
        if (kept == hcl::Kept::Header) {
          hcl::Body empty;
          empty.range = block.body.range;
          block.body = std::move(empty);
        }
        kept_blocks.push_back(std::move(block));
      }
      blocks = std::move(kept_blocks);
    }
    if (parsed.ok()) {
      config->other_resources.insert(config->other_resources.end(), left_out.begin(), left_out.end());
    }
    if (!parsed.ok()) {
      for (const auto& e : parsed.errors) {
        diag.error(e.detail.empty() ? e.summary : e.summary + "; " + e.detail, path, e.pos);
      }
      continue;
    }
    auto file = std::make_unique<SourceFile>();
    file->path = path;
    file->text = std::move(text);
    file->body = std::move(*parsed.body);
    config->files.push_back(std::move(file));
  }
  std::sort(config->other_resources.begin(), config->other_resources.end());
  for (const auto& file : config->files) {
    if (!is_override_file(file->path)) index_file(*config, *file, diag, options);
  }
  for (const auto& file : config->files) {
    if (is_override_file(file->path)) apply_override_file(*config, *file, diag);
  }
  check_local_cycles(*config, diag);
  return config;
}

std::unique_ptr<ModuleConfig> load_module_directory(const std::string& directory, Diagnostics& diag,
                                                    const LoadOptions& options) {
  std::vector<std::pair<std::string, std::string>> texts;
  std::error_code ec;
  for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    std::error_code type_ec;
    const std::string name = p.filename().string();
    if (!(name.ends_with(".tf") || name.ends_with(".tf.json")) || !fs::is_regular_file(p, type_ec)) continue;
    const std::string path = module_file_path(directory, p.filename().string());
    std::error_code size_ec;
    if (fs::file_size(p, size_ec) > kMaxFileBytes) {
      diag.error("cannot read " + path + ": larger than 64 MB", path, {0, 0});
      continue;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      diag.error("cannot read " + path, path, {0, 0});
      continue;
    }
    std::ostringstream text;
    text << in.rdbuf();
    texts.emplace_back(path, text.str());
  }
  if (ec) diag.error("cannot list directory " + directory + ": " + ec.message(), directory, {0, 0});
  return load_module(directory, std::move(texts), diag, options);
}

}  // namespace stance::terraform
