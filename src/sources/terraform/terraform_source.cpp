#include "sources/terraform/terraform_source.hpp"

#include <algorithm>
#include <exception>
#include <functional>
#include <memory>
#include <fstream>
#include <new>
#include <set>
#include <sstream>

#include "sources/terraform/adapter.hpp"
#include "sources/terraform/bucket_adapter.hpp"
#include "sources/terraform/eval/module_instance.hpp"
#include "sources/terraform/hcl/parser.hpp"
#include "sources/terraform/suppressions.hpp"

namespace stance::terraform {

namespace fs = std::filesystem;

namespace {

// Trail source whose syntax trees a scan keeps from the first parse (see LoadOptions::kept_body_budget).
constexpr std::size_t kKeptTrailSourceBytes = std::size_t{1} << 20;

std::string normal(const std::string& dir) { return join_module_path(dir, "."); }

// Whether `config` or a local module it calls (transitively) declares resources of `type`, or may do so
// through a remote module: modules without any are not evaluated at all, so a tree without trails costs only
// its parsing.
bool tree_declares(const ModuleConfig& config, std::string_view type, ModuleLoader& loader,
                   std::set<std::string>& seen) {
  if (!seen.insert(config.directory).second) return false;
  if (config.declares(type)) return true;
  for (const auto& call : config.calls) {
    // A remote module: the root module is evaluated, which reads it where `terraform init` installed it, or
    // warns that it is not on disk.
    if (!call.local) return true;
    const ModuleConfig* child = loader.get(call.directory);
    if (child && tree_declares(*child, type, loader, seen)) return true;
  }
  return false;
}

// Reports every cycle of local module calls among the scanned modules and the modules they call. Such modules
// are each other's children, so none of them would be read as a root: without this a cycle was "no trails
// found" and exit 0.
void report_cycles(const std::vector<const ModuleConfig*>& configs, ModuleLoader& loader, Diagnostics& diag) {
  std::map<std::string, int> state;  // 1: on the current path, 2: done
  std::vector<const ModuleConfig*> path;
  std::function<void(const ModuleConfig&)> visit = [&](const ModuleConfig& config) {
    state[config.directory] = 1;
    path.push_back(&config);
    for (const auto& call : config.calls) {
      if (!call.local) continue;
      const int seen = state[call.directory];
      if (seen == 1) {
        auto from = std::find_if(path.begin(), path.end(),
                                 [&](const ModuleConfig* c) { return c->directory == call.directory; });
        report_module_cycle({from, path.end()}, diag);
      } else if (seen == 0) {
        if (const ModuleConfig* child = loader.get(call.directory)) visit(*child);
      }
    }
    path.pop_back();
    state[config.directory] = 2;
  };
  for (const ModuleConfig* config : configs) {
    if (state[config->directory] == 0) visit(*config);
  }
}

void report(const Diagnostics& diag, const std::string& fallback_source, sources::SourceResult& out) {
  for (const auto& d : diag.all()) {
    if (d.severity == Diagnostic::Severity::Note) {
      out.notes.push_back(d.message);
      continue;
    }
    const std::string source = d.file.empty() ? fallback_source : d.file;
    engine::ScanError e{source, d.message,
                        model::Location::in_file(source, static_cast<int>(d.pos.line), static_cast<int>(d.pos.column))};
    (d.severity == Diagnostic::Severity::Error ? out.errors : out.warnings).push_back(std::move(e));
  }
}

std::string real_directory(const std::string& path) {
  std::error_code ec;
  std::string out = fs::weakly_canonical(fs::absolute(path.empty() ? "." : path, ec), ec).string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// The scan root a root module's file functions are confined to: the given path that holds its directory
// (a file given to `stance scan` stands for its directory), else the directory itself.
std::string scan_root_of(const ModuleConfig& config, const Options& options) {
  const std::string dir = real_directory(config.directory);
  for (const auto& given : options.scan_roots) {
    std::error_code ec;
    const std::string root = real_directory(fs::is_directory(given, ec) ? given : fs::path(given).parent_path().string());
    if (dir.starts_with(root) && (dir.size() == root.size() || root == "/" || dir[root.size()] == '/')) return root;
  }
  return dir;
}

// The modules holding overlaid files, loaded with the overlaid texts in place of the files on disk.
void adopt_overlaid_modules(const Options& options, ModuleLoader& loader, Diagnostics& diag) {
  std::set<std::string> dirs;
  for (const auto& [path, text] : options.file_texts) {
    if (is_candidate(path)) dirs.insert(normal(fs::path(path).parent_path().string()));
  }
  for (const auto& dir : dirs) {
    std::vector<std::pair<std::string, std::string>> texts;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      if (!is_candidate(it->path())) continue;
      const std::string path = module_file_path(dir, it->path().filename().string());
      if (options.file_texts.count(path)) continue;
      std::ifstream in(it->path(), std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      texts.emplace_back(path, text.str());
    }
    for (const auto& [path, text] : options.file_texts) {
      if (is_candidate(path) && normal(fs::path(path).parent_path().string()) == dir) {
        texts.emplace_back(path, text);
      }
    }
    loader.adopt(load_module(dir, std::move(texts), diag));
  }
}

// Root inputs with overlaid .tfvars files read again: a name whose value came from such a file takes the
// overlaid value (the names a file assigns, and so the precedence between files, are unchanged).
void overlay_tfvars(const Options& options, std::map<std::string, RawVariable>& inputs, Diagnostics& diag) {
  for (const auto& [path, text] : options.file_texts) {
    if (!path.ends_with(".tfvars")) continue;
    hcl::ParseResult parsed = hcl::parse(text, path);
    if (!parsed.ok()) {
      for (const auto& e : parsed.errors) {
        diag.error(e.detail.empty() ? e.summary : e.summary + "; " + e.detail, path, e.pos);
      }
      continue;
    }
    Evaluator ev(nullptr, diag, path);
    Scope none;
    for (const auto& a : parsed.body->attributes) {
      auto it = inputs.find(a.name);
      if (it != inputs.end() && !it->second.is_text && it->second.origin == path) {
        it->second.value = ev.eval(*a.value, none);
      }
    }
  }
}

// `--var NAME=VALUE` for a variable no scanned root module declares is an error, as in Terraform: a typo would
// otherwise leave the variable unset and the verdict unknown (or its default) without a word. (Terraform
// only warns about undeclared names in variable files, which are often shared; so does nothing here.)
void check_var_arguments_declared(const std::vector<const ModuleConfig*>& configs,
                                  const std::set<std::string>& children, const Options& options,
                                  sources::SourceResult& out) {
  std::set<std::string> declared;
  for (const ModuleConfig* config : configs) {
    if (children.count(config->directory)) continue;
    for (const auto& entry : config->variables) declared.insert(entry.first);
  }
  for (const VarArgument& argument : options.variables.arguments) {
    if (argument.is_file) continue;
    const std::size_t eq = argument.text.find('=');
    if (eq == std::string::npos || eq == 0) continue;  // malformed: collect_root_variables says so
    const std::string name = argument.text.substr(0, eq);
    if (declared.count(name)) continue;
    std::string known;
    for (const auto& d : declared) known += (known.empty() ? "" : ", ") + d;
    out.errors.push_back({"command line", "--var " + name + ": no scanned Terraform root module declares a variable \"" +
                                       name + "\" (declared: " + (known.empty() ? "none" : known) + ")",
                          model::Location{}});
  }
}

void scan(const std::vector<std::string>& directories, const Options& options, sources::SourceResult& out,
          Diagnostics& diag) {
  // Only trails are evaluated: blocks nothing reads are dropped while parsing (see LoadOptions). The bodies
  // of the first MiB of trail source are kept rather than parsed twice (about 17 MB of syntax tree at
  // most); beyond it, each trail is parsed again when evaluated, so memory stays bounded.
  LoadOptions load_options{{std::string(kTrailResourceType)}};
  if (options.related_resources) {
    for (std::string_view type : kRelatedResourceTypes) load_options.resource_types.emplace_back(type);
  }
  load_options.kept_body_budget = std::make_shared<std::size_t>(kKeptTrailSourceBytes);
  ModuleLoader loader(diag, std::move(load_options));
  adopt_overlaid_modules(options, loader, diag);
  std::vector<const ModuleConfig*> configs;
  std::set<std::string> children;
  for (const auto& dir : directories) {
    const ModuleConfig* config = loader.get(normal(dir));
    if (!config) continue;
    configs.push_back(config);
    out.files_scanned += static_cast<int>(config->files.size());
    for (const auto& call : config->calls) {
      if (call.local && call.directory != config->directory) children.insert(call.directory);
    }
  }
  report_cycles(configs, loader, diag);
  check_var_arguments_declared(configs, children, options, out);
  std::size_t instances = 0;  // resource instances of the whole scan
  for (const ModuleConfig* config : configs) {
    if (children.count(config->directory)) {
      out.notes.push_back(config->directory + ": read as a child module of the module that calls it");
      continue;
    }
    std::set<std::string> seen;
    if (!tree_declares(*config, kTrailResourceType, loader, seen)) continue;
    std::map<std::string, RawVariable> inputs =
        collect_root_variables(config->directory, options.variables, diag);
    overlay_tfvars(options, inputs, diag);
    ModuleInstance root(*config, loader, diag, std::move(inputs), scan_root_of(*config, options));
    root.count_instances_in(instances);
    const std::size_t first_trail = out.trails.size();
    // Each instance is adapted as soon as it is evaluated, and its evaluated body freed: a scan never holds
    // more than one resource's tree and evaluation.
    root.visit_resources(kTrailResourceType, [&](ResourceInstance& instance) {
      model::Trail trail = adapt_trail(instance, diag);
      link_by_reference(trail);
      trail.suppressions = read_suppressions(*instance.decl->file, *instance.decl->block, diag);
      if (instance.existence_unknown) {
        out.notes.push_back(model::to_string(trail.where) + ": whether " + instance.address +
                            " exists is unknown (" + instance.existence_unknown->unknown_reason + ")");
      }
      out.trails.push_back(std::move(trail));
    });
    // The trails' buckets and keys, when a selected rule judges them (only roots with trails get here).
    if (options.related_resources && out.trails.size() > first_trail) {
      const std::size_t first_bucket = out.buckets.size(), first_key = out.keys.size();
      adapt_buckets_and_keys(root, diag, out.buckets, out.keys);
      const std::span<const model::Bucket> buckets(out.buckets.data() + first_bucket, out.buckets.size() - first_bucket);
      const std::span<const model::Key> keys(out.keys.data() + first_key, out.keys.size() - first_key);
      for (std::size_t i = first_trail; i < out.trails.size(); ++i) link_to_declared(out.trails[i], buckets, keys);
    }
  }
  loader.warn_missing_modules();
}

}  // namespace

bool is_candidate(const fs::path& path) {
  const std::string name = path.filename().string();
  return name.ends_with(".tf") || name.ends_with(".tf.json");
}

sources::SourceResult scan_directories(const std::vector<std::string>& directories, const Options& options) {
  sources::SourceResult out;
  Diagnostics diag;
  const std::string source = directories.empty() ? "terraform" : directories.front();
  try {
    scan(directories, options, out, diag);
  } catch (const std::bad_alloc&) {
    out.errors.push_back({source, "internal error while evaluating Terraform: out of memory",
                          model::Location::in_file(source)});
  } catch (const std::exception& e) {
    out.errors.push_back({source, std::string("internal error while evaluating Terraform: ") + e.what(),
                          model::Location::in_file(source)});
  }
  report(diag, source, out);
  return out;
}

}  // namespace stance::terraform
