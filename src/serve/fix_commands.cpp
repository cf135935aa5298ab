#include "serve/fix_commands.hpp"

#include "common/shell_quote.hpp"

namespace stance::serve {

std::vector<FixCommand> fix_commands(const PostureFinding& finding) {
  const auto& f = finding.record;
  const std::string rule = " --rule " + shell::quote(f.rule_id);
  if (finding.source == "aws") {
    std::string base = "stance fix --aws" + rule;
    if (!f.region.empty()) base += " --region " + shell::quote(f.region);
    return {{"Plan the change (read-only)", base}, {"Make it, with a journal to roll back", base + " --apply"}};
  }
  std::string paths;
  for (const auto& p : finding.paths) paths += " " + shell::quote(p);
  if (paths.empty()) paths = " .";
  std::vector<FixCommand> out = {{"Preview the fix as a diff", "stance fix" + paths + rule + " --diff"},
                                 {"Edit the files in place", "stance fix" + paths + rule + " --write"}};
  if (!f.resource_id.empty()) {
    out.push_back({"The fix snippets filled in for this resource",
                   "stance kb show " + shell::quote(f.rule_id) + " --for " + shell::quote(f.resource_id) + paths});
  }
  return out;
}

}  // namespace stance::serve
