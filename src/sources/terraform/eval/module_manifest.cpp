#include "sources/terraform/eval/module_manifest.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/document.hpp"
#include "sources/terraform/eval/module_config.hpp"

namespace stance::terraform {

namespace fs = std::filesystem;

namespace {

// Terraform's manifests list one entry per module call: a few KB. The limit only stops a hostile file.
constexpr std::uintmax_t kMaxManifestBytes = 16u << 20;

hcl::Pos pos_of(const doc::Mark& mark) {
  return {static_cast<std::uint32_t>(mark.line > 0 ? mark.line : 1),
          static_cast<std::uint32_t>(mark.column > 0 ? mark.column : 1)};
}

std::string text_of(const doc::Node& entry, std::string_view key) {
  const doc::Node* n = entry.get(key);
  return n && n->is_scalar() ? n->text : std::string();
}

bool inside(const std::string& path, const std::string& directory) {
  return path.size() > directory.size() && path.starts_with(directory) && path[directory.size()] == '/';
}

std::string resolved(const std::string& path) {
  std::error_code ec;
  std::string out = fs::weakly_canonical(fs::absolute(path, ec), ec).string();
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

// Why a remote module's directory must not be read, or "" when it lies inside the root's .terraform.
std::string confinement_problem(const std::string& root_directory, const std::string& directory) {
  const std::string data_dir = join_module_path(root_directory, ".terraform");
  if (!inside(directory, data_dir)) {
    return "its directory " + directory + " is outside " + data_dir;
  }
  const std::string real_data_dir = resolved(data_dir);
  if (!inside(resolved(directory), real_data_dir)) {
    return "its directory " + directory + " leads outside " + data_dir + " through a symlink";
  }
  return {};
}

}  // namespace

ModuleManifest ModuleManifest::read(const std::string& root_directory, Diagnostics& diag) {
  ModuleManifest out;
  const std::string path = join_module_path(root_directory, ".terraform/modules/modules.json");
  std::error_code ec;
  if (!fs::exists(path, ec)) return out;
  out.path_ = path;
  auto refuse = [&](const std::string& why, hcl::Pos pos) {
    out.problem_ = why;
    out.modules_.clear();
    diag.warning("cannot read " + path + ": " + why + "; remote modules are not read (run `terraform init` again)",
                 path, pos);
  };
  if (!fs::is_regular_file(path, ec)) {
    refuse("not a regular file", {1, 1});
    return out;
  }
  if (fs::file_size(path, ec) > kMaxManifestBytes) {
    refuse("larger than 16 MB", {1, 1});
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    refuse("read error", {1, 1});
    return out;
  }
  doc::ParseResult parsed = doc::parse(text.str(), doc::Syntax::Json);
  if (!parsed.document) {
    refuse(parsed.error.message, pos_of(parsed.error.mark));
    return out;
  }
  const doc::Node* root = parsed.document->root.get();
  const doc::Node* modules = root ? root->get("Modules") : nullptr;
  if (!modules || !modules->is_sequence()) {
    refuse("no \"Modules\" list", root ? pos_of(root->mark) : hcl::Pos{1, 1});
    return out;
  }
  for (const auto& entry : modules->items) {
    if (!entry->is_mapping()) {
      refuse("an entry of \"Modules\" is not an object", pos_of(entry->mark));
      return out;
    }
    const std::string key = text_of(*entry, "Key");
    const std::string dir = text_of(*entry, "Dir");
    if (key.empty()) continue;  // the root module itself
    if (dir.empty()) {
      refuse("module \"" + key + "\" has no \"Dir\"", pos_of(entry->mark));
      return out;
    }
    InstalledModule m;
    m.source = text_of(*entry, "Source");
    m.version = text_of(*entry, "Version");
    m.directory = dir.starts_with("/") ? fs::path(dir).lexically_normal().string() : join_module_path(root_directory, dir);
    m.refused = confinement_problem(root_directory, m.directory);
    out.modules_[key] = std::move(m);
  }
  return out;
}

const InstalledModule* ModuleManifest::find(const std::string& key) const {
  auto it = modules_.find(key);
  return it == modules_.end() ? nullptr : &it->second;
}

bool same_module_source(const std::string& written, const std::string& installed) {
  return written == installed || "registry.terraform.io/" + written == installed;
}

}  // namespace stance::terraform
