// The test AWS endpoint (server.py beside this file) as a C++ RAII object: the constructor starts the
// server with a state (README.md documents it), the destructor stops it. Control calls go over plain libcurl,
// independently of stance's own HTTP client.
//
//   if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
//   FakeAws aws(R"({"credentials": {...}, "accounts": {...}})");
//   ... point stance at aws.endpoint() ...
//   EXPECT_EQ(aws.call_count("GetEventSelectors"), 3);
#pragma once
#include <optional>
#include <string>
#include <sys/types.h>

namespace stance::testing {

class FakeAws {
 public:
  // Why the server cannot run here (/usr/bin/python3 or its botocore is missing), or nullopt.
  static std::optional<std::string> unavailable();
  // Path of the example state shipped in tests/aws/fake_aws/data/ ("example.json").
  static std::string data_file(const std::string& name);
  // The contents of a file (for loading a state from data/).
  static std::string read_file(const std::string& path);

  // Starts the server with this state (JSON text). Throws std::runtime_error when it does not start.
  explicit FakeAws(const std::string& state_json);
  ~FakeAws();
  FakeAws(const FakeAws&) = delete;
  FakeAws& operator=(const FakeAws&) = delete;

  std::string endpoint() const;  // "http://127.0.0.1:PORT"
  int port() const { return port_; }

  // Replaces the fault list (a JSON array, see README.md); "[]" clears it.
  void set_faults(const std::string& faults_json);
  // Replaces the delay added to every AWS call.
  void set_latency_ms(int ms);
  // Every AWS call received so far, as a JSON array (README.md: "The call log").
  std::string calls_json();
  // How many calls of `operation` ("GetEventSelectors") were received; "" counts every call.
  int call_count(const std::string& operation = "");
  void reset_calls();

 private:
  void stop();
  std::string request(const std::string& method, const std::string& path, const std::string& body);

  pid_t pid_ = -1;
  int stdin_fd_ = -1;   // the server exits when this closes
  int stdout_fd_ = -1;
  int port_ = 0;
  std::string state_path_;
};

}  // namespace stance::testing
