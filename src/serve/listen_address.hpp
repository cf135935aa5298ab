// `--listen HOST:PORT` for `stance serve`: 127.0.0.1:8080, localhost:0, [::1]:8080, 0.0.0.0:443.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace stance::serve {

struct ListenAddress {
  std::string host;  // without brackets
  int port = 0;      // 0..65535; 0 = any free port
};

// nullopt when the text is not HOST:PORT with a port of 0..65535 and a non-empty host.
std::optional<ListenAddress> parse_listen_address(std::string_view text);

}  // namespace stance::serve
