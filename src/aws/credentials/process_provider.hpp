// credential_process: runs the profile's command (through /bin/sh, as the AWS CLI's quoting allows) and reads
// the credentials it prints on stdout as JSON Version 1 ({"Version": 1, "AccessKeyId", "SecretAccessKey",
// "SessionToken"?, "Expiration"?}). The command's stderr goes to ours (it may prompt or explain itself);
// its stdout is never shown, since it holds secrets even when it is malformed.
#pragma once
#include <memory>
#include <string>

#include "aws/credential_provider.hpp"

namespace stance::aws::credentials {

// origin: where the command is configured, for descriptions and errors ("profile dev (/home/me/.aws/config:7)").
// Runs the command on every get(): wrap it in make_refreshing_provider.
std::shared_ptr<CredentialProvider> make_process_provider(std::string command, std::string origin);

}  // namespace stance::aws::credentials
