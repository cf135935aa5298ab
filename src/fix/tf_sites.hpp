// Where in a Terraform module an attribute's value can be changed: the literal at the resource, the default
// of the variable it reads, the terraform.tfvars / *.auto.tfvars assignment that sets that variable, or
// the local it reads. A variable or local is edited only when nothing else in the module refers to it;
// otherwise (and for values set on the command line, passed in by a calling module, or computed) the
// expression at the resource is replaced by the literal, and the reason says why. Values that depend on
// the instance (count.index, each, a dynamic block's iterator) have no site.
//
// Planning one instance on its own (InstanceSites), two more sites are text that only that instance reads:
// the argument its module call passes (`read_write_type = "ReadOnly"` in `module "a" {...}`), and its own
// entry of a literal for_each map (`locals { trails = { a = { rw = "ReadOnly" } } }` read as each.value.rw).
// Changes there are `per_instance`: they leave every other instance of the same text as it is.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "fix/template_fix.hpp"
#include "fix/tf_text.hpp"
#include "sources/terraform/eval/module_config.hpp"
#include "sources/terraform/eval/variables.hpp"

namespace stance::fix {

struct FileEdit {
  std::string file;
  TextEdit edit;
  bool operator==(const FileEdit& o) const {
    return file == o.file && edit.offset == o.edit.offset && edit.length == o.edit.length &&
           edit.replacement == o.edit.replacement;
  }
};

// The texts of the files a fix may touch (module files, tfvars), each read once, with position indexes.
class FileTexts {
 public:
  void add(const std::string& path, const std::string& text);
  const std::string* text(const std::string& path);  // reads the file on first use; nullptr if unreadable
  const PosIndex* index(const std::string& path);

 private:
  struct Entry {
    std::string text;
    std::unique_ptr<PosIndex> index;
  };
  std::map<std::string, Entry> files_;
};

// The module an attribute lives in, and who gives its variables values.
struct ModuleView {
  const terraform::ModuleConfig* config = nullptr;
  const std::map<std::string, terraform::RawVariable>* root_inputs = nullptr;  // root module: its inputs
  std::vector<const terraform::ModuleCall*> callers;                           // child module: calls of it
};

// What only one instance reads, when it is planned on its own.
struct InstanceSites {
  // The module call that makes this instance and no other (no count or for_each on it), from the root.
  const terraform::ModuleCall* call = nullptr;
  // The resource's for_each expression and this instance's key in it.
  const hcl::Expression* for_each = nullptr;
  std::string each_key;
  // The resource block (to count how often an each.value path is read in it).
  const hcl::Block* resource = nullptr;
};

struct ValueChange {
  std::vector<FileEdit> edits;  // empty: no site, see why_not
  bool per_instance = false;    // the edits are in text only this instance reads (see InstanceSites)
  std::string said;             // "include_management_events false -> true[, changed at ...]"
  std::string why_not;
};

// Number of `root.name` references (var.x, local.y) in the module's files.
int references(const terraform::ModuleConfig& config, const std::string& root, const std::string& name);

class SiteFinder {
 public:
  SiteFinder(const ModuleView& module, FileTexts& texts, const InstanceSites* instance = nullptr)
      : module_(module), texts_(texts), instance_(instance) {}

  // An edit making `attr` (in `file`) evaluate to `wanted` ("true", "All"). `instance_names` are the names
  // whose value differs per instance or per generated block (count, each, a dynamic block's iterator).
  ValueChange change(const hcl::Attribute& attr, const std::string& file, const std::string& wanted,
                     const std::set<std::string>& instance_names);

 private:
  ValueChange at_resource(const hcl::Attribute& attr, const std::string& file, const std::string& wanted,
                          const std::string& why);
  ValueChange literal(const hcl::Attribute& attr, const hcl::Expression& value, const std::string& file,
                      const std::string& wanted, const std::string& where);
  ValueChange variable(const hcl::Attribute& attr, const std::string& file, const std::string& name,
                       const std::string& wanted);
  ValueChange local(const hcl::Attribute& attr, const std::string& file, const std::string& name,
                    const std::string& wanted);
  // each.value.<path>: this instance's entry of a literal for_each map; no edits when there is none.
  ValueChange each_entry(const hcl::Attribute& attr, const std::vector<std::string>& path,
                         const std::string& wanted);

  const ModuleView& module_;
  FileTexts& texts_;
  const InstanceSites* instance_;
};

// `"${x}"` is x (Terraform unwraps a template that is a single interpolation); parentheses are dropped.
const hcl::Expression& unwrapped(const hcl::Expression& e);
// A bool or a string written as a literal (no interpolation, no heredoc).
bool is_literal(const hcl::Expression& e);
// `x.a.b` with x a Variable: {"x", "a", "b"}; empty for anything else.
std::vector<std::string> traversal(const hcl::Expression& e);
// The item of a literal object whose key is `key` (an identifier or a literal string), or nullptr.
const hcl::ObjectItem* object_item(const hcl::Expression& object, const std::string& key);

}  // namespace stance::fix
