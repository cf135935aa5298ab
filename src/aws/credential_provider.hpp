// Where credentials come from: environment, shared config/credentials files and profiles, AssumeRole,
// credential_process, web identity, ECS and EC2 instance metadata (src/aws/credentials/). Each provider
// says what it is without showing a secret; temporary credentials are refreshed before they expire.
#pragma once
#include <chrono>
#include <optional>
#include <string>

#include "aws/credentials.hpp"

namespace stance::aws {

struct CredentialsResult {
  std::optional<Credentials> credentials;
  // When !credentials: what went wrong, naming the source and the file:line, environment variable or STS
  // error code, never a secret ("profile prod in ~/.aws/config:12: source_profile base does not exist").
  std::string error;
  std::optional<std::chrono::system_clock::time_point> expires;  // temporary credentials only
};

class CredentialProvider {
 public:
  virtual ~CredentialProvider() = default;
  // Current credentials; temporary ones are refreshed when they expire within five minutes. Thread-safe.
  virtual CredentialsResult get() = 0;
  // "environment", "profile prod (~/.aws/credentials)", "assumed role arn:aws:iam::1:role/Audit", ...
  virtual std::string description() const = 0;
};

}  // namespace stance::aws
