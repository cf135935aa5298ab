#include "watch/watch_harness.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "aws/aws_client.hpp"
#include "aws/credentials/basic_providers.hpp"

namespace stance::testing {

WebhookReceiver::WebhookReceiver(int status) : status_(status) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0) {
    throw std::runtime_error("webhook receiver: cannot listen");
  }
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

WebhookReceiver::~WebhookReceiver() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  thread_.join();
  ::close(listen_fd_);
}

std::string WebhookReceiver::url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/hook"; }

std::vector<std::string> WebhookReceiver::bodies() {
  std::lock_guard lock(mutex_);
  return bodies_;
}

void WebhookReceiver::set_status(int status) {
  std::lock_guard lock(mutex_);
  status_ = status;
}

bool WebhookReceiver::wait_for(std::size_t count, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < until) {
    if (bodies().size() >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return bodies().size() >= count;
}

void WebhookReceiver::serve() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::string data;
    char buffer[4096];
    std::size_t header_end = std::string::npos, length = 0;
    while (true) {
      pollfd q{fd, POLLIN, 0};
      if (::poll(&q, 1, 5000) <= 0) break;
      ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) break;
      data.append(buffer, static_cast<std::size_t>(n));
      if (header_end == std::string::npos && (header_end = data.find("\r\n\r\n")) != std::string::npos) {
        std::string lower = data.substr(0, header_end);
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto at = lower.find("content-length:");
        if (at != std::string::npos) length = std::stoul(lower.substr(at + 15));
      }
      if (header_end != std::string::npos && data.size() >= header_end + 4 + length) break;
    }
    int status;
    {
      std::lock_guard lock(mutex_);
      status = status_;
      if (header_end != std::string::npos && status == 200) bodies_.push_back(data.substr(header_end + 4, length));
    }
    const std::string answer = "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    (void)!::write(fd, answer.data(), answer.size());
    ::close(fd);
  }
}

BackgroundStance::BackgroundStance(const std::vector<std::string>& args,
                                   const std::map<std::string, std::string>& environment) {
  namespace fs = std::filesystem;
  static int counter = 0;
  const fs::path dir = fs::temp_directory_path() / ("stance-watch-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir / "home");
  dir_ = dir.string();
  std::vector<std::string> env_strings = {"PATH=/usr/bin:/bin", "HOME=" + (dir / "home").string()};
  for (const auto& [k, v] : environment) env_strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& e : env_strings) envp.push_back(e.data());
  envp.push_back(nullptr);
  std::vector<std::string> argv_strings = {STANCE_BINARY};
  argv_strings.insert(argv_strings.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_strings) argv.push_back(a.data());
  argv.push_back(nullptr);
  const std::string out_path = dir_ + "/out", err_path = dir_ + "/err";
  pid_ = ::fork();
  if (pid_ == 0) {
    int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(out, 1);
    ::dup2(err, 2);
    if (::chdir(dir_.c_str()) != 0) ::_exit(126);
    ::execve(argv[0], argv.data(), envp.data());
    ::_exit(127);
  }
}

BackgroundStance::~BackgroundStance() {
  if (!code_ && pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
  }
  std::error_code ignored;
  std::filesystem::remove_all(dir_, ignored);
}

void BackgroundStance::signal(int sig) {
  if (!code_) ::kill(pid_, sig);
}

std::optional<int> BackgroundStance::wait(std::chrono::milliseconds timeout) {
  if (code_) return code_;
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (true) {
    int status = 0;
    pid_t done = ::waitpid(pid_, &status, WNOHANG);
    if (done == pid_) {
      code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      return code_;
    }
    if (std::chrono::steady_clock::now() >= until) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

std::string BackgroundStance::err() const {
  std::ifstream in(dir_ + "/err", std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string put_event_selectors(const std::string& endpoint, const std::string& access_key, const std::string& secret,
                                const std::string& region, const std::string& trail, const std::string& read_write_type) {
  aws::Credentials credentials;
  credentials.access_key_id = access_key;
  credentials.secret_access_key = secret;
  auto provider = aws::credentials::make_static_provider(credentials, "test");
  aws::AwsClient client(std::shared_ptr<aws::HttpClient>(aws::make_curl_http_client()), provider,
                        aws::Endpoints::from_environment(endpoint));
  auto response = client.call_json(
      "cloudtrail", region, "PutEventSelectors",
      R"({"TrailName":")" + trail + R"(","EventSelectors":[{"ReadWriteType":")" + read_write_type +
          R"(","IncludeManagementEvents":true}]})");
  return response.ok() ? "" : response.error->code + ": " + response.error->message;
}

int count_lines(const std::string& text, const std::string& needle) {
  int n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) n += line.find(needle) != std::string::npos;
  return n;
}

}  // namespace stance::testing
