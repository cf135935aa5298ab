// Paths a scan leaves out: `--skip-path GLOB` (relative to each scanned path) and `exclude:` in
// .stance.yaml (relative to the configuration file's directory). A pattern that matches a directory leaves
// out everything under it; '*' matches within a name, '**' across directories (Terraform fileset() syntax).
// Compare Trivy --skip-dirs/--skip-files and Checkov --skip-path.
#pragma once

#include <string>
#include <vector>

#include "engine/finding.hpp"

namespace stance::cli {

struct SkipPattern {
  std::string glob;
  std::string base;    // absolute directory the pattern is relative to; empty: relative to the scanned path
  std::string origin;  // "--skip-path" or the configuration file, for messages
  model::Location where;
};

// A malformed pattern (an unclosed '[' or '{', a trailing '\') is an error naming where it was written.
std::vector<engine::ScanError> check_patterns(const std::vector<SkipPattern>& patterns);

// True when `relative` (a '/'-separated path) or one of its leading directories matches `glob`.
bool path_matches(const std::string& glob, const std::string& relative);

struct UnskippedFiles {
  std::vector<std::string> files;          // what the walk found, minus what the patterns leave out
  std::vector<engine::ScanError> errors;   // paths that do not exist or cannot be listed
  std::vector<std::string> notes;          // what was skipped and why (shown with -v)
};

// Walks `paths` as a scan does and leaves out the files the patterns match.
UnskippedFiles collect_unskipped(const std::vector<std::string>& paths, const std::vector<SkipPattern>& patterns);

}  // namespace stance::cli
