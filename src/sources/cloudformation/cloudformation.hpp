// The CloudFormation source: JSON and YAML templates (plain, SAM, CDK output) -> model::Trail.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "sources/source.hpp"

namespace stance::sources::cloudformation {

// The names of the parameters the scanned templates declare, gathered from the scan's worker threads.
class DeclaredParameters {
 public:
  void add(const std::string& name);
  std::set<std::string> names() const;

 private:
  mutable std::mutex mutex_;
  std::set<std::string> names_;
};

struct Options {
  // Parameter values, highest precedence first already merged by the caller:
  // --parameter Key=Value over parameter files over the template's Default. A value outside the
  // parameter's AllowedValues is an error at the AllowedValues list.
  std::map<std::string, std::string> parameters;
  // When set, receives every parameter name a scanned template declares (the CLI rejects a --parameter
  // that no template declares, as CloudFormation does).
  std::shared_ptr<DeclaredParameters> declared;
  // A selected rule judges the trails' buckets or keys (CT-003, CT-004, CT-008, CT-013, CT-015): their
  // settings and the bucket policies are read too. Off, only what links a trail to them is read.
  bool related_resources = false;
};

// Files worth opening when walking a directory: .yaml .yml .json .template (case-insensitive).
bool is_candidate(const std::filesystem::path& path);

// Whether a template's text can declare a resource that a rule judges, by a byte search for the type names
// (a resource's Type is always a literal string). False means parsing it cannot change any finding, so a
// directory walk skips it unparsed; escapes that could spell a type name without its letters (JSON `\u`,
// YAML `\x` `\u` `\U` and escaped line breaks in double-quoted scalars) mean true.
bool may_declare_judged_resources(std::string_view text);

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

// AllowedValues narrowing an unknown: the template's parameters that have no value (none given, no
// Default) but at most 16 allowed ones, and every combination of their allowed values merged over
// `options.parameters` — none when there are more than 64 combinations (the caller then keeps the
// unknown). Evaluating a trail once per assignment tells whether the verdict depends on them at all.
struct AllowedValueAssignments {
  std::vector<std::string> parameters;                         // the names varied, in template order
  std::vector<std::map<std::string, std::string>> assignments;  // each a complete parameter map
};
AllowedValueAssignments allowed_value_assignments(std::string_view text, const std::string& path,
                                                  const Options& options);

}  // namespace stance::sources::cloudformation
