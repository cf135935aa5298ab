// `stance report --db PATH --format html [-o FILE]`: the dashboard's overview as one self-contained file.
#pragma once

#include <string>

#include "cli/app.hpp"

namespace stance::cli {

struct ReportArgs {
  std::string db;
  std::string format = "html";  // html (the only one so far; text and JSON are `stance history`'s)
  std::string output;           // "" or "-": standard output
};

int run_report(const ReportArgs& args, Streams streams);

}  // namespace stance::cli
