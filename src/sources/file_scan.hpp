// Scanning files and directories: walks the paths, hands each file to the source that claims it, and
// runs files in parallel. Results are merged in path order so output does not depend on scheduling.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <unordered_set>
#include <vector>

#include "sources/cloudformation/cloudformation.hpp"
#include "sources/source.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::sources {

inline constexpr std::size_t kDefaultReadBudget = std::size_t{256} << 20;

struct FileScanOptions {
  cloudformation::Options cloudformation;
  stance::terraform::Options terraform;  // --var / --var-file / TF_VAR_* for Terraform root modules
  unsigned jobs = 0;  // 0 = one per core
  // Parallel reads hold the sum of the sizes of the files in flight under this many bytes (see ByteBudget).
  std::size_t memory_budget = kDefaultReadBudget;
  // Called from worker threads after each file (serialised by the caller's own locking if needed).
  std::function<void(std::size_t done, std::size_t total)> progress;
  // Called during the directory walk with the number of files found so far.
  std::function<void(std::size_t found)> walk_progress;
  // Called from worker threads with each file's result as soon as it is read; the scanner uses it to
  // evaluate rules there and drop the trails, so memory does not grow with every trail of a large tree.
  std::function<void(SourceResult&)> on_file;
};

// Directories are walked recursively in sorted order, skipping version-control, dependency and tool
// folders (.git, node_modules, .terraform, .aws-sam, ...). A file named explicitly is always read.
// The walk is safe on hostile trees: each real file is listed once however it is reached (the same path
// twice, a symlinked alias: identity is device + inode), a directory reached again (a symlink loop or
// alias) is not walked again, special files (FIFOs, sockets, devices) and the /proc, /sys and /dev
// pseudo-filesystems are skipped with a note, and named on the command line they are errors.
struct FileList {
  std::vector<std::string> files;
  std::vector<engine::ScanError> errors;  // paths that do not exist, cannot be listed, or cannot be read
  std::vector<std::string> notes;
  // The files of `files` that were named on the command line rather than found by walking a directory: a
  // binary one is an error ("not a template"), where a binary found by walking is skipped with a note.
  std::unordered_set<std::string> named;
};
// `on_found`, when set, is called with the number of files listed so far each time one is added (progress
// while a large tree is walked).
FileList collect_files(const std::vector<std::string>& paths, const std::function<void(std::size_t)>& on_found = {});

SourceResult scan_paths(const std::vector<std::string>& paths, const FileScanOptions& options);

}  // namespace stance::sources
