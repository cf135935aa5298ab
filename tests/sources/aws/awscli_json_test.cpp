// The AWS CLI's real output as scan input: Debian's /usr/bin/aws reads every CT-010 case from the test AWS
// endpoint (tests/aws/fake_aws, state data/ct010_cases.json), its describe-trails, get-event-selectors and
// get-trail-status outputs are saved as files the way a person would, and `stance scan`'s file walk must
// give each trail the verdict the state expects. Skips when python3-botocore or awscli is missing.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "aws/fake_aws/fixture.hpp"
#include "common/document.hpp"
#include "sources/aws/helpers.hpp"
#include "sources/file_scan.hpp"

extern char** environ;

namespace stance::sources::aws {
namespace {

namespace fs = std::filesystem;
using stance::testing::FakeAws;

constexpr const char* kAwsCli = "/usr/bin/aws";  // never the pyenv `aws` first on PATH

// Runs /usr/bin/aws against the endpoint with the case state's keys and only the environment it needs;
// stdout goes to `out`. Returns the exit code.
int run_aws(const FakeAws& server, std::vector<std::string> args, const fs::path& out) {
  const std::string home = ::testing::TempDir();
  std::vector<std::string> argv = {
      kAwsCli, "--endpoint-url", server.endpoint(), "--region", "us-east-1", "--output", "json"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<std::string> env = {"PATH=/usr/bin:/bin",
                                  "HOME=" + home,
                                  "LANG=C.UTF-8",
                                  "AWS_ACCESS_KEY_ID=AKIDCT010CASES0001",
                                  "AWS_SECRET_ACCESS_KEY=ct010-secret-0001",
                                  "AWS_CONFIG_FILE=" + home + "/no-such-aws-config",
                                  "AWS_SHARED_CREDENTIALS_FILE=" + home + "/no-such-aws-credentials",
                                  "AWS_PAGER=",
                                  "AWS_EC2_METADATA_DISABLED=true"};
  auto pointers = [](std::vector<std::string>& strings) {
    std::vector<char*> p;
    for (auto& s : strings) p.push_back(s.data());
    p.push_back(nullptr);
    return p;
  };
  std::vector<char*> argv_p = pointers(argv);
  std::vector<char*> env_p = pointers(env);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, kAwsCli, &actions, nullptr, argv_p.data(), env_p.data());
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) return -1;
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

class AwsCliJson : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    if (access(kAwsCli, X_OK) != 0) GTEST_SKIP() << kAwsCli << " (Debian's awscli) is not installed";
    state_ = FakeAws::read_file(FakeAws::data_file("ct010_cases.json"));
    server_ = std::make_unique<FakeAws>(state_);
    dir_ = fs::path(::testing::TempDir()) / ("stance_awscli_json_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }

  // Each case's expected verdict, the first word of its `_expect` in the state ("pass", "fail", ...).
  std::map<std::string, std::string> expected() const {
    std::map<std::string, std::string> out;
    auto parsed = doc::parse(state_, doc::Syntax::Json);
    const doc::Node* trails = parsed.document->root->get("accounts")->get("111111111111")->get("trails");
    for (const auto& t : trails->items) {
      const std::string expect = t->get("_expect")->text;
      out[t->get("Name")->text] = expect.substr(0, expect.find_first_of(":, "));
    }
    return out;
  }

  std::string state_;
  std::unique_ptr<FakeAws> server_;
  fs::path dir_;
};

TEST_F(AwsCliJson, EveryCaseGetsItsVerdictFromTheCliOutput) {
  ASSERT_EQ(run_aws(*server_, {"cloudtrail", "describe-trails"}, dir_ / "describe-trails.json"), 0);
  auto described =
      doc::parse(FakeAws::read_file((dir_ / "describe-trails.json").string()), doc::Syntax::Json);
  ASSERT_TRUE(described.document) << described.error.message;
  const auto& trails = described.document->root->get("trailList")->items;
  ASSERT_EQ(trails.size(), expected().size());
  for (const auto& t : trails) {
    const std::string arn = t->get("TrailARN")->text;
    const std::string name = t->get("Name")->text;
    ASSERT_EQ(run_aws(*server_, {"cloudtrail", "get-event-selectors", "--trail-name", arn},
                      dir_ / ("selectors-" + name + ".json")),
              0)
        << name;
  }

  FileScanOptions options;
  const SourceResult r = scan_paths({dir_.string()}, options);
  EXPECT_TRUE(r.errors.empty()) << testing::describe(r);
  EXPECT_TRUE(r.warnings.empty()) << testing::describe(r);
  EXPECT_EQ(r.files_scanned, static_cast<int>(trails.size()) + 1);

  const auto want = expected();
  const auto findings = testing::evaluate(r.trails);
  ASSERT_EQ(findings.size(), want.size());
  for (const auto& f : findings) {
    auto it = want.find(f.resource.name);
    ASSERT_NE(it, want.end()) << f.resource.id;
    EXPECT_EQ(engine::to_string(f.status), it->second) << f.resource.name << ": " << f.message;
    EXPECT_EQ(f.location.account, "111111111111");
  }
}

TEST_F(AwsCliJson, TrailStatusOfTheOnlyTrailIsUsed) {
  const std::string arn = "arn:aws:cloudtrail:us-east-1:111111111111:trail/not-logging";
  ASSERT_EQ(
      run_aws(*server_, {"cloudtrail", "get-event-selectors", "--trail-name", arn}, dir_ / "selectors.json"),
      0);
  ASSERT_EQ(run_aws(*server_, {"cloudtrail", "get-trail-status", "--name", arn}, dir_ / "status.json"), 0);
  FileScanOptions options;
  const SourceResult r = scan_paths({dir_.string()}, options);
  ASSERT_EQ(r.trails.size(), 1u) << testing::describe(r);
  EXPECT_TRUE(r.warnings.empty()) << testing::describe(r);
  const engine::Finding f = testing::ct010(r.trails[0]);
  EXPECT_EQ(f.status, engine::Status::Pass) << f.message;
  EXPECT_NE(f.message.find("the trail is not logging"), std::string::npos) << f.message;
}

}  // namespace
}  // namespace stance::sources::aws
