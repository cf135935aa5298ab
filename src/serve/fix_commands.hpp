// The commands that fix a recorded finding, as a person pastes them: the history keeps the finding, not the
// resource, so the dashboard points at `stance fix` (which reads the resource again) rather than at an edit.
#pragma once

#include <string>
#include <vector>

#include "serve/posture.hpp"

namespace stance::serve {

struct FixCommand {
  std::string purpose;  // "Preview the fix", ...
  std::string command;  // shell-quoted (common/shell_quote): safe to paste whatever the names hold
};

// Templates: `stance fix PATHS --rule R --diff` and `--write`, and `stance kb show R --for RESOURCE PATHS`
// (the article's snippets filled in for this resource). Live: `stance fix --aws --rule R --region REGION`
// (a plan) and the same with `--apply`.
std::vector<FixCommand> fix_commands(const PostureFinding& finding);

}  // namespace stance::serve
