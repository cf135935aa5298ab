// `scan --db`, `stance history` and `stance diff` end to end, on a small template directory: a failing trail,
// then the file fixed and scanned again.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "cli_harness.hpp"

namespace stance::cli::testing {
namespace {

using RunResult = stance::cli::testing::Run;  // `Run` alone is gtest's Test::Run inside a TEST

constexpr const char* kReadOnlyTrail = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: ReadOnly
)";

// The same trail, fixed.
constexpr const char* kFixedTrail = R"(AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: logs
      EventSelectors:
        - ReadWriteType: All
)";

// The failing trail again, lower in the file: same resource, other lines.
using RunResult = stance::cli::testing::Run;  // `Run` alone is gtest's Test::Run inside a TEST

constexpr const char* kReadOnlyTrailMoved = R"(AWSTemplateFormatVersion: '2010-09-09'
Description: >
  The audit trail, now documented
  over several lines.
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      EventSelectors:
        - ReadWriteType: ReadOnly
)";

struct Transition {
  std::string kind, from, to, resource;
  std::int64_t scan_id;
};

std::vector<Transition> transitions_of(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(json);
  std::vector<Transition> out;
  for (simdjson::dom::element t : simdjson::dom::array(doc["transitions"])) {
    Transition x;
    x.kind = std::string(std::string_view(t["kind"]));
    x.from = t["from"].is_null() ? "" : std::string(std::string_view(t["from"]));
    x.to = std::string(std::string_view(t["to"]));
    x.resource = std::string(std::string_view(t["resource"]["id"]));
    x.scan_id = std::int64_t(t["scan_id"]);
    out.push_back(x);
  }
  return out;
}

std::size_t scan_count(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(json);
  return simdjson::dom::array(doc["scans"]).size();
}

TEST(History, FailThenFixThenRescanShowsResolved) {
  TempDir dir;
  dir.write("templates/trail.yaml", kReadOnlyTrail);
  const std::string db = dir / "history.db";
  const std::string templates = dir / "templates";

  RunResult plain = stance({"scan", templates});
  RunResult first = stance({"scan", templates, "--db", db});
  EXPECT_EQ(first.code, 1) << first.err;
  EXPECT_EQ(first.out, plain.out);  // recording does not change the report
  RunResult plain_json = stance({"scan", templates, "--format", "json"});
  RunResult json = stance({"scan", templates, "--format", "json", "--db", dir / "other.db"});
  EXPECT_EQ(json.out, plain_json.out);

  dir.write("templates/trail.yaml", kFixedTrail);
  RunResult second = stance({"scan", templates, "--db", db});
  EXPECT_EQ(second.code, 0) << second.err;

  RunResult history = stance({"history", "--db", db, "--format", "json"});
  ASSERT_EQ(history.code, 0) << history.err;
  EXPECT_EQ(scan_count(history.out), 2u);
  auto transitions = transitions_of(history.out);
  ASSERT_EQ(transitions.size(), 2u) << history.out;
  EXPECT_EQ(transitions[0].kind, "new");
  EXPECT_EQ(transitions[0].resource, "AuditTrail");
  EXPECT_EQ(transitions[0].scan_id, 1);
  EXPECT_EQ(transitions[1].kind, "resolved");
  EXPECT_EQ(transitions[1].from, "fail");
  EXPECT_EQ(transitions[1].to, "pass");
  EXPECT_EQ(transitions[1].scan_id, 2);

  RunResult text = stance({"history", "--db", db});
  EXPECT_EQ(text.code, 0);
  EXPECT_TRUE(contains(text.out, "resolved  CT-010  AuditTrail  (fail -> pass)")) << text.out;
  EXPECT_TRUE(contains(text.out, "Scans (2)")) << text.out;

  // Broken again: regressed.
  dir.write("templates/trail.yaml", kReadOnlyTrail);
  EXPECT_EQ(stance({"scan", templates, "--db", db}).code, 1);
  transitions = transitions_of(stance({"history", "--db", db, "--format", "json"}).out);
  ASSERT_EQ(transitions.size(), 3u);
  EXPECT_EQ(transitions[2].kind, "regressed");
}

TEST(History, MovingTheResourceInItsFileKeepsItsHistory) {
  TempDir dir;
  dir.write("t/trail.yaml", kReadOnlyTrail);
  const std::string db = dir / "h.db";
  EXPECT_EQ(stance({"scan", dir / "t", "--db", db}).code, 1);
  dir.write("t/trail.yaml", kReadOnlyTrailMoved);
  EXPECT_EQ(stance({"scan", dir / "t", "--db", db}).code, 1);
  // The same checkout scanned through another spelling of its path is the same source.
  EXPECT_EQ(stance({"scan", dir / "t/../t/", "--db", db}).code, 1);
  auto transitions = transitions_of(stance({"history", "--db", db, "--format", "json"}).out);
  ASSERT_EQ(transitions.size(), 1u);  // only the first "new": the moved trail is the same finding
  RunResult diff = stance({"diff", "--db", db, "1", "2", "--format", "json"});
  EXPECT_EQ(diff.code, 0) << diff.out;
  EXPECT_TRUE(contains(diff.out, "\"changed\": []")) << diff.out;  // only the location moved
}

TEST(History, DiffNamesNewResolvedAndFailsOnNew) {
  TempDir dir;
  dir.write("t/trail.yaml", kReadOnlyTrail);
  const std::string db = dir / "h.db";
  stance({"scan", dir / "t", "--db", db});
  dir.write("t/trail.yaml", kFixedTrail);
  stance({"scan", dir / "t", "--db", db});

  RunResult fixed = stance({"diff", "--db", db, "1", "2"});
  EXPECT_EQ(fixed.code, 0) << fixed.err;
  EXPECT_TRUE(contains(fixed.out, "Resolved (1):")) << fixed.out;
  EXPECT_TRUE(contains(fixed.out, "0 new, 1 resolved, 0 changed, 0 unchanged")) << fixed.out;

  RunResult broke = stance({"diff", "--db", db, "2", "1", "--format", "json"});
  EXPECT_EQ(broke.code, 1);  // scan 1 has a failing finding scan 2 did not
  simdjson::dom::parser parser;
  simdjson::dom::element doc = parser.parse(broke.out);
  EXPECT_EQ(int64_t(doc["summary"]["new"]), 1);
  EXPECT_EQ(std::string_view(doc["new"].at(0)["before"]["status"]), "pass");
  EXPECT_EQ(std::string_view(doc["new"].at(0)["after"]["status"]), "fail");
  EXPECT_TRUE(bool(doc["same_scope"]));

  RunResult missing = stance({"diff", "--db", db, "1", "7"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(contains(missing.err, "no scan #7")) << missing.err;
}

TEST(History, ADatabaseThatCannotBeWrittenIsIncompleteButTheReportGoesOut) {
  TempDir dir;
  dir.write("t/trail.yaml", kFixedTrail);
  const std::string junk = dir.write("junk.db", "not a database");
  RunResult r = stance({"scan", dir / "t", "--db", junk});
  EXPECT_EQ(r.code, 2);  // would be 0 without --db
  EXPECT_TRUE(contains(r.out, "1 pass")) << r.out;
  EXPECT_TRUE(contains(r.err, "the scan was not recorded")) << r.err;
  EXPECT_TRUE(contains(r.err, junk)) << r.err;
  EXPECT_EQ(dir.read("junk.db"), "not a database");

  RunResult nowhere = stance({"scan", dir / "t", "--db", dir / "no/such/dir/h.db", "--format", "json"});
  EXPECT_EQ(nowhere.code, 2);
  EXPECT_TRUE(contains(nowhere.out, "\"findings\"")) << nowhere.out;
}

TEST(History, UsageErrors) {
  TempDir dir;
  dir.write("t/trail.yaml", kFixedTrail);
  EXPECT_EQ(stance({"scan", dir / "t", "--retain", "30d"}).code, 2);  // --retain without --db
  RunResult bad_retain = stance({"scan", dir / "t", "--db", dir / "h.db", "--retain", "soon"});
  EXPECT_EQ(bad_retain.code, 2);
  EXPECT_TRUE(contains(bad_retain.err, "--retain: 'soon' is not a duration")) << bad_retain.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "h.db"));  // refused before scanning, nothing recorded

  EXPECT_EQ(stance({"scan", dir / "t", "--db", dir / "h.db", "--retain", "30d"}).code, 0);
  RunResult bad_since = stance({"history", "--db", dir / "h.db", "--since", "yesterday"});
  EXPECT_EQ(bad_since.code, 2);
  EXPECT_TRUE(contains(bad_since.err, "--since")) << bad_since.err;
  RunResult missing = stance({"history", "--db", dir / "none.db"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_TRUE(contains(missing.err, "no such file")) << missing.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "none.db"));
  EXPECT_EQ(stance({"history"}).code, 2);  // --db is required
}

// history.retain in .stance.yaml applies when --retain is not given; a value that is not a duration is an error at
// its line and column, before anything is scanned or recorded.
TEST(History, RetentionFromTheConfiguration) {
  TempDir dir;
  dir.write("t/trail.yaml", kReadOnlyTrail);
  dir.write("t/.stance.yaml", "history:\n  retain: soon\n");
  const std::string db = dir / "h.db";
  RunResult bad = stance({"scan", dir / "t", "--db", db});
  EXPECT_EQ(bad.code, 2);
  EXPECT_TRUE(contains(bad.out + bad.err, ".stance.yaml:2:11")) << bad.out << bad.err;
  EXPECT_TRUE(contains(bad.out + bad.err, "history.retain: 'soon' is not a duration")) << bad.out << bad.err;
  EXPECT_FALSE(std::filesystem::exists(db));

  dir.write("t/.stance.yaml", "history:\n  retain: 1s\n");
  EXPECT_EQ(stance({"scan", dir / "t", "--db", db}).code, 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(stance({"scan", dir / "t", "--db", db}).code, 1);  // deletes the first scan, 2 s old
  RunResult after = stance({"history", "--db", db, "--format", "json"});
  EXPECT_EQ(scan_count(after.out), 1u) << after.out;

  // --retain wins over the configuration.
  std::this_thread::sleep_for(std::chrono::milliseconds(2100));
  EXPECT_EQ(stance({"scan", dir / "t", "--db", db, "--retain", "1h"}).code, 1);
  EXPECT_EQ(scan_count(stance({"history", "--db", db, "--format", "json"}).out), 2u);

  dir.write("t/.stance.yaml", "history:\n  keep: 1d\n");
  RunResult unknown = stance({"scan", dir / "t", "--db", db});
  EXPECT_EQ(unknown.code, 2);
  EXPECT_TRUE(contains(unknown.out + unknown.err, "unknown key \"keep\" in history")) << unknown.out << unknown.err;
}

TEST(History, SinceKeepsRecentScans) {
  TempDir dir;
  dir.write("t/trail.yaml", kReadOnlyTrail);
  const std::string db = dir / "h.db";
  stance({"scan", dir / "t", "--db", db});
  RunResult recent = stance({"history", "--db", db, "--since", "1h", "--format", "json"});
  EXPECT_EQ(recent.code, 0) << recent.err;
  EXPECT_EQ(scan_count(recent.out), 1u);
  EXPECT_EQ(transitions_of(recent.out).size(), 1u);
}

// Two `stance scan --db` processes at once on one database (WAL, one transaction per scan): both recorded.
TEST(History, TwoScanProcessesAtOnceAreBothRecorded) {
  TempDir dir;
  dir.write("a/trail.yaml", kReadOnlyTrail);
  dir.write("b/trail.yaml", kFixedTrail);
  const std::string db = dir / "h.db";
  const std::string bin = STANCE_BINARY;
  std::string script;
  for (int i = 0; i < 3; ++i) {
    script += "'" + bin + "' scan '" + (dir / "a") + "' --db '" + db + "' -q >/dev/null & ";
    script += "'" + bin + "' scan '" + (dir / "b") + "' --db '" + db + "' -q >/dev/null & ";
  }
  script += "wait";
  ASSERT_EQ(std::system(("/bin/bash -c \"" + script + "\"").c_str()), 0);
  RunResult history = stance({"history", "--db", db, "--format", "json"});
  ASSERT_EQ(history.code, 0) << history.err;
  EXPECT_EQ(scan_count(history.out), 6u);
  auto transitions = transitions_of(history.out);
  ASSERT_EQ(transitions.size(), 1u);  // a's trail: new once, whichever of a's scans came first
  EXPECT_EQ(transitions[0].kind, "new");
}

}  // namespace
}  // namespace stance::cli::testing
