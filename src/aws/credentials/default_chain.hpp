// The default credential chain, in botocore's order:
//   1. environment (AWS_ACCESS_KEY_ID...), unless a profile was named explicitly (--profile)
//   2. the profile (--profile, AWS_PROFILE, AWS_DEFAULT_PROFILE or "default"): assume role, web identity,
//      static keys, credential_process
//   3. web identity from the environment (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN)
//   4. ECS container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)
//   5. EC2 instance metadata (IMDSv2), unless AWS_EC2_METADATA_DISABLED
// The first source that is configured is used from then on; when none is, the error lists what was tried.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "aws/credential_provider.hpp"
#include "aws/credentials/container_provider.hpp"
#include "aws/credentials/environment.hpp"
#include "aws/credentials/imds_provider.hpp"
#include "aws/credentials/refreshing_provider.hpp"
#include "aws/credentials/sts_providers.hpp"
#include "aws/endpoints.hpp"
#include "aws/http_client.hpp"
#include "aws/retry.hpp"

namespace stance::aws::credentials {

struct CredentialChainOptions {
  std::string profile;                      // --profile; empty: AWS_PROFILE, AWS_DEFAULT_PROFILE, "default"
  std::shared_ptr<HttpClient> http;         // null: make_curl_http_client(AWS_CA_BUNDLE)
  std::optional<Endpoints> endpoints;       // for STS; null: Endpoints::from_environment()
  std::string region;                       // STS region (--region); empty: resolve_region(), else us-east-1
  std::optional<Environment> environment;   // null: this process's environment
  RefreshOptions refresh;
  ContainerOptions container;
  ImdsOptions imds;
  RetryPolicy sts_retry;
  HttpOptions sts_http;
};

// Resolves lazily, on the first get(): reading files and probing instance metadata happen then, once.
std::shared_ptr<CredentialProvider> make_default_credential_provider(const CredentialChainOptions& options = {});

// How to reach STS for these options (the http client, endpoints and region the chain would use): for
// make_assume_role_provider with an explicit --role-arn.
StsSettings sts_settings(const CredentialChainOptions& options);

struct ResolvedRegion {
  std::string region;  // empty when nothing names one
  std::string source;  // "AWS_REGION", "AWS_DEFAULT_REGION", "profile prod (/home/me/.aws/config:4)"
};

// AWS_REGION, then AWS_DEFAULT_REGION, then the profile's `region` (the profile chosen as in the chain).
ResolvedRegion resolve_region(const std::string& explicit_profile = {},
                              const Environment& environment = Environment::process());

}  // namespace stance::aws::credentials
