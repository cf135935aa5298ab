#include "serve/access.hpp"

#include <gtest/gtest.h>

#include "serve/listen_address.hpp"

namespace stance::serve {
namespace {

constexpr const char* kToken = "0123456789abcdef0123";

TEST(Access, LoopbackAddresses) {
  for (const char* host : {"127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"}) EXPECT_TRUE(is_loopback(host)) << host;
  for (const char* host : {"0.0.0.0", "::", "10.0.0.1", "example.com", "128.0.0.1", "", "127.0.0.1.evil.example",
                           "127.0.0", "127.0.0.256", "127..0.1", "127.0.0.1.", "1127.0.0.1"}) {
    EXPECT_FALSE(is_loopback(host)) << host;
  }
}

TEST(Access, HostHeaderMustNameThisMachineWithoutAToken) {
  EXPECT_TRUE(is_loopback_host_header("127.0.0.1:8080"));
  EXPECT_TRUE(is_loopback_host_header("localhost:8080"));
  EXPECT_TRUE(is_loopback_host_header("[::1]:8080"));
  EXPECT_FALSE(is_loopback_host_header("evil.example:8080"));
  EXPECT_FALSE(is_loopback_host_header("127.0.0.1.evil.example"));
  EXPECT_FALSE(is_loopback_host_header(""));
}

TEST(Access, ConstantTimeEqual) {
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
  EXPECT_FALSE(constant_time_equal("", "a"));
  EXPECT_TRUE(constant_time_equal("", ""));
}

TEST(Access, NoTokenConfiguredLetsEveryoneIn) { EXPECT_TRUE(authorized("", {})); }

TEST(Access, TokenFromHeaderQueryOrCookie) {
  EXPECT_TRUE(authorized(kToken, {std::string("Bearer ") + kToken, "", ""}));
  EXPECT_TRUE(authorized(kToken, {"", kToken, ""}));
  EXPECT_TRUE(authorized(kToken, {"", "", std::string("theme=dark; stance_token=") + kToken}));
  EXPECT_FALSE(authorized(kToken, {}));
  EXPECT_FALSE(authorized(kToken, {"Bearer wrong", "wrong", "stance_token=wrong"}));
  EXPECT_FALSE(authorized(kToken, {std::string("Basic ") + kToken, "", ""}));
  EXPECT_FALSE(authorized(kToken, {"", "", std::string("xstance_token=") + kToken}));
  EXPECT_FALSE(authorized(kToken, {std::string("Bearer ") + kToken + "x", "", ""}));
}

TEST(Access, TokenShape) {
  EXPECT_EQ(token_problem(kToken), "");
  EXPECT_NE(token_problem("short"), "");
  EXPECT_NE(token_problem("0123456789abcdef; x=1"), "");
}

TEST(ListenAddress, Parses) {
  auto a = parse_listen_address("127.0.0.1:8080");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "127.0.0.1");
  EXPECT_EQ(a->port, 8080);
  a = parse_listen_address("[::1]:0");
  ASSERT_TRUE(a);
  EXPECT_EQ(a->host, "::1");
  EXPECT_EQ(a->port, 0);
  for (const char* bad : {"8080", ":8080", "host:", "host:x", "host:65536", "host:-1", "::1:8080", "[]:80", "[::1:80"}) {
    EXPECT_FALSE(parse_listen_address(bad)) << bad;
  }
}

}  // namespace
}  // namespace stance::serve
