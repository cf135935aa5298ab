// `stance kb list` and `stance kb show RULE`.
#pragma once

#include <optional>
#include <string>

#include "cli/app.hpp"
#include "cli/terminal.hpp"

namespace stance::cli {

struct KbArgs {
  std::optional<std::string> kb_dir;
  std::string rule;
  std::string format = "text";
  ColorMode color = ColorMode::Auto;
};

int run_kb_list(const KbArgs& args, Streams streams);
int run_kb_show(const KbArgs& args, Streams streams);

}  // namespace stance::cli
