// ECS (and EKS Pod Identity) container credentials: GET AWS_CONTAINER_CREDENTIALS_RELATIVE_URI from
// http://169.254.170.2, or AWS_CONTAINER_CREDENTIALS_FULL_URI, with the Authorization header from
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read at each refresh) or AWS_CONTAINER_AUTHORIZATION_TOKEN.
// A full URI over plain http must point at a loopback or the container agent's address, as the SDKs require.
#pragma once
#include <chrono>
#include <memory>

#include "aws/credential_provider.hpp"
#include "aws/credentials/environment.hpp"
#include "aws/credentials/refreshing_provider.hpp"
#include "aws/http_client.hpp"

namespace stance::aws::credentials {

struct ContainerOptions {
  HttpOptions http{std::chrono::milliseconds(2000), std::chrono::milliseconds(2000)};
  int attempts = 3;  // on connection errors and 5xx
};

// Whether AWS_CONTAINER_CREDENTIALS_RELATIVE_URI or _FULL_URI is set.
bool container_credentials_configured(const Environment& environment);

// Cached and refreshed before expiry.
std::shared_ptr<CredentialProvider> make_container_provider(std::shared_ptr<HttpClient> http,
                                                            Environment environment,
                                                            ContainerOptions options = {},
                                                            RefreshOptions refresh = {});

}  // namespace stance::aws::credentials
