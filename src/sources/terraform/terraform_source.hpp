// The Terraform source: directories of .tf / .tf.json files (each directory is a module) -> model::Trail for every
// aws_cloudtrail instance, evaluated as Terraform would before apply (eval/). A directory that another
// scanned module calls as a local child module (`source = "./x"`) is read as that child, with the caller's
// inputs, and not again as a root module of its own. Remote modules (registry, git, ...) are read where
// `terraform init` installed them (.terraform/modules/modules.json of the root); one that is not on disk is a
// warning at its call, once for all the roots that lack it.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sources/source.hpp"
#include "sources/terraform/eval/variables.hpp"

namespace stance::terraform {

struct Options {
  // --var / --var-file (command-line order) and TF_VAR_*; applied to every root module scanned.
  VariableInputs variables;
  // Texts to read instead of these files on disk (paths lexically normal, as the module's directory joined
  // with the file name): .tf / .tf.json files of a module and its terraform.tfvars / *.auto.tfvars. Lets
  // `stance fix` re-scan an edit before writing it. An overlaid .tfvars keeps the set of names it assigns.
  std::map<std::string, std::string> file_texts;
  // The paths given to `stance scan`: the boundary of the filesystem functions (file(), fileset(), ...). A
  // root module reads files only inside the scan root that holds it; with none given, or none holding it,
  // inside its own directory.
  std::vector<std::string> scan_roots;
  // A selected rule judges the trails' buckets or keys: aws_s3_bucket (and its split resources) and
  // aws_kms_key are evaluated too. Off, they are not even kept while parsing (issue 12).
  bool related_resources = false;
};

// Files that make a directory a Terraform module: *.tf and *.tf.json.
bool is_candidate(const std::filesystem::path& path);

// Scans the modules in `directories` (the directories holding the .tf files found). Problems are
// ScanErrors with file:line:col; files_scanned counts the .tf files read.
sources::SourceResult scan_directories(const std::vector<std::string>& directories, const Options& options);

}  // namespace stance::terraform
