// `stance serve`'s HTTP side (cpp-httplib): binds, answers GET and HEAD from the Dashboard with the security
// headers, checks the token, and stops cleanly on SIGTERM or SIGINT (requests in flight are finished).
#pragma once

#include <ostream>
#include <stdexcept>
#include <string>

#include "serve/dashboard.hpp"

namespace stance::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8080;    // 0: any free port (the line written to `out` says which)
  std::string token;  // "" only on a loopback host
  bool log_requests = false;
};

class ServeError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The headers of every answer: a Content-Security-Policy that allows only this server's own stylesheet and
// script (no inline script or style, no other origin, no framing), no MIME sniffing, no referrer, no caching.
const std::vector<std::pair<std::string, std::string>>& security_headers();

// Serves until SIGTERM or SIGINT, then returns. Once listening, writes "stance serve: listening on
// http://HOST:PORT/" to `out` and flushes it. Throws ServeError when the address cannot be bound.
// The signals are blocked in the calling thread while serving (and waited for), and unblocked after.
void run_server(Dashboard& dashboard, const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace stance::serve
