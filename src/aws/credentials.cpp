#include "aws/credentials.hpp"

#include <ostream>

namespace stance::aws {

namespace {
const char* redacted(const std::string& secret) { return secret.empty() ? "<none>" : "<redacted>"; }
}  // namespace

std::string to_string(const Credentials& credentials) {
  return "Credentials{access_key_id=" + (credentials.access_key_id.empty() ? "<none>" : credentials.access_key_id) +
         ", secret_access_key=" + redacted(credentials.secret_access_key) +
         ", session_token=" + redacted(credentials.session_token) + "}";
}

std::ostream& operator<<(std::ostream& out, const Credentials& credentials) {
  return out << to_string(credentials);
}

}  // namespace stance::aws
