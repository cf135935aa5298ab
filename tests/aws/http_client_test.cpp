// The libcurl transport against a local socket server that misbehaves: an endless body and a huge declared
// body are stopped at the size cap, with a clear error, after receiving little more than the cap.
#include "aws/http_client.hpp"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace stance::aws {
namespace {

// Serves one connection: reads the request head, sends `head`, then body chunks until the client goes away
// (or `max_body` bytes). Counts what it managed to send.
class MisbehavingServer {
 public:
  MisbehavingServer(std::string head, std::size_t max_body) : head_(std::move(head)), max_body_(max_body) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(listener_, 1) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      return;
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~MisbehavingServer() {
    ::shutdown(listener_, SHUT_RDWR);
    ::close(listener_);
    if (thread_.joinable()) thread_.join();
  }

  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  std::size_t body_sent() const { return sent_; }

 private:
  void serve() {
    const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) return;
    std::string request;
    char buffer[4096];
    while (request.find("\r\n\r\n") == std::string::npos) {
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      request.append(buffer, static_cast<std::size_t>(n));
    }
    ::send(client, head_.data(), head_.size(), MSG_NOSIGNAL);
    const std::string chunk(64 * 1024, 'x');
    while (sent_ < max_body_) {
      const ssize_t n = ::send(client, chunk.data(), chunk.size(), MSG_NOSIGNAL);
      if (n <= 0) break;
      sent_ += static_cast<std::size_t>(n);
    }
    ::close(client);
  }

  std::string head_;
  std::size_t max_body_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<std::size_t> sent_{0};
  std::thread thread_;
};

HttpResult get(const std::string& url, std::size_t cap) {
  HttpRequest request;
  request.method = "GET";
  HttpOptions options;
  options.max_body_bytes = cap;
  options.total_timeout = std::chrono::seconds(30);
  return make_curl_http_client()->send(url, request, options);
}

constexpr std::size_t kCap = 1u << 20;
constexpr std::size_t kEndless = std::size_t{8} << 30;  // far more than the test would ever wait for

TEST(HttpClient, EndlessBodyIsStoppedAtTheCap) {
  MisbehavingServer server("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n", kEndless);
  ASSERT_NE(server.port(), 0);
  const auto started = std::chrono::steady_clock::now();
  HttpResult result = get(server.url(), kCap);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(10));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error.kind, TransportError::Kind::TooLarge);
  EXPECT_EQ(result.error.message, "the response body is larger than 1 MiB; the transfer was stopped");
}

TEST(HttpClient, HugeDeclaredBodyIsStoppedAtTheCap) {
  // 3 GB announced; the server stops after 64 MB if nobody hangs up first.
  MisbehavingServer server("HTTP/1.1 200 OK\r\nContent-Length: 3221225472\r\n\r\n", std::size_t{64} << 20);
  ASSERT_NE(server.port(), 0);
  HttpResult result = get(server.url(), kCap);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error.kind, TransportError::Kind::TooLarge);
}

TEST(HttpClient, BodyUnderTheCapIsReceivedWhole) {
  MisbehavingServer server("HTTP/1.1 200 OK\r\nContent-Length: 131072\r\n\r\n", 128 * 1024);
  ASSERT_NE(server.port(), 0);
  HttpResult result = get(server.url(), kCap);
  ASSERT_TRUE(result.ok()) << result.error.message;
  EXPECT_EQ(result.response->status, 200);
  EXPECT_EQ(result.response->body.size(), 128u * 1024);
}

}  // namespace
}  // namespace stance::aws
