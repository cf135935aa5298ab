#include "cli/template_inputs.hpp"

#include "cli/terminal.hpp"
#include "sources/cloudformation/cloudformation.hpp"

namespace stance::cli {

bool collect_parameters(const std::vector<std::string>& parameter_files, const std::vector<std::string>& parameters,
                        std::map<std::string, std::string>& out, std::ostream& err) {
  bool ok = true;
  for (const auto& file : parameter_files) {
    auto loaded = sources::cloudformation::load_parameter_file(file);
    for (const auto& e : loaded.errors) {
      print_problem(err, "error", e);
      ok = false;
    }
    for (auto& [k, v] : loaded.values) out[k] = v;
  }
  for (const auto& p : parameters) {
    const auto eq = p.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "stance: --parameter expects Key=Value, got \"" << p << "\"\n";
      ok = false;
      continue;
    }
    out[p.substr(0, eq)] = p.substr(eq + 1);
  }
  return ok;
}

std::vector<terraform::VarArgument> terraform_var_arguments(const std::vector<std::pair<bool, std::string>>& vars) {
  std::vector<terraform::VarArgument> out;
  for (const auto& [is_file, text] : vars) out.push_back({is_file, text});
  return out;
}

}  // namespace stance::cli
