#include "common/shell_paste.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace stance::testing {

namespace fs = std::filesystem;

namespace {

// Each call appends "CALL\0" then every argument followed by NUL: no argument can fake the separator,
// because an argument cannot contain NUL.
constexpr const char* kStub =
    "#!/bin/sh\n"
    "printf 'CALL\\000' >> \"$STUB_LOG\"\n"
    "for a in \"$@\"; do printf '%s\\000' \"$a\" >> \"$STUB_LOG\"; done\n";

std::vector<std::vector<std::string>> read_log(const fs::path& log) {
  std::ifstream in(log, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string text = s.str();
  std::vector<std::vector<std::string>> calls;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find('\0', at);
    if (end == std::string::npos) break;
    std::string field = text.substr(at, end - at);
    if (field == "CALL") {
      calls.emplace_back();
    } else if (!calls.empty()) {
      calls.back().push_back(std::move(field));
    }
    at = end + 1;
  }
  return calls;
}

}  // namespace

std::vector<std::string> installed_shells() {
  std::vector<std::string> out;
  for (const char* shell : {"/bin/bash", "/bin/dash", "/usr/bin/zsh", "/bin/zsh"}) {
    if (::access(shell, X_OK) == 0) out.push_back(shell);
  }
  return out;
}

Pasted paste_into(const std::string& shell, const std::string& command,
                  const std::map<std::string, std::string>& environment) {
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path() / ("stance-paste-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir / "bin");
  {
    std::ofstream stub(dir / "bin" / "aws");
    stub << kStub;
  }
  fs::permissions(dir / "bin" / "aws", fs::perms::owner_all);
  const fs::path log = dir / "aws.log";
  const fs::path err = dir / "shell.err";

  std::vector<std::string> env_strings = {"PATH=" + (dir / "bin").string() + ":/usr/bin:/bin",
                                          "HOME=" + dir.string(), "STUB_LOG=" + log.string()};
  for (const auto& [k, v] : environment) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings = {shell, "-c", command};
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);

  Pasted result;
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::chdir(dir.c_str()) != 0) ::_exit(126);
    if (!::freopen(err.c_str(), "w", stderr)) ::_exit(126);
    if (!::freopen("/dev/null", "w", stdout)) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.aws_calls = read_log(log);
  result.pwned = fs::exists(dir / "PWNED");
  std::ifstream e(err);
  std::ostringstream s;
  s << e.rdbuf();
  result.err = s.str();
  fs::remove_all(dir);
  return result;
}

std::string argument_after(const std::vector<std::string>& call, const std::string& option) {
  for (std::size_t i = 0; i + 1 < call.size(); ++i) {
    if (call[i] == option) return call[i + 1];
  }
  return "";
}

}  // namespace stance::testing
