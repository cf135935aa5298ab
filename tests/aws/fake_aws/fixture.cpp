#include "aws/fake_aws/fixture.hpp"

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <mutex>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

#include <curl/curl.h>

extern char** environ;

namespace stance::testing {
namespace {

constexpr const char* kPython = "/usr/bin/python3";

// Runs argv with stdin/stdout/stderr from the given fds (-1: /dev/null); returns the child's pid.
pid_t spawn(const std::vector<std::string>& args, int in_fd, int out_fd, int err_fd) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  const int fds[3] = {in_fd, out_fd, err_fd};
  for (int target = 0; target < 3; ++target) {
    if (fds[target] >= 0) {
      posix_spawn_file_actions_adddup2(&actions, fds[target], target);
    } else if (fds[target] == -1) {
      posix_spawn_file_actions_addopen(&actions, target, "/dev/null", target == 0 ? O_RDONLY : O_WRONLY, 0);
    }  // -2: inherit
  }
  std::vector<char*> argv;
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return rc == 0 ? pid : -1;
}

// Waits for pid up to `limit`; true when it exited.
bool wait_for(pid_t pid, std::chrono::milliseconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (true) {
    int status = 0;
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid || (done < 0 && errno == ECHILD)) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

size_t append_body(char* data, size_t size, size_t count, void* out) {
  static_cast<std::string*>(out)->append(data, size * count);
  return size * count;
}

void curl_init_once() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

}  // namespace

std::optional<std::string> FakeAws::unavailable() {
  static const std::optional<std::string> reason = []() -> std::optional<std::string> {
    if (access(kPython, X_OK) != 0) return std::string("the test AWS endpoint needs /usr/bin/python3");
    // Debian's python3-botocore: found without paying for an import (0.5 s per test process).
    if (access("/usr/lib/python3/dist-packages/botocore/auth.py", R_OK) == 0) return std::nullopt;
    const pid_t pid = spawn({kPython, "-I", "-c", "import botocore.auth, botocore.awsrequest"}, -1, -1, -1);
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      return std::string("the test AWS endpoint needs botocore for /usr/bin/python3 (Debian: python3-botocore)");
    }
    return std::nullopt;
  }();
  return reason;
}

std::string FakeAws::data_file(const std::string& name) { return std::string(STANCE_FAKE_AWS_DATA) + "/" + name; }

std::string FakeAws::read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

FakeAws::FakeAws(const std::string& state_json) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/fake_aws_state_XXXXXX";
  const int state_fd = mkstemp(path.data());
  if (state_fd < 0) throw std::runtime_error("fake_aws: cannot create a state file: " + std::string(strerror(errno)));
  state_path_ = path;
  const bool written = write(state_fd, state_json.data(), state_json.size()) == ssize_t(state_json.size());
  close(state_fd);
  if (!written) throw std::runtime_error("fake_aws: cannot write " + state_path_);

  // Both pipes close-on-exec in this process, so no other child (an aws CLI run, a second server) holds
  // the server's stdin open after this object is gone.
  int in_pipe[2], out_pipe[2];
  if (pipe2(in_pipe, O_CLOEXEC) != 0) throw std::runtime_error("fake_aws: pipe failed");
  if (pipe2(out_pipe, O_CLOEXEC) != 0) {
    close(in_pipe[0]);
    close(in_pipe[1]);
    throw std::runtime_error("fake_aws: pipe failed");
  }
  pid_ = spawn({kPython, "-I", STANCE_FAKE_AWS_SERVER, "--state", state_path_, "--port", "0"}, in_pipe[0],
               out_pipe[1], -2);
  close(in_pipe[0]);
  close(out_pipe[1]);
  stdin_fd_ = in_pipe[1];
  stdout_fd_ = out_pipe[0];
  if (pid_ < 0) {
    close(stdin_fd_);
    close(stdout_fd_);
    unlink(state_path_.c_str());
    throw std::runtime_error("fake_aws: cannot start " + std::string(kPython));
  }

  // Read "PORT <n>\n"; the server prints nothing else on stdout.
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (line.find('\n') == std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd waiting{stdout_fd_, POLLIN, 0};
    if (left.count() <= 0 || poll(&waiting, 1, int(left.count())) <= 0) break;
    char chunk[128];
    const ssize_t got = read(stdout_fd_, chunk, sizeof chunk);
    if (got <= 0) break;
    line.append(chunk, size_t(got));
  }
  if (line.rfind("PORT ", 0) == 0) port_ = std::atoi(line.c_str() + 5);
  if (port_ <= 0) {
    stop();
    throw std::runtime_error("fake_aws: the server did not start (its stderr is above)");
  }
}

FakeAws::~FakeAws() { stop(); }

void FakeAws::stop() {
  if (stdin_fd_ >= 0) close(stdin_fd_);  // the server exits when its stdin closes
  stdin_fd_ = -1;
  if (pid_ > 0 && !wait_for(pid_, std::chrono::seconds(3))) {
    kill(pid_, SIGTERM);
    if (!wait_for(pid_, std::chrono::seconds(2))) {
      kill(pid_, SIGKILL);
      wait_for(pid_, std::chrono::seconds(2));
    }
  }
  pid_ = -1;
  if (stdout_fd_ >= 0) close(stdout_fd_);
  stdout_fd_ = -1;
  if (!state_path_.empty()) unlink(state_path_.c_str());
  state_path_.clear();
}

std::string FakeAws::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string FakeAws::request(const std::string& method, const std::string& path, const std::string& body) {
  curl_init_once();
  CURL* curl = curl_easy_init();
  if (!curl) throw std::runtime_error("fake_aws: curl_easy_init failed");
  std::string answer;
  const std::string url = endpoint() + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  if (method == "POST") {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, long(body.size()));
  }
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, append_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
  const CURLcode rc = curl_easy_perform(curl);
  long status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
  curl_easy_cleanup(curl);
  if (rc != CURLE_OK) throw std::runtime_error("fake_aws: " + path + ": " + curl_easy_strerror(rc));
  if (status != 200) throw std::runtime_error("fake_aws: " + path + ": HTTP " + std::to_string(status) + ": " + answer);
  return answer;
}

void FakeAws::set_faults(const std::string& faults_json) { request("POST", "/__stance/faults", faults_json); }

void FakeAws::set_latency_ms(int ms) {
  request("POST", "/__stance/faults", "{\"latency_ms\": " + std::to_string(ms) + "}");
}

std::string FakeAws::calls_json() { return request("GET", "/__stance/calls", ""); }

int FakeAws::call_count(const std::string& operation) {
  std::string query;
  if (!operation.empty()) {
    CURL* curl = curl_easy_init();
    char* escaped = curl_easy_escape(curl, operation.c_str(), int(operation.size()));
    query = std::string("?operation=") + escaped;
    curl_free(escaped);
    curl_easy_cleanup(curl);
  }
  return std::atoi(request("GET", "/__stance/call_count" + query, "").c_str());
}

void FakeAws::reset_calls() { request("POST", "/__stance/reset_calls", ""); }

}  // namespace stance::testing
