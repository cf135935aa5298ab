// One Terraform module as written: the .tf files of one directory, parsed, with the declarations the
// evaluator needs indexed by name (variables, locals, outputs, resources, module calls). Nothing is
// evaluated here. A file that does not parse is reported (Terraform's message at file:line:col) and left
// out; the rest of the module is still read.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/hcl/ast.hpp"

namespace stance::terraform {

struct SourceFile {
  std::string path;
  std::string text;
  hcl::Body body;

  // Line `n` (1-based) of text without its line end ("\n"; a "\r" before it stays). Line 1 of an empty
  // text is empty; past the last line, empty too. Line starts are indexed on first use: a scan reads the
  // comments around every trail, and splitting the file each time made that quadratic. Only every
  // kLinesPerMark-th line start is kept (one per line was 40% of the text's size); line() finds the others.
  std::string_view line(std::size_t n) const;
  std::size_t line_count() const;

  static constexpr std::size_t kLinesPerMark = 16;
  mutable std::vector<std::uint32_t> line_marks;  // the starts of lines 1, 17, 33, ...; empty until first use
  mutable std::size_t lines = 0;
};

// A block of an override file (override.tf, x_override.tf, and their .tf.json forms) that Terraform merges
// into the declaration of the same name.
struct Override {
  const hcl::Block* block = nullptr;
  const SourceFile* file = nullptr;
};

// A declaration and the file it is in (pointers stay valid as long as the ModuleConfig lives).
struct Declared {
  const hcl::Block* block = nullptr;       // variable, output, resource, data, module
  const hcl::Attribute* attribute = nullptr;  // locals (an overridden local points at the override's)
  const SourceFile* file = nullptr;
  std::vector<Override> overrides;  // blocks: override files' blocks for it, in the order they are merged
};

// An attribute of a block declaration after its overrides: the last override that sets it wins.
struct MergedAttribute {
  const hcl::Attribute* attribute = nullptr;  // null: set nowhere
  const SourceFile* file = nullptr;
};
MergedAttribute merged_attribute(const Declared& decl, std::string_view name);

struct ResourceDecl : Declared {
  std::string type;  // "aws_cloudtrail"
  std::string name;  // the second label
  // `block` is the header only: the body was dropped while parsing and resource_block() reads it again.
  bool body_deferred = false;
};

// The resource's block with its body: `decl.block` itself, or, when its body was deferred, the block parsed
// again from its file's text, owned by the result. A scan holds one resource's tree at a time this way.
std::shared_ptr<const hcl::Block> resource_block(const ResourceDecl& decl);

struct ModuleCall : Declared {
  std::string name;
  std::string source;      // as written; empty when absent or not a literal string
  bool local = false;      // "./..." or "../...": a directory stance reads
  std::string directory;   // local: the child module's directory, lexically normalised
};

struct ModuleConfig {
  std::string directory;
  std::vector<std::unique_ptr<SourceFile>> files;
  std::map<std::string, Declared> variables;
  std::map<std::string, Declared> locals;
  std::map<std::string, Declared> outputs;
  std::vector<ResourceDecl> resources;  // managed resources, in file order (read for a scan: see LoadOptions)
  std::vector<ModuleCall> calls;
  // Read for a scan, the resources of types that are not evaluated are not kept: only a 64-bit hash of
  // each one's type and name (resource_key()), sorted, so that an override file's block for one of them is
  // still told apart from a block that overrides nothing.
  std::vector<std::uint64_t> other_resources;

  bool declares(std::string_view resource_type) const;
};

// What a module is read for.
struct LoadOptions {
  // Empty: every block of every file is kept (what `stance fix` walks). Non-empty: only resources of these
  // types will be evaluated, so the module keeps only what evaluation reads: variable, locals, output and
  // module blocks, and the resources of these types. Those of primary .tf files keep only their header, with
  // `body_deferred`: they are parsed again, one at a time, when evaluated (resource_block()). Resources of
  // other types are left out of `resources` (`other_resources` remembers them; override files are checked
  // the same); data sources, providers, terraform blocks etc. are not kept. Blocks are dropped while parsing
  // and the syntax of the whole file is still checked. A scan's memory is then bounded by the declarations
  // and one resource's tree, not by the size of the configuration.
  std::vector<std::string> resource_types;
  // Source bytes of evaluated resources whose bodies are kept while parsing after all, instead of being
  // parsed a second time when evaluated: parsing a trail-dense file twice doubled its scan's parse time. The
  // budget is shared by every copy of these options (a loader's modules draw on one budget) and bounds what
  // this keeps alive: about 17 bytes of syntax tree per byte of source. Null: every such body is deferred.
  std::shared_ptr<std::size_t> kept_body_budget;
};

// The key of a resource in ModuleConfig::other_resources.
std::uint64_t resource_key(std::string_view type, std::string_view name);

// The module files of a directory: *.tf and *.tf.json, sorted by name. Override files (override.tf,
// *_override.tf and their .tf.json forms) are read after the others, in name order, and their blocks recorded
// as overrides of the declarations they name (an override of something not declared is an error, as in
// Terraform; overrides of module calls are reported as not supported). `texts` are (path, contents) pairs
// already read by the caller.
std::unique_ptr<ModuleConfig> load_module(const std::string& directory,
                                          std::vector<std::pair<std::string, std::string>> texts,
                                          Diagnostics& diag, const LoadOptions& options = {});

// Whether Terraform treats the file (by its name) as an override file.
bool is_override_file(std::string_view path);

// Reads the *.tf files of `directory` from disk and loads them.
std::unique_ptr<ModuleConfig> load_module_directory(const std::string& directory, Diagnostics& diag,
                                                    const LoadOptions& options = {});

// The path of file `name` of the module in `directory` (lexically normal): "main.tf" in ".", else
// "dir/main.tf" — the path as the user reaches it from the current directory, with no "./" in front, as
// CloudFormation templates' paths are shown.
std::string module_file_path(const std::string& directory, const std::string& name);

// "./x" and "../x" relative to `from`, lexically normalised ("a/./b/../c" -> "a/c").
std::string join_module_path(const std::string& from, const std::string& relative);

}  // namespace stance::terraform
