// Runs the stance binary as a user would, in a child process with exactly the environment given (no
// inherited AWS_* variables, HOME pointing at an empty folder), and captures its output.
#pragma once
#include <map>
#include <string>
#include <vector>

namespace stance::testing {

struct StanceRun {
  int code = -1;
  std::string out;
  std::string err;
};

StanceRun run_stance(const std::vector<std::string>& args, const std::map<std::string, std::string>& environment);

}  // namespace stance::testing
