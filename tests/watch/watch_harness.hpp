// What the watch end-to-end tests need beside the test AWS endpoint: a webhook receiver (a tiny HTTP server
// on a thread, recording each POST body), `stance watch` as a background process that can be signalled, and
// a signed CloudTrail write through the endpoint (so the endpoint records its event).
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace stance::testing {

class WebhookReceiver {
 public:
  // `status`: what every POST is answered with (500 makes stance retry).
  explicit WebhookReceiver(int status = 200);
  ~WebhookReceiver();
  std::string url() const;
  std::vector<std::string> bodies();
  // Waits until at least `count` bodies arrived; false on timeout.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout);
  void set_status(int status);

 private:
  void serve();
  int listen_fd_ = -1;
  int port_ = 0;
  int status_;
  bool stopping_ = false;
  std::mutex mutex_;
  std::vector<std::string> bodies_;
  std::thread thread_;
};

class BackgroundStance {
 public:
  BackgroundStance(const std::vector<std::string>& args, const std::map<std::string, std::string>& environment);
  ~BackgroundStance();  // SIGKILL if still running
  void signal(int sig);
  // The exit code (128 + signal when killed) once it exits within `timeout`, else nullopt.
  std::optional<int> wait(std::chrono::milliseconds timeout);
  std::string err() const;  // standard error so far
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::optional<int> code_;
  std::string dir_;
};

// PutEventSelectors through the endpoint with a static key: the trail's management events become
// `read_write_type`. Returns "" or the AWS error.
std::string put_event_selectors(const std::string& endpoint, const std::string& access_key, const std::string& secret,
                                const std::string& region, const std::string& trail, const std::string& read_write_type);

// Standard error lines of `text` containing `needle`.
int count_lines(const std::string& text, const std::string& needle);

}  // namespace stance::testing
