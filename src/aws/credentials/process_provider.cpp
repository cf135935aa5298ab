#include "aws/credentials/process_provider.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "aws/credentials/credentials_json.hpp"

extern char** environ;

namespace stance::aws::credentials {

namespace {

constexpr std::size_t kMaxOutput = 1 << 20;  // credentials are a few KB; more is a misbehaving command

struct ProcessOutput {
  std::string stdout_text;
  int status = 0;       // waitpid status
  std::string failure;  // could not run it at all
  bool too_long = false;
};

ProcessOutput run_shell(const std::string& command) {
  ProcessOutput output;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    output.failure = std::string("cannot create a pipe: ") + std::strerror(errno);
    return output;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);  // dup2 clears close-on-exec
  std::string shell = "/bin/sh", dash_c = "-c", script = command;
  char* argv[] = {shell.data(), dash_c.data(), script.data(), nullptr};
  pid_t pid = 0;
  int spawned = ::posix_spawn(&pid, "/bin/sh", &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    output.failure = std::string("cannot start /bin/sh: ") + std::strerror(spawned);
    return output;
  }
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (output.stdout_text.size() + static_cast<std::size_t>(n) > kMaxOutput) {
      output.too_long = true;  // keep draining so the command is not killed by SIGPIPE mid-write
      continue;
    }
    output.stdout_text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  while (::waitpid(pid, &output.status, 0) < 0) {
    if (errno != EINTR) {
      output.failure = std::string("cannot wait for the command: ") + std::strerror(errno);
      break;
    }
  }
  return output;
}

// The program the command runs (its first word), to name it in errors without its arguments, which could
// carry a secret ("--password ...").
std::string program_name(const std::string& command) {
  std::size_t start = command.find_first_not_of(" \t");
  if (start == std::string::npos) return "(empty command)";
  std::size_t end = command.find_first_of(" \t", start);
  return command.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

class ProcessProvider final : public CredentialProvider {
 public:
  ProcessProvider(std::string command, std::string origin)
      : command_(std::move(command)), origin_(std::move(origin)) {}

  CredentialsResult get() override {
    CredentialsResult result;
    std::string prefix = "credential_process of " + origin_ + ": ";
    if (command_.find_first_not_of(" \t") == std::string::npos) {
      result.error = prefix + "the command is empty";
      return result;
    }
    std::string program = "'" + program_name(command_) + "'";
    ProcessOutput output = run_shell(command_);
    if (!output.failure.empty()) {
      result.error = prefix + output.failure;
    } else if (WIFSIGNALED(output.status)) {
      result.error = prefix + program + " was killed by signal " + std::to_string(WTERMSIG(output.status));
    } else if (WIFEXITED(output.status) && WEXITSTATUS(output.status) != 0) {
      int code = WEXITSTATUS(output.status);
      result.error = prefix + program + " exited with status " + std::to_string(code) +
                     (code == 127 ? " (command not found?)" : "") + "; its error output, if any, is above";
    } else if (output.too_long) {
      result.error = prefix + program + " printed more than 1 MiB; expected a JSON credentials object";
    } else {
      JsonCredentialFields fields;
      fields.token_field = "SessionToken";
      fields.require_version_1 = true;
      fields.require_token = false;
      fields.require_expiration = false;
      result = parse_credentials_json(output.stdout_text, fields);
      if (!result.credentials) {
        result.error = prefix + program + " printed output that is not valid credentials: " + result.error +
                       " (the output is not shown: it may contain secrets)";
      }
    }
    return result;
  }

  std::string description() const override { return "credential_process of " + origin_; }

 private:
  std::string command_;
  std::string origin_;
};

}  // namespace

std::shared_ptr<CredentialProvider> make_process_provider(std::string command, std::string origin) {
  return std::make_shared<ProcessProvider>(std::move(command), std::move(origin));
}

}  // namespace stance::aws::credentials
