// Credentials from STS: AssumeRole signed with source credentials (profiles' role_arn, --role-arn for
// multi-account scans) and the unsigned AssumeRoleWithWebIdentity (CI systems, EKS service accounts). Both
// return providers that refresh the role's credentials before they expire.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "aws/credential_provider.hpp"
#include "aws/credentials/refreshing_provider.hpp"
#include "aws/endpoints.hpp"
#include "aws/http_client.hpp"
#include "aws/retry.hpp"

namespace stance::aws::credentials {

// How to reach STS.
struct StsSettings {
  std::shared_ptr<HttpClient> http;
  Endpoints endpoints;          // AWS_ENDPOINT_URL_STS etc. apply
  std::string region;           // the regional STS endpoint to call; empty: us-east-1
  RetryPolicy retry;
  HttpOptions http_options;
};

struct AssumeRoleOptions {
  std::string role_arn;
  std::string role_session_name;           // empty: "stance-<seconds since the epoch>"
  std::string external_id;                 // empty: none
  std::optional<int> duration_seconds;     // 900..43200; STS's default (one hour) when absent
  // Where the role is configured, for descriptions and errors: "profile prod (/home/me/.aws/config:3)",
  // "--role-arn". Empty: "--role-arn".
  std::string origin;
};

// AssumeRole signed with `source`. The result is cached and refreshed before expiry (RefreshOptions).
std::shared_ptr<CredentialProvider> make_assume_role_provider(std::shared_ptr<CredentialProvider> source,
                                                              AssumeRoleOptions options, StsSettings sts,
                                                              RefreshOptions refresh = {});

struct WebIdentityOptions {
  std::string role_arn;
  std::string token_file;                  // read again at every refresh (the token rotates)
  std::string role_session_name;           // empty: "stance-<seconds since the epoch>"
  std::optional<int> duration_seconds;
  std::string origin;                      // "environment (AWS_WEB_IDENTITY_TOKEN_FILE)", "profile ci (...)"
};

// Unsigned AssumeRoleWithWebIdentity; cached and refreshed before expiry.
std::shared_ptr<CredentialProvider> make_web_identity_provider(WebIdentityOptions options, StsSettings sts,
                                                               RefreshOptions refresh = {});

// The <Credentials> of an AssumeRole / AssumeRoleWithWebIdentity response body; result_element is
// "AssumeRoleResult" or "AssumeRoleWithWebIdentityResult". Errors name the missing element only.
CredentialsResult parse_sts_credentials(const std::string& body, const std::string& result_element);

// "stance-1795000000"
std::string default_role_session_name();

}  // namespace stance::aws::credentials
