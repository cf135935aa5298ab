// EC2 instance metadata (IMDSv2): PUT /latest/api/token, then the role name from
// /latest/meta-data/iam/security-credentials/, then that role's credentials. Falls back to IMDSv1 when the
// token call is refused with 403/404/405 (unless AWS_EC2_METADATA_V1_DISABLED). Short timeouts and one
// attempt by default, so a machine that is not an EC2 instance fails fast.
#pragma once
#include <chrono>
#include <memory>
#include <string>

#include "aws/credential_provider.hpp"
#include "aws/credentials/environment.hpp"
#include "aws/credentials/refreshing_provider.hpp"
#include "aws/http_client.hpp"

namespace stance::aws::credentials {

struct ImdsOptions {
  // AWS_METADATA_SERVICE_TIMEOUT (seconds) and AWS_METADATA_SERVICE_NUM_ATTEMPTS override these.
  std::chrono::milliseconds timeout{1000};
  int attempts = 1;
};

// AWS_EC2_METADATA_DISABLED=true
bool imds_disabled(const Environment& environment);

// AWS_EC2_METADATA_SERVICE_ENDPOINT, else (AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6) http://[fd00:ec2::254],
// else http://169.254.169.254; no trailing slash.
std::string imds_endpoint(const Environment& environment);

// Cached and refreshed before expiry.
std::shared_ptr<CredentialProvider> make_imds_provider(std::shared_ptr<HttpClient> http, Environment environment,
                                                       ImdsOptions options = {}, RefreshOptions refresh = {});

}  // namespace stance::aws::credentials
