// What happens when a person pastes a command stance printed into their shell: the command runs under
// `SHELL -c` in a fresh directory, with a stub `aws` first on PATH that records the arguments of every call
// (and does nothing else). A test then checks that the stub got exactly the values stance meant, each as one
// argument, and that nothing else ran (no PWNED file in the directory).
#pragma once

#include <map>
#include <string>
#include <vector>

namespace stance::testing {

struct Pasted {
  int code = -1;
  std::vector<std::vector<std::string>> aws_calls;  // the arguments of each `aws` call, in order
  bool pwned = false;                                // a file named PWNED appeared
  std::string err;                                   // the shell's standard error
};

// The shells of bash, dash and zsh that are installed (bash always is).
std::vector<std::string> installed_shells();

Pasted paste_into(const std::string& shell, const std::string& command,
                  const std::map<std::string, std::string>& environment = {});

// The value following `option` in a call ("" when absent).
std::string argument_after(const std::vector<std::string>& call, const std::string& option);

}  // namespace stance::testing
