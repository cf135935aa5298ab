#include "cli/template_inputs.hpp"

#include <ostream>

#include "cli/terminal.hpp"
#include "sources/cloudformation/cloudformation.hpp"

namespace stance::cli {

bool collect_parameters(const std::vector<std::string>& parameter_files, const std::vector<std::string>& parameters,
                        std::map<std::string, std::string>& out, std::vector<engine::ScanError>& errors) {
  const std::size_t before = errors.size();
  for (const auto& file : parameter_files) {
    auto loaded = sources::cloudformation::load_parameter_file(file);
    errors.insert(errors.end(), loaded.errors.begin(), loaded.errors.end());
    for (auto& [k, v] : loaded.values) out[k] = v;
  }
  for (const auto& p : parameters) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      errors.push_back({"command line", "--parameter expects Key=Value, got \"" + p + "\"", model::Location{}});
      continue;
    }
    out[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return errors.size() == before;
}

bool collect_parameters(const std::vector<std::string>& parameter_files, const std::vector<std::string>& parameters,
                        std::map<std::string, std::string>& out, std::ostream& err) {
  std::vector<engine::ScanError> errors;
  const bool ok = collect_parameters(parameter_files, parameters, out, errors);
  for (const auto& e : errors) print_problem(err, "error", e);
  return ok;
}

std::vector<engine::ScanError> undeclared_parameters(const std::map<std::string, std::string>& given,
                                                     const std::set<std::string>& declared) {
  std::vector<engine::ScanError> errors;
  std::string known;
  for (const auto& d : declared) known += (known.empty() ? "" : ", ") + d;
  for (const auto& entry : given) {
    const std::string& name = entry.first;
    if (declared.count(name) || name.starts_with("AWS::")) continue;  // AWS::Region etc. are pseudo parameters
    errors.push_back({"command line", "--parameter " + name + ": no scanned template declares a parameter \"" + name +
                                         "\" (declared: " + (known.empty() ? "none" : known) + ")",
                      model::Location{}});
  }
  return errors;
}

std::vector<terraform::VarArgument> terraform_var_arguments(const std::vector<std::pair<bool, std::string>>& vars) {
  std::vector<terraform::VarArgument> out;
  for (const auto& [is_file, text] : vars) out.push_back({is_file, text});
  return out;
}

}  // namespace stance::cli
