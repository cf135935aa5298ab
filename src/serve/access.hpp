// Who may read the dashboard. On a loopback address only local users can connect; any other address needs
// a token, which every request must carry: `Authorization: Bearer TOKEN`, `?token=TOKEN` (the first visit
// from a browser), or the cookie the server sets after a `?token=` visit so that the page's links work.
#pragma once

#include <string>
#include <string_view>

namespace stance::serve {

// 127.0.0.0/8, ::1, localhost.
bool is_loopback(std::string_view host);

// Compares in time that depends on the lengths only, not on where the texts first differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// The request's credentials, as given (empty when absent).
struct Credentials {
  std::string authorization;  // the Authorization header
  std::string query_token;    // ?token=
  std::string cookie;         // the Cookie header
};

// Whether the request may be answered: always when `token` is empty (no token configured), else when one of
// the credentials carries exactly `token`.
bool authorized(const std::string& token, const Credentials& credentials);

// A Host header that names this machine (a loopback address or localhost, any port). Without a token the
// server answers only those: a web page elsewhere that points its own name at 127.0.0.1 (DNS rebinding)
// sends its own name as the Host, and gets nothing.
bool is_loopback_host_header(std::string_view host_header);

// A token must be at least 16 characters of A-Z a-z 0-9 - . _ ~ + / = (hex, base64, a UUID): it travels in a
// header, a query and a cookie, none of which needs quoting then. Returns why not, or "" when it is fine.
std::string token_problem(std::string_view token);

inline constexpr std::string_view kTokenCookie = "stance_token";

}  // namespace stance::serve
