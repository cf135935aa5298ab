// The command line as a library: tests call run() with arguments and captured streams.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace stance::cli {

// Exit codes (../shared/DESIGN.md section 4).
inline constexpr int kExitOk = 0;          // no failing finding
inline constexpr int kExitFindings = 1;    // at least one failing finding (at or above --fail-on)
inline constexpr int kExitIncomplete = 2;  // usage error, or a source could not be read completely

struct Streams {
  std::ostream& out;
  std::ostream& err;
  bool out_is_terminal = false;
  bool err_is_terminal = false;
  std::istream* in = nullptr;   // confirmation prompts (`fix --apply`); null: never asks
  bool in_is_terminal = false;
};

int run(const std::vector<std::string>& args, Streams streams);

}  // namespace stance::cli
