// `stance kb show CT-010 --for ARN snapshot.json` end to end: collect a snapshot from the test AWS endpoint,
// fill the snippets in for a failing trail, run the printed CLI commands with Debian's AWS CLI (/usr/bin/aws,
// which parses and validates the selector JSON as it would against AWS), and check that the trail now passes
// with its data selectors as they were.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/live_state.hpp"
#include "aws/live/run_stance.hpp"

namespace stance::testing {
namespace {

namespace fs = std::filesystem;

constexpr const char* kAws = "/usr/bin/aws";

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The selectors GetEventSelectors returned for `trail_arn` in a snapshot, minified.
std::string selectors_in(const std::string& snapshot, const std::string& trail_arn) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.load(snapshot).get(doc)) return "(not JSON)";
  for (simdjson::dom::element account : doc["accounts"].get_array()) {
    for (simdjson::dom::element trail : account["trails"].get_array()) {
      if (std::string_view(trail["arn"]) != trail_arn) continue;
      for (simdjson::dom::element call : trail["calls"].get_array()) {
        if (std::string_view(call["operation"]) != "GetEventSelectors") continue;
        simdjson::dom::element list;
        if (!call["response"]["EventSelectors"].get(list)) return simdjson::minify(list);
        if (!call["response"]["AdvancedEventSelectors"].get(list)) return simdjson::minify(list);
      }
    }
  }
  return "(not found)";
}

class KbForLive : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
    if (::access(kAws, X_OK) != 0) GTEST_SKIP() << kAws << " (Debian's AWS CLI) is not installed";
    aws_ = std::make_unique<FakeAws>(kState);
    dir_ = fs::temp_directory_path() / ("stance-kbfor-live-" + std::to_string(::getpid()));
    fs::create_directories(dir_ / "home");
  }
  void TearDown() override {
    if (!dir_.empty()) fs::remove_all(dir_);
  }
  std::map<std::string, std::string> env() const {
    return {{"AWS_ACCESS_KEY_ID", "AKIDMANAGEMENT0001"}, {"AWS_SECRET_ACCESS_KEY", kSecret},
            {"AWS_ENDPOINT_URL", aws_->endpoint()}};
  }
  std::string collect() {
    const std::string path = (dir_ / "snapshot.json").string();
    StanceRun run = run_stance({"collect", "--aws", "-o", path}, env());
    EXPECT_TRUE(fs::exists(path)) << run.err;
    return path;
  }
  // The snippet of `kind` that `kb show CT-010 --for` fills in for `trail`.
  std::string snippet_for(const std::string& trail, const std::string& snapshot, const std::string& kind) {
    StanceRun run = run_stance({"kb", "show", "CT-010", "--for", trail, snapshot, "--format", "json"}, {});
    EXPECT_EQ(run.code, 0) << run.err;
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    simdjson::dom::array snippets;
    if (parser.parse(run.out).get(doc) || doc["snippets"].get(snippets)) {
      ADD_FAILURE() << run.out;
      return "";
    }
    for (simdjson::dom::element s : snippets) {
      if (std::string_view(s["kind"]) == kind) return std::string(std::string_view(s["text"]));
    }
    ADD_FAILURE() << "no " << kind << " snippet in\n" << run.out;
    return "";
  }
  // Runs `script` with /bin/sh, `aws` being Debian's AWS CLI pointed at the test endpoint (this CLI version
  // does not read AWS_ENDPOINT_URL), with no configuration or credential files.
  int shell(const std::string& script, std::string& output) {
    const std::string program = "aws() { " + std::string(kAws) + " --endpoint-url \"$TEST_ENDPOINT\" --output json \"$@\"; }\n" + script;
    std::vector<std::string> env_strings = {
        "PATH=/usr/bin:/bin", "HOME=" + (dir_ / "home").string(), "LANG=C.UTF-8",
        "AWS_ACCESS_KEY_ID=AKIDMANAGEMENT0001", std::string("AWS_SECRET_ACCESS_KEY=") + kSecret,
        "AWS_CONFIG_FILE=" + (dir_ / "no-config").string(), "AWS_SHARED_CREDENTIALS_FILE=" + (dir_ / "no-creds").string(),
        "AWS_PAGER=", "AWS_EC2_METADATA_DISABLED=true", "TEST_ENDPOINT=" + aws_->endpoint()};
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string sh = "/bin/sh", dash_c = "-c", body = program;
    char* argv[] = {sh.data(), dash_c.data(), body.data(), nullptr};
    const std::string out_path = (dir_ / "shell-out").string();
    pid_t pid = ::fork();
    if (pid == 0) {
      FILE* out = std::freopen(out_path.c_str(), "w", stdout);
      if (!out || ::dup2(STDOUT_FILENO, STDERR_FILENO) < 0) ::_exit(126);
      ::execve(argv[0], argv, envp.data());
      ::_exit(127);
    }
    int status = 0;
    ::waitpid(pid, &status, 0);
    output = slurp(out_path);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  }

  std::unique_ptr<FakeAws> aws_;
  fs::path dir_;
};

TEST_F(KbForLive, TheFilledInCommandsRunAndTheTrailPassesWithItsDataSelectors) {
  const std::string snapshot = collect();
  aws_->reset_calls();  // from here on, only the CLI commands call the endpoint
  for (const std::string& name : {std::string("mgmt-off"), std::string("adv-data-named-management"),
                                  std::string("read-only")}) {
    SCOPED_TRACE(name);
    const std::string region = name == "adv-data-named-management" ? "ap-southeast-2" : "us-east-1";
    const std::string trail_arn = arn(region, name);
    const std::string cli = snippet_for(trail_arn, snapshot, "cli");
    EXPECT_NE(cli.find("--region '" + region + "' --trail-name '" + trail_arn + "'"), std::string::npos) << cli;
    std::string output;
    EXPECT_EQ(shell(cli, output), 0) << cli << "\n---\n" << output;
    EXPECT_EQ(aws_->call_count("GetEventSelectors"), 1);
    EXPECT_EQ(aws_->call_count("PutEventSelectors"), 1);
    aws_->reset_calls();
  }

  std::map<std::string, Finding> after =
      findings_of(run_stance({"scan", "--aws", "--format", "json", "--no-config"}, env()).out);
  EXPECT_EQ(after[arn("us-east-1", "mgmt-off")].status, "pass") << after[arn("us-east-1", "mgmt-off")].message;
  EXPECT_EQ(after[arn("ap-southeast-2", "adv-data-named-management")].status, "pass");
  EXPECT_EQ(after[arn("us-east-1", "read-only")].status, "pass");

  // The data selectors are still there, unchanged, next to the added management selector.
  const std::string again = collect();
  StanceRun shown = run_stance({"kb", "show", "CT-010", "--for", "adv-data-named-management", again}, {});
  EXPECT_NE(shown.out.find("CT-010 passes for this trail: nothing to change."), std::string::npos) << shown.out;
  EXPECT_EQ(selectors_in(again, arn("us-east-1", "mgmt-off")),
            R"([{"ReadWriteType":"All","IncludeManagementEvents":false,)"
            R"("DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3"]}],"ExcludeManagementEventSources":[]},)"
            R"({"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}])");
  EXPECT_EQ(selectors_in(again, arn("ap-southeast-2", "adv-data-named-management")),
            R"([{"Name":"Management events","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},)"
            R"({"Field":"resources.type","Equals":["AWS::S3::Object"]}]},)"
            R"j({"Name":"Management events (added by stance)","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}])j");
}

}  // namespace
}  // namespace stance::testing
