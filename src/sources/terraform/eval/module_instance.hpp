// One instance of a module, evaluated lazily the way Terraform plans it: input variables (from the caller,
// or for the root from variables.hpp), locals (in dependency order, by demand, cycles caught), module
// outputs, child modules with count/for_each, and the instances of resources of one type with their bodies
// evaluated. Remote child modules (registry, git, ...) are read where `terraform init` installed them
// (module_manifest.hpp); one that is not on disk is a warning naming it, and its outputs are Unknown.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "sources/terraform/eval/block.hpp"
#include "sources/terraform/eval/expression.hpp"
#include "sources/terraform/eval/file_functions.hpp"
#include "sources/terraform/eval/module_config.hpp"
#include "sources/terraform/eval/module_manifest.hpp"
#include "sources/terraform/eval/variables.hpp"

namespace stance::terraform {

// Loads each module directory once, however often it is called.
class ModuleLoader {
 public:
  // options: what the modules are read for (see LoadOptions); by default every body is kept.
  explicit ModuleLoader(Diagnostics& diag, LoadOptions options = {}) : diag_(diag), options_(std::move(options)) {}
  // nullptr when the directory does not exist.
  const ModuleConfig* get(const std::string& directory);
  // Adopts a module already loaded (the scanned roots).
  const ModuleConfig* adopt(std::unique_ptr<ModuleConfig> config);

  // A remote module call that is not on disk for the root module `root` (`why`: what its manifest says; empty
  // when the root has none).
  // Several roots often call one module that calls it: warn_missing_modules() says so once per call.
  void missing_module(const std::string& file, hcl::Pos pos, const std::string& message, const std::string& root,
                      const std::string& why);
  // One warning per module call not on disk, naming each root module that lacks it and why.
  void warn_missing_modules();

 private:
  Diagnostics& diag_;
  LoadOptions options_;
  std::map<std::string, std::unique_ptr<ModuleConfig>> cache_;
  // (file, line, column, "module.x comes from \"src\"") -> root module -> why
  std::map<std::tuple<std::string, std::uint32_t, std::uint32_t, std::string>, std::map<std::string, std::string>>
      missing_;
};

class ModuleInstance;

struct ResourceInstance {
  std::string address;  // as `terraform state list` prints it
  std::string root_module;  // the directory of the root module the address is relative to
  const ResourceDecl* decl = nullptr;
  EvalBlock body;
  // Set when whether this instance exists is unknown (count/for_each of it or of an enclosing module is
  // known only after apply): the Unknown, with its reason and position.
  std::optional<Value> existence_unknown;
  // The root module's instance, which knows the module arguments (see ModuleInstance::module_argument_at).
  const ModuleInstance* root = nullptr;
};

// How count/for_each expand a resource or module call.
struct Expansion {
  enum class Mode { Single, Count, ForEach };
  Mode mode = Mode::Single;
  std::vector<std::pair<Value, Value>> instances;  // (count.index | each.key, each.value)
  std::optional<Value> unknown;                   // the number of instances is unknown
};

class ModuleInstance final : public References {
 public:
  // The root module. `scan_root`: the directory the file functions may read in (see file_functions.hpp);
  // empty: the root module's own directory.
  ModuleInstance(const ModuleConfig& config, ModuleLoader& loader, Diagnostics& diag,
                 std::map<std::string, RawVariable> root_inputs, const std::string& scan_root = {});

  Value variable(const std::string& name, const hcl::Expression& ref, Evaluator& ev) override;
  Value local(const std::string& name, const hcl::Expression& ref, Evaluator& ev) override;
  Value module_output(const std::string& call, const std::string& output, const hcl::Expression& ref,
                      Evaluator& ev) override;
  Value module_object(const std::string& call, const hcl::Expression& ref, Evaluator& ev) override;
  bool has_module_call(const std::string& call) const override;
  std::string path(std::string_view which) const override;
  FileAccess& file_access() override;

  // Every instance of resources of `type` in this module and its local child modules, one at a time, as
  // each is evaluated: `visit` may move it away. Nothing of an instance is kept after its visit, and a
  // deferred resource body (LoadOptions) is parsed again for the resource and freed after its instances.
  void visit_resources(std::string_view type, const std::function<void(ResourceInstance&)>& visit);
  // The same instances, all of them.
  void collect_resources(std::string_view type, std::vector<ResourceInstance>& out);

  const ModuleConfig& config() const { return config_; }

  // The module argument whose value is written at `file`:`pos` ("module.trail argument event_selectors"), when
  // one of the module calls evaluated so far passed a value written there; else "". A value that a module reads
  // from its caller keeps the position where the caller wrote it: this names that line for a person.
  std::string module_argument_at(const std::string& file, hcl::Pos pos) const;

  // Counts the resource instances of a whole scan (several root modules) in `counter`, against
  // limits::kMaxInstancesPerScan; by default each root counts its own.
  void count_instances_in(std::size_t& counter) { scan_instances_ = &counter; }

 private:
  struct Child {
    Value key;
    std::unique_ptr<ModuleInstance> instance;
  };
  struct CallInstances {
    Expansion::Mode mode = Expansion::Mode::Single;
    std::vector<Child> children;
    std::optional<Value> unknown;
    bool loaded = false;  // a module whose directory was found and read
    std::string missing;  // a remote module that is not read: see ResolvedCall
  };
  // Where a module call's module is, and whether it was read.
  struct ResolvedCall {
    const ModuleConfig* config = nullptr;
    std::string directory;
    std::string missing;  // a remote module that is not on disk: its source as written, quoted (the warning says why)
  };

  ModuleInstance(const ModuleConfig& config, ModuleLoader& loader, Diagnostics& diag, ModuleInstance* parent,
                 const ModuleCall* call, Scope call_scope, std::string address, std::string key,
                 std::optional<Value> existence, int depth);

  const ModuleInstance& root() const;  // the root module's instance (this one, for the root)
  ModuleInstance& root();
  // The local module calls from the instance that declares `call` up to the root, when `call` would enter a
  // module already being expanded: the cycle, reported; false when there is none.
  bool enters_cycle(const std::string& directory);
  // The module of `call`: a local directory, or a remote module where the root's manifest says it was
  // installed. A remote module that is not there is warned about at the call.
  ResolvedCall resolve(const ModuleCall& call);
  std::string child_key(const ModuleCall& call) const { return key_.empty() ? call.name : key_ + "." + call.name; }
  Evaluator evaluator(const SourceFile* file) { return Evaluator(this, diag_, file ? file->path : config_.directory); }
  Value output(const std::string& name);
  Value outputs_object();
  CallInstances& instances_of(const ModuleCall& call);
  const ModuleCall* find_call(const std::string& name) const;
  Value resolve_variable(const std::string& name);

  const ModuleConfig& config_;
  ModuleLoader& loader_;
  Diagnostics& diag_;
  ModuleInstance* parent_ = nullptr;
  const ModuleCall* call_ = nullptr;  // how the parent called this instance
  Scope call_scope_;                  // each/count of this instance, for evaluating its inputs
  std::string address_;               // "" for the root, else "module.a[0]."
  std::string key_;                   // the manifest's key: "" for the root, else "a", "a.b" (no instance keys)
  std::optional<Value> existence_;
  int depth_ = 0;
  std::map<std::string, RawVariable> root_inputs_;
  std::unique_ptr<FileAccess> file_access_;  // the root's; children use it through root()
  std::unique_ptr<ModuleManifest> manifest_;  // the root's: where its remote modules were installed
  // The root's: module arguments by where their values are written (file, line, column).
  std::map<std::tuple<std::string, std::uint32_t, std::uint32_t>, std::string> module_arguments_;
  // The root's counts against the limits (limits.hpp).
  std::size_t own_scan_instances_ = 0;
  std::size_t* scan_instances_ = &own_scan_instances_;
  std::size_t module_instances_ = 0;

  std::map<std::string, Value> variables_, locals_, outputs_;
  std::set<std::string> variables_pending_, locals_pending_, outputs_pending_;
  std::map<std::string, CallInstances> calls_;
  std::set<std::string> calls_pending_;
};

// Expands count/for_each of a resource or module body (evaluated in `scope`); `what` names it in messages.
Expansion expand(const hcl::Body& body, Evaluator& ev, const Scope& scope, const std::string& what);

// Reports a cycle of local module calls: `cycle` lists the modules in call order, each calling the next and the
// last calling the first. The same cycle is reported once (in the same words, at the same call) however it was
// found: it is named from its lexically first directory.
void report_module_cycle(std::vector<const ModuleConfig*> cycle, Diagnostics& diag);

// The instance key as Terraform prints it in addresses: [0], ["a"].
std::string instance_key(const Value& key, Expansion::Mode mode);

}  // namespace stance::terraform
