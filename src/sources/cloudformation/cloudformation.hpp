// The CloudFormation source: JSON and YAML templates (plain, SAM, CDK output) -> model::Trail.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "sources/source.hpp"

namespace stance::sources::cloudformation {

struct Options {
  // Parameter values, highest precedence first already merged by the caller:
  // --parameter Key=Value over parameter files over the template's Default.
  std::map<std::string, std::string> parameters;
};

// Files worth opening when walking a directory: .yaml .yml .json .template (case-insensitive).
bool is_candidate(const std::filesystem::path& path);

// Reads and evaluates one template file. A file that is not CloudFormation yields no trails, no errors,
// files_scanned = 0 and a note ("skipped ...: not a CloudFormation template").
SourceResult scan_file(const std::string& path, const Options& options);

// Same, on text already in memory (tests, fuzzing). `path` is used for locations and decides JSON vs
// YAML by extension (.json = JSON first, YAML fallback with a warning, as CloudFormation does).
SourceResult scan_text(std::string_view text, const std::string& path, const Options& options);

// Loads a parameter file in the CloudFormation CLI's format:
//   [ { "ParameterKey": "Env", "ParameterValue": "prod" }, ... ]
// Errors carry file:line:col.
struct ParameterFile {
  std::map<std::string, std::string> values;
  std::vector<engine::ScanError> errors;
};
ParameterFile load_parameter_file(const std::string& path);

}  // namespace stance::sources::cloudformation
