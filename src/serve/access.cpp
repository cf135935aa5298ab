#include "serve/access.hpp"

#include <algorithm>

namespace stance::serve {

namespace {

// A dotted IPv4 address 127.a.b.c. Not a prefix test: "127.0.0.1.attacker.example" is a name anyone can
// point anywhere.
bool is_ipv4_loopback(std::string_view host) {
  int parts = 0;
  while (true) {
    std::size_t digits = 0;
    int value = 0;
    while (digits < host.size() && host[digits] >= '0' && host[digits] <= '9' && digits < 3) {
      value = value * 10 + (host[digits] - '0');
      ++digits;
    }
    if (digits == 0 || value > 255 || (parts == 0 && value != 127)) return false;
    ++parts;
    host.remove_prefix(digits);
    if (host.empty()) return parts == 4;
    if (host.front() != '.' || parts == 4) return false;
    host.remove_prefix(1);
  }
}

}  // namespace

bool is_loopback(std::string_view host) {
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  return host == "localhost" || host == "::1" || is_ipv4_loopback(host);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Every byte of the longer text is looked at whatever the other holds.
  const std::size_t n = std::max(a.size(), b.size());
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < n; ++i) {
    const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
    const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
    diff = static_cast<unsigned char>(diff | (x ^ y));
  }
  return diff == 0;
}

bool is_loopback_host_header(std::string_view h) {
  if (h.starts_with("[")) {
    const std::size_t close = h.find(']');
    if (close == std::string_view::npos) return false;
    return is_loopback(h.substr(0, close + 1));
  }
  const std::size_t colon = h.find(':');
  return is_loopback(h.substr(0, colon));
}

std::string token_problem(std::string_view token) {
  if (token.size() < 16) return "must be at least 16 characters long";
  for (char c : token) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '.' || c == '_' || c == '~' || c == '+' || c == '/' || c == '=';
    if (!ok) return "may hold only A-Z a-z 0-9 - . _ ~ + / =";
  }
  return "";
}

namespace {

// The value of `name` in a Cookie header ("a=1; stance_token=xyz"), or "".
std::string cookie_value(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const std::size_t end = header.find(';');
    std::string_view pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
      return std::string(pair.substr(name.size() + 1));
    }
    if (end == std::string_view::npos) break;
    header.remove_prefix(end + 1);
  }
  return "";
}

}  // namespace

bool authorized(const std::string& token, const Credentials& c) {
  if (token.empty()) return true;
  bool ok = false;
  constexpr std::string_view kBearer = "Bearer ";
  if (c.authorization.starts_with(kBearer)) ok |= constant_time_equal(c.authorization.substr(kBearer.size()), token);
  if (!c.query_token.empty()) ok |= constant_time_equal(c.query_token, token);
  const std::string cookie = cookie_value(c.cookie, kTokenCookie);
  if (!cookie.empty()) ok |= constant_time_equal(cookie, token);
  return ok;
}

}  // namespace stance::serve
