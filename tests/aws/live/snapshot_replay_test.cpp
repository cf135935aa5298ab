// Every rule's live examples (src/rules/*/examples/live/*.json, stance snapshots judged by hand in each
// rule's expected.yaml) run against the test AWS endpoint too: the endpoint is given what the snapshot
// recorded (../fake_aws/state_from_snapshot.py), `stance scan --aws --all-rules` reads it through the wire
// protocols, and every finding must equal the offline scan of the snapshot: same resources, verdicts, locations
// and exit code, and the same messages except where they cannot be: an `error` quotes the endpoint's error text,
// not the recorded one, and an account rule lists trails in the order they were read.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "aws/fake_aws/fixture.hpp"
#include "aws/live/report_findings.hpp"
#include "aws/live/run_stance.hpp"

namespace stance::testing {
namespace {

namespace fs = std::filesystem;

const fs::path kRules = fs::path(STANCE_SOURCE_DIR) / "src/rules";
const fs::path kConverter = fs::path(STANCE_SOURCE_DIR) / "tests/aws/fake_aws/state_from_snapshot.py";

// "ct001/examples/live/unreadable.json", for every live example, sorted.
std::vector<std::string> live_examples() {
  std::vector<std::string> found;
  std::error_code ec;
  for (const auto& rule : fs::directory_iterator(kRules, ec)) {
    const fs::path live = rule.path() / "examples" / "live";
    if (!fs::is_directory(live)) continue;
    for (const auto& file : fs::directory_iterator(live)) {
      if (file.path().extension() == ".json") found.push_back(fs::relative(file.path(), kRules).string());
    }
  }
  std::sort(found.begin(), found.end());
  return found;
}

struct Command {
  int code = -1;
  std::string out;
};

// Runs the converter with Debian's python (it needs nothing beyond the standard library).
Command convert(const fs::path& snapshot) {
  Command c;
  const std::string command = "/usr/bin/python3 -I '" + kConverter.string() + "' '" + snapshot.string() + "'";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return c;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) c.out.append(buffer, n);
  const int status = ::pclose(pipe);
  c.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return c;
}

// The account IDs a snapshot read, comma-separated, in order.
std::string accounts_of(const std::string& snapshot_json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array accounts;
  std::string ids;
  if (parser.parse(snapshot_json).get(doc) || doc["accounts"].get(accounts)) return ids;
  for (simdjson::dom::element a : accounts) {
    std::string_view id;
    if (a["account_id"].get(id)) continue;
    ids += (ids.empty() ? "" : ",") + std::string(id);
  }
  return ids;
}

// The trail ARNs a message names, sorted.
std::vector<std::string> trail_arns_in(const std::string& message) {
  static const std::regex arn(R"(arn:aws[a-z-]*:cloudtrail:[a-z0-9-]+:\d{12}:trail/[A-Za-z0-9._-]+)");
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(message.begin(), message.end(), arn); it != std::sregex_iterator(); ++it) {
    found.push_back(it->str());
  }
  std::sort(found.begin(), found.end());
  return found;
}

class SnapshotReplay : public ::testing::TestWithParam<std::string> {};

TEST_P(SnapshotReplay, TheLiveScanOfTheEndpointEqualsTheOfflineScan) {
  if (auto why = FakeAws::unavailable()) GTEST_SKIP() << *why;
  const fs::path snapshot = kRules / GetParam();
  const Command state = convert(snapshot);
  ASSERT_EQ(state.code, 0) << "state_from_snapshot.py refused " << snapshot;
  const std::string accounts = accounts_of(FakeAws::read_file(snapshot.string()));
  ASSERT_FALSE(accounts.empty()) << snapshot;
  FakeAws aws(state.out);

  StanceRun offline = run_stance({"scan", snapshot.string(), "--all-rules", "-f", "json"}, {});
  StanceRun live = run_stance({"scan", "--aws", "--all-rules", "-f", "json", "--accounts", accounts, "--role-arn",
                               "arn:aws:iam::{account}:role/Replay", "--max-attempts", "2", "--timeout", "2"},
                              {{"AWS_ACCESS_KEY_ID", "AKIDSNAPSHOTREPLAY"},
                               {"AWS_SECRET_ACCESS_KEY", "snapshot-replay-secret"},
                               {"AWS_ENDPOINT_URL", aws.endpoint()},
                               {"AWS_REGION", "us-east-1"}});
  EXPECT_EQ(live.code, offline.code) << "live:\n" << live.err << "\noffline:\n" << offline.err;
  EXPECT_EQ(live.err.find("snapshot-replay-secret"), std::string::npos);

  const auto every = [](std::string_view) { return true; };
  const auto want = findings_by_rule(offline.out, every), got = findings_by_rule(live.out, every);
  EXPECT_FALSE(want.empty()) << offline.out;
  for (const auto& [key, expected] : want) {
    SCOPED_TRACE(key.first + " " + key.second);
    auto it = got.find(key);
    if (it == got.end()) {
      ADD_FAILURE() << "no finding on the live path\n" << live.out << live.err;
      continue;
    }
    const RuleFinding& actual = it->second;
    EXPECT_EQ(actual.status, expected.status) << "live: " << actual.message << "\noffline: " << expected.message;
    if (expected.type == "AWS::::Account") {
      // An account rule lists the account's trails in the order they were read: the reader's order (region by
      // region) is not the order the snapshot was written in by hand, so compare which trails a failure names.
      if (expected.status == "fail") {
        EXPECT_EQ(trail_arns_in(actual.message), trail_arns_in(expected.message));
      }
    } else if (expected.status != "error" && !expected.message.starts_with("not read: ")) {
      // ("not read: ...": a bucket or key rule's unknown for a trail that could not be read quotes AWS's error
      // message, which names the caller: the replay's role, not the user the snapshot was recorded with.)
      EXPECT_EQ(actual.message, expected.message);
    }
    EXPECT_EQ(actual.type, expected.type);
    EXPECT_EQ(actual.arn, expected.arn);
    EXPECT_EQ(actual.region, expected.region);
    EXPECT_EQ(actual.account, expected.account);
  }
  for (const auto& [key, actual] : got) {
    EXPECT_TRUE(want.count(key)) << "only on the live path: " << key.first << " " << key.second << ": "
                                 << actual.status << " " << actual.message;
  }
}

INSTANTIATE_TEST_SUITE_P(LiveExamples, SnapshotReplay, ::testing::ValuesIn(live_examples()),
                         [](const ::testing::TestParamInfo<std::string>& example) {
                           std::string name;
                           for (char c : example.param) {
                             if (std::isalnum(static_cast<unsigned char>(c))) name += c;
                             else if (c == '/' || c == '-' || c == '.') name += '_';
                           }
                           return name.substr(0, name.size() - 5);  // without "_json"
                         });

TEST(SnapshotReplayExamples, EveryRuleOfTheFamilyHasLiveExamplesToReplay) {
  // Issue 13: each rule's live examples run against the test endpoint, so each rule must have some.
  const auto examples = live_examples();
  for (const char* rule : {"ct001", "ct002", "ct005", "ct006", "ct007", "ct009", "ct011", "ct012", "ct014"}) {
    EXPECT_TRUE(std::any_of(examples.begin(), examples.end(),
                            [&](const std::string& e) { return e.starts_with(std::string(rule) + "/"); }))
        << rule;
  }
}

}  // namespace
}  // namespace stance::testing
