// `stance diff --db PATH SCAN_A SCAN_B [--format text|json]`: the findings that are new, resolved or changed
// in scan B compared with scan A (ids as `stance history` shows them).
#pragma once

#include <cstdint>
#include <string>

#include "cli/app.hpp"

namespace stance::cli {

struct DiffArgs {
  std::string db;
  std::int64_t scan_a = 0;
  std::int64_t scan_b = 0;
  std::string format = "text";  // text | json
};

// Exit code: 0 when B has no new failing finding, 1 when it has, 2 when the history cannot be read.
int run_diff(const DiffArgs& args, Streams streams);

}  // namespace stance::cli
