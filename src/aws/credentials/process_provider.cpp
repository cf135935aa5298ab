#include "aws/credentials/process_provider.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <optional>
#include <cstring>

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
  bool timed_out = false;
};

ProcessOutput run_shell(const std::string& command, std::chrono::milliseconds timeout) {
  ProcessOutput output;
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) {
    output.failure = std::string("cannot create a pipe: ") + std::strerror(errno);
    return output;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);  // dup2 clears close-on-exec
  // Its own process group, so a timeout can stop the shell and everything it started.
  posix_spawnattr_t attributes;
  posix_spawnattr_init(&attributes);
  posix_spawnattr_setflags(&attributes, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attributes, 0);
  std::string shell = "/bin/sh", dash_c = "-c", script = command;
  char* argv[] = {shell.data(), dash_c.data(), script.data(), nullptr};
  pid_t pid = 0;
  int spawned = ::posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, environ);
  posix_spawnattr_destroy(&attributes);
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (spawned != 0) {
    ::close(fds[0]);
    output.failure = std::string("cannot start /bin/sh: ") + std::strerror(spawned);
    return output;
  }
  // Read until end of output or the deadline; the output ends when every process holding the pipe is done.
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char buffer[4096];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      output.timed_out = true;
      break;
    }
    pollfd readable{fds[0], POLLIN, 0};
    const int ready = ::poll(&readable, 1, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    if (ready <= 0) continue;
    ssize_t n = ::read(fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    if (output.stdout_text.size() + static_cast<std::size_t>(n) > kMaxOutput) {
      output.too_long = true;  // keep draining so the command is not killed by SIGPIPE mid-write
      continue;
    }
    output.stdout_text.append(buffer, static_cast<std::size_t>(n));
  }
  if (output.timed_out) {
    ::kill(-pid, SIGKILL);  // the group: the shell and whatever it started
    output.stdout_text.clear();
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

// "60 s", "1.5 s"
std::string seconds_text(std::chrono::milliseconds d) {
  const long long ms = d.count();
  std::string text = std::to_string(ms / 1000);
  if (ms % 1000) {
    std::string fraction = std::to_string(1000 + ms % 1000).substr(1);
    while (fraction.back() == '0') fraction.pop_back();
    text += "." + fraction;
  }
  return text + " s";
}

class ProcessProvider final : public CredentialProvider {
 public:
  ProcessProvider(std::string command, std::string origin, std::chrono::milliseconds timeout)
      : command_(std::move(command)), origin_(std::move(origin)), timeout_(timeout) {}

  CredentialsResult get() override {
    CredentialsResult result;
    std::string prefix = "credential_process of " + origin_ + ": ";
    if (command_.find_first_not_of(" \t") == std::string::npos) {
      result.error = prefix + "the command is empty";
      return result;
    }
    std::string program = "'" + program_name(command_) + "'";
    ProcessOutput output = run_shell(command_, timeout_);
    if (!output.failure.empty()) {
      result.error = prefix + output.failure;
    } else if (output.timed_out) {
      result.error = prefix + program + " did not finish within " + seconds_text(timeout_) +
                     " and was stopped (set " + kCredentialProcessTimeoutVariable + " to allow longer)";
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
  std::chrono::milliseconds timeout_;
};

}  // namespace

std::variant<std::chrono::milliseconds, std::string> credential_process_timeout(const Environment& environment) {
  const std::optional<std::string> text = environment.get(kCredentialProcessTimeoutVariable);
  if (!text) return std::chrono::milliseconds(kDefaultCredentialProcessTimeout);
  long seconds = 0;
  const char* end = text->data() + text->size();
  auto [ptr, ec] = std::from_chars(text->data(), end, seconds);
  if (ec != std::errc() || ptr != end || seconds < 1 || seconds > 86400) {
    return std::string(kCredentialProcessTimeoutVariable) + " must be a whole number of seconds from 1 to 86400, not '" +
           *text + "'";
  }
  return std::chrono::milliseconds(std::chrono::seconds(seconds));
}

std::shared_ptr<CredentialProvider> make_process_provider(std::string command, std::string origin,
                                                          std::chrono::milliseconds timeout) {
  return std::make_shared<ProcessProvider>(std::move(command), std::move(origin), timeout);
}

}  // namespace stance::aws::credentials
