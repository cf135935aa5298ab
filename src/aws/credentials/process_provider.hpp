// credential_process: runs the profile's command (through /bin/sh, as the AWS CLI's quoting allows) and reads
// the credentials it prints on stdout as JSON Version 1 ({"Version": 1, "AccessKeyId", "SecretAccessKey",
// "SessionToken"?, "Expiration"?}). The command's stderr goes to ours (it may prompt or explain itself);
// its stdout is never shown, since it holds secrets even when it is malformed.
//
// The command has a time limit (the AWS CLI and botocore wait for it forever: `Popen.communicate()` with no
// timeout). It runs in its own process group, and on timeout the whole group is killed, so a shell's
// children do not outlive it either.
#pragma once
#include <chrono>
#include <memory>
#include <string>
#include <variant>

#include "aws/credential_provider.hpp"
#include "aws/credentials/environment.hpp"

namespace stance::aws::credentials {

inline constexpr std::chrono::seconds kDefaultCredentialProcessTimeout{60};
inline constexpr const char* kCredentialProcessTimeoutVariable = "STANCE_CREDENTIAL_PROCESS_TIMEOUT";

// The time limit set by STANCE_CREDENTIAL_PROCESS_TIMEOUT (whole seconds, 1 to 86400), else the default; an
// error message when the variable is set to anything else.
std::variant<std::chrono::milliseconds, std::string> credential_process_timeout(const Environment& environment);

// origin: where the command is configured, for descriptions and errors ("profile dev (/home/me/.aws/config:7)").
// Runs the command on every get(): wrap it in make_refreshing_provider.
std::shared_ptr<CredentialProvider> make_process_provider(
    std::string command, std::string origin,
    std::chrono::milliseconds timeout = std::chrono::milliseconds(kDefaultCredentialProcessTimeout));

}  // namespace stance::aws::credentials
