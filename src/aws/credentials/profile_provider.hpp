// What a profile's settings say about credentials, in botocore's order: role_arn with source_profile or
// credential_source (AssumeRole, chains of any length), role_arn with web_identity_token_file, static keys
// (aws_access_key_id, aws_secret_access_key, aws_session_token), credential_process. Configuration mistakes
// (a missing source profile, a cycle, half a key pair) are found here, before any call, and name file:line.
#pragma once
#include <memory>
#include <string>

#include "aws/credential_provider.hpp"
#include "aws/credentials/container_provider.hpp"
#include "aws/credentials/environment.hpp"
#include "aws/credentials/imds_provider.hpp"
#include "aws/credentials/refreshing_provider.hpp"
#include "aws/credentials/shared_config.hpp"
#include "aws/credentials/sts_providers.hpp"

namespace stance::aws::credentials {

// What building network-backed providers needs.
struct ProviderContext {
  Environment environment = Environment::process();
  std::shared_ptr<HttpClient> http;  // for ECS and IMDS (STS goes through sts.http)
  StsSettings sts;
  RefreshOptions refresh;
  ContainerOptions container;
  ImdsOptions imds;
};

struct ProfileCredentials {
  std::shared_ptr<CredentialProvider> provider;  // null: no credentials configured in it, or error
  std::string error;                             // a configuration mistake: "profile a (/x/config:4): ..."
};

// The credentials profile `name` configures. A profile that does not exist is an error.
ProfileCredentials resolve_profile_credentials(const SharedConfig& config, const std::string& name,
                                               const ProviderContext& context);

}  // namespace stance::aws::credentials
