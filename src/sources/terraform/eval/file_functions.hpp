// Terraform's filesystem functions: file, fileexists, fileset, filebase64, filemd5, filesha1, filesha256,
// filesha512, filebase64sha256, filebase64sha512 and templatefile. Relative paths are read from the root module's
// directory, as Terraform reads them when it runs there (path.module is relative to it, so
// file("${path.module}/policy.json") finds a child module's file).
//
// A file that does not exist gives an Unknown with the reason, not an error: a pipeline may build it before
// `terraform plan` (a Lambda zip), and stance must not fail a scan, nor guess, because of that. fileexists
// answers false for it, as Terraform would. fileset's patterns are glob.hpp's.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "sources/terraform/eval/diagnostics.hpp"
#include "sources/terraform/eval/functions.hpp"

namespace stance::terraform {

bool is_file_function(std::string_view name);

// `base_directory`: where relative paths start (the root module's directory). Template errors are reported
// through `diag` at their position in the template file.
FunctionResult call_file_function(std::string_view name, std::vector<Value> args, const std::string& base_directory,
                                  Diagnostics& diag);

}  // namespace stance::terraform
