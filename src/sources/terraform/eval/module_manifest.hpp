// Where `terraform init` installed a root module's remote modules (registry, git, http, S3 ...): its
// manifest, <root>/.terraform/modules/modules.json. Each module call is named by its key, the dotted path of
// call names from the root ("cloudtrail", "cloudtrail.label"; instance keys are not part of it), and its Dir
// is relative to the root module's directory. Checkov and Trivy read remote modules from there; so does
// stance, and a remote module then evaluates like a local one, with exact addresses.
//
// The manifest is as untrusted as the rest of the repository: a remote module's directory is used only when
// it lies inside the root module's .terraform directory, symlinks resolved (a Dir of "../../../etc" or a
// symlinked module directory pointing out of it is refused with a warning). Local calls never need it.
#pragma once
#include <map>
#include <string>

#include "sources/terraform/eval/diagnostics.hpp"

namespace stance::terraform {

struct InstalledModule {
  std::string source;     // as the manifest records it: "registry.terraform.io/cloudposse/cloudtrail/aws"
  std::string version;    // registry modules only
  std::string directory;  // the root module's directory joined with Dir, lexically normal
  std::string refused;    // non-empty: why `directory` is not read (it leaves .terraform)
};

class ModuleManifest {
 public:
  // Reads <root_directory>/.terraform/modules/modules.json. A root module never initialised has none: the
  // manifest is then empty, which is not a problem in itself. A manifest that cannot be read is a warning
  // at its file:line:col, and the manifest is empty.
  static ModuleManifest read(const std::string& root_directory, Diagnostics& diag);

  // The module installed for call `key`; nullptr when the manifest does not list it.
  const InstalledModule* find(const std::string& key) const;

  const std::string& path() const { return path_; }  // the manifest's path ("" when there is none)
  bool present() const { return !path_.empty(); }
  // Why the manifest could not be read ("" when it was, or when there is none).
  const std::string& problem() const { return problem_; }

 private:
  std::string path_;
  std::string problem_;
  std::map<std::string, InstalledModule> modules_;
};

// Whether a remote module call's `source` as written names what the manifest installed (the registry's host
// is implied when not written: "cloudposse/cloudtrail/aws" is "registry.terraform.io/cloudposse/cloudtrail/aws").
bool same_module_source(const std::string& written, const std::string& installed);

}  // namespace stance::terraform
