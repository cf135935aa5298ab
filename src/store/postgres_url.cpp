#include "store/postgres_url.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <vector>

namespace stance::store::postgres {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The passwords a URL carries, as written: "user:PASSWORD@" in its authority, "password=PASSWORD" in its query.
// Read by hand, not by libpq: they are needed exactly when libpq cannot parse the URL.
std::vector<std::string> passwords_in(std::string_view url) {
  std::vector<std::string> out;
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return out;
  const std::string_view rest = url.substr(scheme_end + 3);
  const std::string_view authority = rest.substr(0, rest.find_first_of("/?"));
  const std::size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    const std::string_view userinfo = authority.substr(0, at);
    const std::size_t colon = userinfo.find(':');
    if (colon != std::string_view::npos) out.emplace_back(userinfo.substr(colon + 1));
  }
  const std::size_t query = rest.find('?');
  if (query != std::string_view::npos) {
    std::string_view params = rest.substr(query + 1);
    while (!params.empty()) {
      const std::string_view param = params.substr(0, params.find('&'));
      params.remove_prefix(std::min(params.size(), param.size() + 1));
      const std::size_t eq = param.find('=');
      if (eq != std::string_view::npos && percent_decoded(param.substr(0, eq)) == "password") {
        out.emplace_back(param.substr(eq + 1));
      }
    }
  }
  return out;
}

void replace_all(std::string& text, const std::string& secret) {
  if (secret.empty()) return;
  for (std::size_t at = text.find(secret); at != std::string::npos; at = text.find(secret, at + 3)) {
    text.replace(at, secret.size(), "***");
  }
}

struct OptionsFree {
  void operator()(PQconninfoOption* options) const { PQconninfoFree(options); }
};

}  // namespace

bool is_postgres_url(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

std::string describe(const std::string& url) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, OptionsFree> options(PQconninfoParse(url.c_str(), &error));
  PQfreemem(error);  // may quote the URL: not shown
  if (!options) return "postgresql://(an unreadable URL)";
  std::string user, host, port, dbname;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    const std::string keyword = o->keyword;
    // The URL's own value, else libpq's environment default (PGHOST, PGUSER, ...), as the connection uses them.
    const char* value = o->val ? o->val : o->envvar && std::getenv(o->envvar) ? std::getenv(o->envvar) : nullptr;
    if (!value) continue;
    if (keyword == "user") user = value;
    else if (keyword == "host") host = value;
    else if (keyword == "port") port = value;
    else if (keyword == "dbname") dbname = value;
  }
  std::string out = "postgresql://";
  if (!user.empty()) out += user + "@";
  out += host;  // none: libpq's default, the local socket (spelled "postgresql:///db" too)
  if (!port.empty()) out += ":" + port;
  out += "/" + dbname;
  return redact(out, url);  // a password given as the user name's tail, say, stays out too
}

std::string printable_location(const std::string& location) {
  return is_postgres_url(location) ? describe(location) : location;
}

std::string redact(std::string message, std::string_view url) {
  for (const std::string& password : passwords_in(url)) {
    replace_all(message, password);
    replace_all(message, percent_decoded(password));
  }
  return message;
}

}  // namespace stance::store::postgres
