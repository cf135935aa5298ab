#include "sources/terraform/terraform_source.hpp"

#include <exception>
#include <new>
#include <set>

#include "sources/terraform/adapter.hpp"
#include "sources/terraform/eval/module_instance.hpp"
#include "sources/terraform/suppressions.hpp"

namespace stance::terraform {

namespace fs = std::filesystem;

namespace {

std::string normal(const std::string& dir) { return join_module_path(dir, "."); }

// Whether `config` or a local module it calls (transitively) declares resources of `type`: modules without
// any are not evaluated at all, so a tree without trails costs only its parsing.
bool tree_declares(const ModuleConfig& config, std::string_view type, ModuleLoader& loader,
                   std::set<std::string>& seen) {
  if (!seen.insert(config.directory).second) return false;
  if (config.declares(type)) return true;
  for (const auto& call : config.calls) {
    if (!call.local) continue;
    const ModuleConfig* child = loader.get(call.directory);
    if (child && tree_declares(*child, type, loader, seen)) return true;
  }
  return false;
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

void scan(const std::vector<std::string>& directories, const Options& options, sources::SourceResult& out,
          Diagnostics& diag) {
  ModuleLoader loader(diag);
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
  for (const ModuleConfig* config : configs) {
    if (children.count(config->directory)) {
      out.notes.push_back(config->directory + ": read as a child module of the module that calls it");
      continue;
    }
    std::set<std::string> seen;
    if (!tree_declares(*config, kTrailResourceType, loader, seen)) continue;
    ModuleInstance root(*config, loader, diag, collect_root_variables(config->directory, options.variables, diag));
    std::vector<ResourceInstance> instances;
    root.collect_resources(kTrailResourceType, instances);
    for (const auto& instance : instances) {
      model::Trail trail = adapt_trail(instance, diag);
      trail.suppressions = read_suppressions(*instance.decl->file, *instance.decl->block, diag);
      if (instance.existence_unknown) {
        out.notes.push_back(model::to_string(trail.where) + ": whether " + instance.address +
                            " exists is unknown (" + instance.existence_unknown->unknown_reason + ")");
      }
      out.trails.push_back(std::move(trail));
    }
  }
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
