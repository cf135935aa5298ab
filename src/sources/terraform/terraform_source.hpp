// The Terraform source: directories of .tf / .tf.json files (each directory is a module) -> model::Trail for every
// aws_cloudtrail instance, evaluated as Terraform would before apply (eval/). A directory that another
// scanned module calls as a local child module (`source = "./x"`) is read as that child, with the caller's
// inputs, and not again as a root module of its own.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sources/source.hpp"
#include "sources/terraform/eval/variables.hpp"

namespace stance::terraform {

struct Options {
  // --var / --var-file (command-line order) and TF_VAR_*; applied to every root module scanned.
  VariableInputs variables;
};

// Files that make a directory a Terraform module: *.tf and *.tf.json.
bool is_candidate(const std::filesystem::path& path);

// Scans the modules in `directories` (the directories holding the .tf files found). Problems are
// ScanErrors with file:line:col; files_scanned counts the .tf files read.
sources::SourceResult scan_directories(const std::vector<std::string>& directories, const Options& options);

}  // namespace stance::terraform
