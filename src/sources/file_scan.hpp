// Scanning files and directories: walks the paths, hands each file to the source that claims it, and
// runs files in parallel. Results are merged in path order so output does not depend on scheduling.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "sources/cloudformation/cloudformation.hpp"
#include "sources/source.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::sources {

struct FileScanOptions {
  cloudformation::Options cloudformation;
  stance::terraform::Options terraform;  // --var / --var-file / TF_VAR_* for Terraform root modules
  unsigned jobs = 0;  // 0 = one per core
  // Called from worker threads after each file (serialised by the caller's own locking if needed).
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Called from worker threads with each file's result as soon as it is read; the scanner uses it to
  // evaluate rules there and drop the trails, so memory does not grow with every trail of a large tree.
  std::function<void(SourceResult&)> on_file;
};

// Directories are walked recursively in sorted order, skipping version-control, dependency and tool
// folders (.git, node_modules, .terraform, .aws-sam, ...). A file named explicitly is always read.
struct FileList {
  std::vector<std::string> files;
  std::vector<engine::ScanError> errors;  // paths that do not exist or cannot be listed
  std::vector<std::string> notes;
};
FileList collect_files(const std::vector<std::string>& paths);

SourceResult scan_paths(const std::vector<std::string>& paths, const FileScanOptions& options);

}  // namespace stance::sources
