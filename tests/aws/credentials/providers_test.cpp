// The providers that need no network: environment, credential_process, the JSON credentials shape, ISO 8601
// times, and the refreshing cache (expiry window, failed refreshes, one refresh at a time across threads).
#include <gtest/gtest.h>

#include <signal.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <map>
#include <thread>
#include <variant>
#include <vector>

#include "aws/credentials/basic_providers.hpp"
#include "aws/credentials/credentials_json.hpp"
#include "aws/credentials/process_provider.hpp"
#include "aws/credentials/refreshing_provider.hpp"
#include "aws/credentials/test_files.hpp"

namespace stance::aws::credentials {
namespace {

using namespace std::chrono_literals;
using testing::TempDir;
using Clock = std::chrono::system_clock;

Clock::time_point utc(int year, int month, int day, int hour, int minute, int second) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return Clock::from_time_t(::timegm(&tm));
}

TEST(Iso8601, FormsAwsUses) {
  EXPECT_EQ(parse_iso8601("2026-11-27T10:00:00Z"), utc(2026, 11, 27, 10, 0, 0));
  EXPECT_EQ(parse_iso8601("2011-07-15T23:28:33.359Z"), utc(2011, 7, 15, 23, 28, 33));
  EXPECT_EQ(parse_iso8601("2026-11-27T12:30:00+02:30"), utc(2026, 11, 27, 10, 0, 0));
  EXPECT_EQ(parse_iso8601("2026-11-27T08:00:00-0200"), utc(2026, 11, 27, 10, 0, 0));
  EXPECT_FALSE(parse_iso8601("2026-11-27T10:00:00"));  // no zone
  EXPECT_FALSE(parse_iso8601("2026-13-27T10:00:00Z"));
  EXPECT_FALSE(parse_iso8601("2026-11-27T10:00:00Zjunk"));
  EXPECT_FALSE(parse_iso8601("tomorrow"));
  EXPECT_FALSE(parse_iso8601(""));
  // Found by fuzz_aws_wire: years outside system_clock's range are clamped, not overflowed.
  EXPECT_LT(*parse_iso8601("1013-11-27T10:00:00Z"), utc(1700, 1, 1, 0, 0, 0));
  EXPECT_GT(*parse_iso8601("9999-12-31T23:59:59Z"), utc(2250, 1, 1, 0, 0, 0));
}

TEST(EnvironmentProvider, KeysAndTokenFromVariables) {
  auto provider = make_environment_provider(Environment::from_map(
      {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "secret-env"}, {"AWS_SESSION_TOKEN", "token-env"}}));
  CredentialsResult result = provider->get();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "AKIDENV");
  EXPECT_EQ(result.credentials->secret_access_key, "secret-env");
  EXPECT_EQ(result.credentials->session_token, "token-env");
  EXPECT_FALSE(result.expires);
  EXPECT_EQ(provider->description(), "environment (AWS_ACCESS_KEY_ID)");

  auto legacy = make_environment_provider(Environment::from_map(
      {{"AWS_ACCESS_KEY_ID", "AKIDENV"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_SECURITY_TOKEN", "legacy-token"}}));
  EXPECT_EQ(legacy->get().credentials->session_token, "legacy-token");
}

TEST(EnvironmentProvider, HalfAKeyPairIsAnErrorNamingTheVariable) {
  auto provider = make_environment_provider(Environment::from_map({{"AWS_ACCESS_KEY_ID", "AKIDENV"}}));
  CredentialsResult result = provider->get();
  EXPECT_FALSE(result.credentials);
  EXPECT_EQ(result.error, "environment: AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not");
  EXPECT_TRUE(environment_has_credentials(Environment::from_map({{"AWS_ACCESS_KEY_ID", "A"}})));
  EXPECT_FALSE(environment_has_credentials(Environment::from_map({{"AWS_ACCESS_KEY_ID", ""}})));
}

TEST(CredentialsJson, ProcessShape) {
  JsonCredentialFields process;
  process.token_field = "SessionToken";
  process.require_version_1 = true;
  process.require_token = false;
  process.require_expiration = false;
  auto ok = parse_credentials_json(R"({"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "S"})", process);
  ASSERT_TRUE(ok.credentials) << ok.error;
  EXPECT_EQ(ok.credentials->session_token, "");
  EXPECT_FALSE(ok.expires);
  auto with_expiry = parse_credentials_json(R"({"Version": 1, "AccessKeyId": "AKID", "SecretAccessKey": "S",
      "SessionToken": "T", "Expiration": "2026-11-27T10:00:00Z"})", process);
  ASSERT_TRUE(with_expiry.credentials);
  EXPECT_EQ(with_expiry.credentials->session_token, "T");
  EXPECT_EQ(with_expiry.expires, utc(2026, 11, 27, 10, 0, 0));

  EXPECT_EQ(parse_credentials_json(R"({"AccessKeyId": "A", "SecretAccessKey": "S"})", process).error,
            "no Version (expected \"Version\": 1)");
  EXPECT_EQ(parse_credentials_json(R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "S"})", process).error,
            "unsupported Version (expected 1)");
  EXPECT_EQ(parse_credentials_json(R"({"Version": 1, "SecretAccessKey": "S"})", process).error, "no AccessKeyId");
  EXPECT_EQ(parse_credentials_json(R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": 5})", process).error,
            "SecretAccessKey is not a string");
  EXPECT_EQ(parse_credentials_json("[1]", process).error, "not a JSON object");
  EXPECT_EQ(parse_credentials_json("{\"Version\": 1, \"SecretAccessKey\": \"SECRETX", process).error,
            "not valid JSON");
}

TEST(CredentialsJson, MetadataShapeNeedsTokenAndExpiration) {
  JsonCredentialFields metadata;
  metadata.require_code_success = true;
  EXPECT_EQ(parse_credentials_json(R"({"AccessKeyId": "A", "SecretAccessKey": "S", "Expiration": "2026-11-27T10:00:00Z"})",
                                   metadata).error, "no Token");
  EXPECT_EQ(parse_credentials_json(R"({"AccessKeyId": "A", "SecretAccessKey": "S", "Token": "T"})", metadata).error,
            "no Expiration");
  EXPECT_EQ(parse_credentials_json(R"({"Code": "Failed", "AccessKeyId": "A", "SecretAccessKey": "S", "Token": "T",
      "Expiration": "2026-11-27T10:00:00Z"})", metadata).error, "Code is not Success");
  auto bad_time = parse_credentials_json(R"({"AccessKeyId": "A", "SecretAccessKey": "S", "Token": "T",
      "Expiration": "SECRETLOOKINGVALUE"})", metadata);
  EXPECT_EQ(bad_time.error, "Expiration is not an ISO 8601 time (like 2026-11-27T10:00:00Z)");
}

class ProcessProviderTest : public ::testing::Test {
 protected:
  std::string script(const std::string& body) { return dir_.write("cred.sh", "#!/bin/sh\n" + body, true); }
  TempDir dir_;
};

TEST_F(ProcessProviderTest, ReadsVersion1Json) {
  std::string command = script(
      "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"secret-proc\", "
      "\"SessionToken\": \"token-proc\", \"Expiration\": \"2030-01-01T00:00:00Z\"}'\n");
  auto provider = make_process_provider(command + " --profile 'x y'", "profile dev (/c:3)");
  CredentialsResult result = provider->get();
  ASSERT_TRUE(result.credentials) << result.error;
  EXPECT_EQ(result.credentials->access_key_id, "AKIDPROC");
  EXPECT_EQ(result.credentials->secret_access_key, "secret-proc");
  EXPECT_EQ(result.credentials->session_token, "token-proc");
  EXPECT_EQ(result.expires, utc(2030, 1, 1, 0, 0, 0));
  EXPECT_EQ(provider->description(), "credential_process of profile dev (/c:3)");
}

TEST_F(ProcessProviderTest, FailingCommandNamesTheProgramNotItsArguments) {
  std::string command = script("echo '{\"SecretAccessKey\": \"secret-printed-before-failing\"}'\n"
                               "echo 'helpful diagnostic on stderr' >&2\nexit 3\n");
  auto provider = make_process_provider(command + " --password hunter2", "profile dev (/c:3)");
  CredentialsResult result = provider->get();
  EXPECT_FALSE(result.credentials);
  EXPECT_EQ(result.error, "credential_process of profile dev (/c:3): '" + command +
                              "' exited with status 3; its error output, if any, is above");
  EXPECT_EQ(result.error.find("hunter2"), std::string::npos);
  EXPECT_EQ(result.error.find("secret-printed-before-failing"), std::string::npos);
}

TEST_F(ProcessProviderTest, BadJsonIsReportedWithoutTheOutput) {
  const char* outputs[] = {
      "echo '{\"Version\": 1, \"AccessKeyId\": \"AKID\", \"SecretAccessKey\": \"secret-in-bad-json\"'",  // cut off
      "echo '{\"Version\": 2, \"AccessKeyId\": \"AKID\", \"SecretAccessKey\": \"secret-in-bad-json\"}'",
      "echo 'secret-in-bad-json'",
      "true",
  };
  for (const char* output : outputs) {
    auto provider = make_process_provider(script(std::string(output) + "\n"), "profile dev (/c:3)");
    CredentialsResult result = provider->get();
    EXPECT_FALSE(result.credentials) << output;
    EXPECT_NE(result.error.find("printed output that is not valid credentials"), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("the output is not shown"), std::string::npos) << result.error;
    EXPECT_EQ(result.error.find("secret-in-bad-json"), std::string::npos) << result.error;
  }
}

TEST_F(ProcessProviderTest, MissingCommandAndEmptyCommand) {
  auto missing = make_process_provider("/nonexistent/credential-helper --token s3cr3t", "profile p (/c:9)");
  CredentialsResult result = missing->get();
  EXPECT_FALSE(result.credentials);
  EXPECT_EQ(result.error, "credential_process of profile p (/c:9): '/nonexistent/credential-helper' exited with "
                          "status 127 (command not found?); its error output, if any, is above");
  EXPECT_EQ(make_process_provider("  ", "profile p (/c:9)")->get().error,
            "credential_process of profile p (/c:9): the command is empty");
}

TEST_F(ProcessProviderTest, HangingCommandTimesOutAndItsProcessGroupIsKilled) {
  // The shell starts a background child that would outlive it and keep the pipe open, then hangs itself.
  const std::string pid_file = dir_.path() + "/child.pid";
  std::string command = script("sleep 1000 &\necho $! > '" + pid_file + "'\nsleep 1000\n");
  auto provider = make_process_provider(command, "profile slow (/c:4)", 300ms);
  const auto started = std::chrono::steady_clock::now();
  CredentialsResult result = provider->get();
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_FALSE(result.credentials);
  EXPECT_EQ(result.error, "credential_process of profile slow (/c:4): '" + command +
                              "' did not finish within 0.3 s and was stopped (set STANCE_CREDENTIAL_PROCESS_TIMEOUT "
                              "to allow longer)");
  EXPECT_LT(took, 10s);
  // The background child is gone too (killed with the group; reaped by init, so poll briefly).
  std::ifstream in(pid_file);
  pid_t child = 0;
  ASSERT_TRUE(in >> child);
  // Gone: no such process, or a zombie waiting for a PID 1 that may not reap (containers).
  auto is_gone = [](pid_t pid) {
    if (::kill(pid, 0) != 0) return true;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    std::getline(stat, line);
    const auto paren = line.rfind(')');
    return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] == 'Z';
  };
  bool gone = false;
  for (int i = 0; i < 100 && !gone; ++i) {
    gone = is_gone(child);
    if (!gone) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(gone) << "the command's background child " << child << " survived the timeout";
  if (!gone) ::kill(child, SIGKILL);
}

TEST_F(ProcessProviderTest, FastCommandIsUnaffectedByTheTimeout) {
  std::string command = script(
      "echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", \"SecretAccessKey\": \"secret-proc\"}'\n");
  CredentialsResult result = make_process_provider(command, "profile dev (/c:3)", 5s)->get();
  ASSERT_TRUE(result.credentials) << result.error;
}

TEST(CredentialProcessTimeout, FromTheEnvironment) {
  using Ms = std::chrono::milliseconds;
  auto timeout = [](std::map<std::string, std::string> vars) {
    return credential_process_timeout(Environment::from_map(std::move(vars)));
  };
  EXPECT_EQ(std::get<Ms>(timeout({})), Ms(60000));
  EXPECT_EQ(std::get<Ms>(timeout({{"STANCE_CREDENTIAL_PROCESS_TIMEOUT", "5"}})), Ms(5000));
  for (const char* bad : {"0", "-1", "5s", "1.5", "86401", "x"}) {
    auto t = timeout({{"STANCE_CREDENTIAL_PROCESS_TIMEOUT", bad}});
    ASSERT_TRUE(std::holds_alternative<std::string>(t)) << bad;
    EXPECT_EQ(std::get<std::string>(t), std::string("STANCE_CREDENTIAL_PROCESS_TIMEOUT must be a whole number of "
                                                    "seconds from 1 to 86400, not '") + bad + "'");
  }
}

// A fetcher that counts its calls and hands out credentials expiring at a set time.
class CountingSource final : public CredentialProvider {
 public:
  CredentialsResult get() override {
    int n = ++calls;
    if (fail) return CredentialsResult{std::nullopt, "source failed", std::nullopt};
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
    return CredentialsResult{Credentials{"AKID" + std::to_string(n), "s", "t"}, {}, expires};
  }
  std::string description() const override { return "counting"; }

  std::atomic<int> calls{0};
  std::atomic<bool> fail{false};
  std::optional<Clock::time_point> expires;
  std::chrono::milliseconds delay{0};
};

TEST(RefreshingProvider, RefreshesInsideTheWindowOnly) {
  auto now = utc(2026, 11, 27, 10, 0, 0);
  auto source = std::make_shared<CountingSource>();
  source->expires = now + 1h;
  RefreshOptions options;
  options.clock = [&] { return now; };
  auto provider = make_refreshing_provider(source, options);

  EXPECT_EQ(provider->get().credentials->access_key_id, "AKID1");
  now += 50min;  // 10 minutes left: cached
  EXPECT_EQ(provider->get().credentials->access_key_id, "AKID1");
  EXPECT_EQ(source->calls, 1);
  now += 5min + 1s;  // 4 minutes 59 left: inside the five-minute window
  source->expires = now + 1h;
  EXPECT_EQ(provider->get().credentials->access_key_id, "AKID2");
  EXPECT_EQ(source->calls, 2);
  EXPECT_EQ(provider->description(), "counting");
}

TEST(RefreshingProvider, ConfigurableWindowAndNoExpiryMeansFetchOnce) {
  auto now = utc(2026, 11, 27, 10, 0, 0);
  auto source = std::make_shared<CountingSource>();
  source->expires = now + 1h;
  RefreshOptions options;
  options.refresh_before = 30min;
  options.clock = [&] { return now; };
  auto provider = make_refreshing_provider(source, options);
  provider->get();
  now += 31min;
  provider->get();
  EXPECT_EQ(source->calls, 2);

  auto forever = std::make_shared<CountingSource>();
  auto cached = make_refreshing_provider(forever, options);
  for (int i = 0; i < 3; ++i) cached->get();
  now += 24h;
  cached->get();
  EXPECT_EQ(forever->calls, 1);
}

TEST(RefreshingProvider, FailedRefreshKeepsValidCredentialsThenFails) {
  auto now = utc(2026, 11, 27, 10, 0, 0);
  auto source = std::make_shared<CountingSource>();
  source->expires = now + 10min;
  RefreshOptions options;
  options.clock = [&] { return now; };
  auto provider = make_refreshing_provider(source, options);
  ASSERT_TRUE(provider->get().credentials);
  source->fail = true;
  now += 6min;  // inside the window, not expired: the refresh fails, the old credentials still serve
  CredentialsResult during = provider->get();
  ASSERT_TRUE(during.credentials);
  EXPECT_EQ(during.credentials->access_key_id, "AKID1");
  EXPECT_EQ(source->calls, 2);
  now += 5s;  // within min_refresh_interval: no new attempt
  provider->get();
  EXPECT_EQ(source->calls, 2);
  now += 4min;  // expired
  CredentialsResult after = provider->get();
  EXPECT_FALSE(after.credentials);
  EXPECT_EQ(after.error, "source failed");
  source->fail = false;
  EXPECT_EQ(provider->get().credentials->access_key_id, "AKID4");
}

TEST(RefreshingProvider, OneRefreshAtATimeAcrossThreads) {
  auto source = std::make_shared<CountingSource>();
  source->expires = Clock::now() + 1h;
  source->delay = 50ms;
  auto provider = make_refreshing_provider(source);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      CredentialsResult result = provider->get();
      if (result.credentials && result.credentials->access_key_id == "AKID1") ++ok;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(source->calls, 1);
  EXPECT_EQ(ok, 16);
}

}  // namespace
}  // namespace stance::aws::credentials
