// The JSON shape credentials arrive in from credential_process, the ECS container endpoint and EC2 instance
// metadata ({"AccessKeyId": ..., "SecretAccessKey": ..., "Token"|"SessionToken": ..., "Expiration": ...}),
// and the ISO 8601 timestamps they (and STS) use. Errors say which field is wrong, never what it holds.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credential_provider.hpp"

namespace stance::aws::credentials {

struct JsonCredentialFields {
  std::string token_field = "Token";  // "SessionToken" for credential_process
  bool require_version_1 = false;     // credential_process: "Version": 1
  bool require_token = true;          // ECS and IMDS always issue temporary credentials
  bool require_expiration = true;     // optional for credential_process
  bool require_code_success = false;  // IMDS: "Code": "Success"
};

// On failure: error is "not a JSON object", "no SecretAccessKey", "Expiration is not an ISO 8601 time", ...
CredentialsResult parse_credentials_json(std::string_view text, const JsonCredentialFields& fields);

// "2026-11-27T10:00:00Z", "2011-07-15T23:28:33.359Z", "2026-11-27T12:00:00+02:00" -> UTC time point.
std::optional<std::chrono::system_clock::time_point> parse_iso8601(std::string_view text);

}  // namespace stance::aws::credentials
