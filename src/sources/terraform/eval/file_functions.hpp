// Terraform's filesystem functions: file, fileexists, fileset, filebase64, filemd5, filesha1, filesha256,
// filesha512, filebase64sha256, filebase64sha512 and templatefile. Relative paths are read from the root module's
// directory, as Terraform reads them when it runs there (path.module is relative to it, so
// file("${path.module}/policy.json") finds a child module's file).
//
// The scan root is a boundary. Terraform trusts its configuration; stance scans repositories that strangers
// write, in CI jobs that hold credentials. A path is resolved (symlinks included) and read only when it is a
// regular file inside the scan root: an absolute path or a `../` that leaves it, a symlink pointing out of it,
// a FIFO, a device or a /proc file gives an Unknown and a warning at the argument naming the function (never
// the file's content, nor the path, which may itself be computed from content). fileset() lists only the
// regular files inside the root, and its results are cached by (directory, pattern).
//
// A file that does not exist gives an Unknown with the reason, not an error: a pipeline may build it before
// `terraform plan` (a Lambda zip), and stance must not fail a scan, nor guess, because of that. fileexists
// answers false for it, as Terraform would. fileset's patterns are glob.hpp's.
#pragma once
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/eval/functions.hpp"

namespace stance::terraform {

bool is_file_function(std::string_view name);

// A file function's result, and a warning to report at argument `warning_arg` when it refused a path.
struct FileFunctionResult {
  FunctionResult result;
  std::string warning;
  std::size_t warning_arg = 0;
};

// Where the file functions of one root module read: relative paths start at `base_directory` (the root
// module's directory) and nothing outside `scan_root` is read. Both are absolute. Holds fileset()'s cache.
class FileAccess {
 public:
  FileAccess(std::string base_directory, std::string scan_root);

  const std::string& base_directory() const { return base_directory_; }
  const std::string& scan_root() const { return scan_root_; }  // canonical (symlinks resolved)

  // fileset() results by (resolved directory, pattern): the walk is done once however often it is called.
  std::map<std::pair<std::string, std::string>, FileFunctionResult>& fileset_cache() { return fileset_cache_; }

 private:
  std::string base_directory_;
  std::string scan_root_;
  std::map<std::pair<std::string, std::string>, FileFunctionResult> fileset_cache_;
};

// Template errors are reported through `diag` at their position in the template file.
FileFunctionResult call_file_function(std::string_view name, std::vector<Value> args, FileAccess& access,
                                      Diagnostics& diag);

}  // namespace stance::terraform
