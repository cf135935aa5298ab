// `stance history --db PATH [--since DURATION] [--format text|json]`: the recorded scans and the transitions
// derived between them (new, resolved, regressed).
#pragma once

#include <optional>
#include <string>

#include "cli/app.hpp"

namespace stance::cli {

struct HistoryArgs {
  std::string db;
  std::optional<std::string> since;  // "7d", "12h": only scans and transitions this recent
  std::string format = "text";       // text | json
};

int run_history(const HistoryArgs& args, Streams streams);

}  // namespace stance::cli
