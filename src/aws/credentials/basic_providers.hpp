// The providers that need no network: fixed credentials, a configuration error reported on every call, and
// the environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN.
#pragma once
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "aws/credential_provider.hpp"
#include "aws/credentials/environment.hpp"

namespace stance::aws::credentials {

// Always these credentials. description: "profile prod (/home/me/.aws/credentials:4)", ...
std::shared_ptr<CredentialProvider> make_static_provider(Credentials credentials, std::string description);

// Always this error (a configuration mistake found before any call: the scan reports it once per account).
std::shared_ptr<CredentialProvider> make_failing_provider(std::string error, std::string description);

// Whether AWS_ACCESS_KEY_ID is set, i.e. whether the environment provider applies (as botocore decides).
bool environment_has_credentials(const Environment& environment);

// Reads the variables on every get() (AWS_SECURITY_TOKEN is accepted for AWS_SESSION_TOKEN, as botocore does).
std::shared_ptr<CredentialProvider> make_environment_provider(Environment environment);

// Replaces every occurrence of each non-empty secret in text by "<redacted>": a last guard on messages built
// from what a server sent back (an error page could echo a request that carried a token).
std::string redact_secrets(std::string text, std::initializer_list<std::string_view> secrets);

}  // namespace stance::aws::credentials
