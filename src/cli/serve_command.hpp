// `stance serve --db PATH [--listen 127.0.0.1:8080] [--token TOKEN]`: the read-only web dashboard over the
// history (src/serve/).
#pragma once

#include <optional>
#include <string>

#include "cli/app.hpp"

namespace stance::cli {

struct ServeArgs {
  std::string db;
  std::string listen = "127.0.0.1:8080";
  std::optional<std::string> token;  // else STANCE_SERVE_TOKEN from the environment (keeps it out of `ps`)
  bool verbose = false;              // log each request on standard error
};

int run_serve(const ServeArgs& args, Streams streams);

}  // namespace stance::cli
