// The template inputs `scan` and `fix` both take from the command line: CloudFormation parameters
// (--parameter-file, then --parameter Key=Value over them) and Terraform variables (--var / --var-file in
// command-line order).
#pragma once

#include <map>
#include <set>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "engine/finding.hpp"
#include "sources/terraform/eval/variables.hpp"

namespace stance::cli {

// Fills `out`; false (after printing each problem on `err`) when a file or a Key=Value is malformed.
bool collect_parameters(const std::vector<std::string>& parameter_files, const std::vector<std::string>& parameters,
                        std::map<std::string, std::string>& out, std::ostream& err);
// Same, adding the problems to `errors` instead of printing them.
bool collect_parameters(const std::vector<std::string>& parameter_files, const std::vector<std::string>& parameters,
                        std::map<std::string, std::string>& out, std::vector<engine::ScanError>& errors);

// An error for each given parameter that no scanned template declares (pseudo parameters AWS::* aside), as
// CloudFormation refuses a stack whose parameters the template does not declare.
std::vector<engine::ScanError> undeclared_parameters(const std::map<std::string, std::string>& given,
                                                     const std::set<std::string>& declared);

// (is_file, text) pairs as the CLI records them, in order, as the Terraform evaluator takes them.
std::vector<terraform::VarArgument> terraform_var_arguments(const std::vector<std::pair<bool, std::string>>& vars);

}  // namespace stance::cli
