// What every history store does alike, run against SQLite and PostgreSQL: round trips, transitions across
// reopening, retention, two processes writing at once, the notification outbox and watch state.
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>

#include "store/backends.hpp"
#include "store/records.hpp"
#include "store/store.hpp"
#include "store/transitions.hpp"

namespace stance::store {
namespace {

using testing::finding;
using testing::scan;

std::vector<std::string> kinds(const std::vector<Transition>& transitions) {
  std::vector<std::string> out;
  for (const auto& t : transitions) out.push_back(std::string(to_string(t.kind)) + ":" + t.fingerprint);
  return out;
}

using Kinds = std::vector<std::string>;

template <class Backend>
class StoreBehaviour : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why_not;
    bool installed = true;
    if (backend_.ready(why_not, installed)) return;
    if (!installed) GTEST_SKIP() << why_not;
    FAIL() << why_not;
  }
  // The test's database: a file path or a postgresql:// URL.
  std::string location() const { return backend_.location(); }

 private:
  Backend backend_;
};

using Backends = ::testing::Types<testing::SqliteBackend, testing::PostgresBackend>;
TYPED_TEST_SUITE(StoreBehaviour, Backends, testing::BackendNames);

TYPED_TEST(StoreBehaviour, RoundTripsAScanWithHostileValuesAsData) {
  const std::string path = this->location();
  FindingRecord tricky = finding("f1", "fail", true);
  tricky.resource_id = "Robert'); DROP TABLE scans; --";
  tricky.message = std::string("nul\0inside and \"quotes\" and \xE2\x80\xAE bidi", 35);
  // Not UTF-8, a backslash escape's look-alike, and the marker PostgreSQL's text escaping starts with.
  tricky.resource_name = "\xff\xfe latin-1 \xe9t\xe9 \\x00 \\\\";
  tricky.location = "\xEE\x80\x80starts with U+E000:1:1";
  tricky.suppression_reason = std::string("\0", 1);
  tricky.account = "111122223333";
  tricky.region = "eu-west-1";
  ScanRecord s = scan({tricky, finding("f2", "pass"), finding("f3", "unknown"), finding("f4", "error")});
  s.paths = {"/repo/a dir", "/repo/'b'"};
  s.accounts = {"111122223333"};
  s.regions = {"eu-west-1", "us-east-1"};
  s.rules = {"CT-002", "CT-010"};
  s.complete = false;
  {
    auto db = open_store(path, OpenMode::CreateIfMissing);
    db->record_scan(s);
    EXPECT_EQ(s.id, 1);
  }
  auto db = open_store(path, OpenMode::MustExist);
  std::optional<ScanRecord> back = db->scan(1);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->time, s.time);
  EXPECT_EQ(back->scope, s.scope);
  EXPECT_EQ(back->paths, s.paths);
  EXPECT_EQ(back->accounts, s.accounts);
  EXPECT_EQ(back->regions, s.regions);
  EXPECT_EQ(back->rules, s.rules);
  EXPECT_FALSE(back->complete);
  ASSERT_EQ(back->findings.size(), 4u);
  const FindingRecord& f = back->findings[0];
  EXPECT_EQ(f.resource_id, tricky.resource_id);
  EXPECT_EQ(f.message, tricky.message);
  EXPECT_EQ(f.resource_name, tricky.resource_name);
  EXPECT_EQ(f.location, tricky.location);
  EXPECT_EQ(f.suppression_reason, tricky.suppression_reason);
  EXPECT_TRUE(f.suppressed);
  EXPECT_EQ(f.account, "111122223333");
  EXPECT_EQ(f.region, "eu-west-1");
  EXPECT_FALSE(db->scan(2));

  auto scans = db->scans("");
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0].pass, 1);
  EXPECT_EQ(scans[0].fail, 0);
  EXPECT_EQ(scans[0].suppressed, 1);  // a suppressed fail counts as suppressed only, as in the report summary
  EXPECT_EQ(scans[0].unknown, 1);
  EXPECT_EQ(scans[0].error, 1);
}

TYPED_TEST(StoreBehaviour, TransitionsSurviveReopeningAndScopesAreSeparate) {
  const std::string path = this->location();
  ScanRecord first = scan({finding("a", "fail")});
  open_store(path, OpenMode::CreateIfMissing)->record_scan(first);
  {
    ScanRecord other = scan({finding("a", "pass")}, "2024-05-01T12:00:00Z", "paths [\"/other\"]");
    EXPECT_EQ(kinds(open_store(path, OpenMode::MustExist)->record_scan(other)), Kinds{});  // another scope
  }
  ScanRecord fixed = scan({finding("a", "pass")}, "2024-05-02T12:00:00Z");
  auto db = open_store(path, OpenMode::MustExist);
  EXPECT_EQ(kinds(db->record_scan(fixed)), Kinds{"resolved:a"});
  auto all = db->transitions("");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(to_string(all[0].kind), std::string("new"));
  EXPECT_EQ(all[1].previous_scan_id, 1);
  EXPECT_EQ(all[1].scan_id, 3);
  EXPECT_EQ(all[1].from, "fail");
  EXPECT_EQ(all[1].to, "pass");
  EXPECT_EQ(db->transitions("2024-05-02T00:00:00Z").size(), 1u);
  EXPECT_EQ(db->scans("2024-05-02T00:00:00Z").size(), 1u);
}

TYPED_TEST(StoreBehaviour, RetentionDeletesOldScansButKeepsEachScopesLatestAndTheStates) {
  auto db = open_store(this->location(), OpenMode::CreateIfMissing);
  for (const char* day : {"2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-03T00:00:00Z"}) {
    ScanRecord s = scan({finding("a", "fail")}, day);
    db->record_scan(s);  // #1 new, #2 and #3 nothing
  }
  ScanRecord other = scan({finding("b", "fail")}, "2024-01-01T00:00:00Z", "aws {}");
  db->record_scan(other);  // #4, alone in its scope

  Pruned p = db->prune_before("2024-06-01T00:00:00Z");
  EXPECT_EQ(p.scans, 2);        // #1 and #2; #3 is the latest of its scope, #4 of its own
  EXPECT_EQ(p.findings, 2);
  EXPECT_EQ(p.transitions, 1);  // a's "new" went with scan #1
  std::vector<ScanId> left;
  for (const auto& s : db->scans("")) left.push_back(s.id);
  EXPECT_EQ(left, (std::vector<ScanId>{3, 4}));
  EXPECT_FALSE(db->scan(1));
  ASSERT_EQ(db->transitions("").size(), 1u);  // b's "new" (scan #4)

  // a is still known to be failing: not "new" again; fixing it is "resolved", from the deleted scan's state.
  ScanRecord still = scan({finding("a", "fail")}, "2024-07-01T00:00:00Z");
  EXPECT_EQ(kinds(db->record_scan(still)), Kinds{});
  ScanRecord fixed = scan({finding("a", "pass")}, "2024-07-02T00:00:00Z");
  EXPECT_EQ(kinds(db->record_scan(fixed)), Kinds{"resolved:a"});
  EXPECT_EQ(db->prune_before("2024-01-01T00:00:00Z").scans, 0);  // nothing older than that
}

// Two processes record scans of one scope at the same time. Each scan is one transaction, and the states it
// derives from are read inside it, so the stored transitions are exactly those a one-at-a-time replay of
// the scans (in id order) derives.
TYPED_TEST(StoreBehaviour, TwoProcessesWritingAtOnceKeepEveryScanAndConsistentTransitions) {
  const std::string path = this->location();
  constexpr int kScansEach = 20;
  std::vector<pid_t> children;
  for (int process = 0; process < 2; ++process) {
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      int code = 0;
      try {
        for (int i = 0; i < kScansEach; ++i) {
          // Each process opens for every scan, as separate `stance scan --db` runs do.
          auto db = open_store(path, OpenMode::CreateIfMissing);
          ScanRecord s = scan({finding("shared", (i + process) % 2 ? "pass" : "fail"),
                               finding("p" + std::to_string(process), i % 3 ? "fail" : "pass")});
          db->record_scan(s);
        }
      } catch (const std::exception& e) {
        std::fprintf(stderr, "child %d: %s\n", process, e.what());
        code = 1;
      }
      _exit(code);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "a writer failed";
  }
  auto db = open_store(path, OpenMode::MustExist);
  auto scans = db->scans("");
  ASSERT_EQ(scans.size(), 2u * kScansEach);
  std::map<std::string, FingerprintState> states;
  std::vector<std::string> replayed;
  for (const auto& summary : scans) {
    ScanRecord s = *db->scan(summary.id);
    Derived d = derive_transitions(s, states);
    for (auto& st : d.states) states[st.fingerprint] = st;
    for (const auto& t : d.transitions) replayed.push_back(std::to_string(t.scan_id) + " " + to_string(t.kind) + " " + t.fingerprint);
  }
  std::vector<std::string> stored;
  for (const auto& t : db->transitions("")) stored.push_back(std::to_string(t.scan_id) + " " + to_string(t.kind) + " " + t.fingerprint);
  // Within one scan the order differs (recorded in the scan's order, read back by fingerprint).
  std::sort(stored.begin(), stored.end());
  std::sort(replayed.begin(), replayed.end());
  EXPECT_EQ(stored, replayed);
  EXPECT_GT(stored.size(), 10u);
}

TYPED_TEST(StoreBehaviour, OutboxEachTransitionIsQueuedOncePerTargetWithTheScan) {
  const std::string path = this->location();
  auto db = open_store(path, OpenMode::CreateIfMissing);
  ScanRecord first = scan({finding("a", "fail"), finding("b", "pass")});
  first.notify_targets = {"webhook:http://127.0.0.1:9/hook", "exec:cat"};
  first.state_updates = {{"cursor/111122223333/us-east-1", "2024-05-01T11:59:00Z"}};
  db->record_scan(first);

  // One "new" transition (a fails; a first pass is no change) x two targets.
  auto due = db->due_notifications("2024-05-01T12:00:00Z", 100, "");
  ASSERT_EQ(due.size(), 2u);
  EXPECT_EQ(due[0].status, "pending");
  EXPECT_EQ(due[0].attempts, 0);
  EXPECT_EQ(due[0].transition.fingerprint, "a");
  EXPECT_EQ(due[0].transition.kind, TransitionKind::New);
  EXPECT_EQ(due[0].target, "webhook:http://127.0.0.1:9/hook");
  EXPECT_EQ(due[1].target, "exec:cat");
  EXPECT_EQ(db->state("cursor/111122223333/us-east-1"), "2024-05-01T11:59:00Z");

  // Not due before the scan's time; the limit is kept.
  EXPECT_TRUE(db->due_notifications("2024-05-01T11:00:00Z", 100, "").empty());
  EXPECT_EQ(db->due_notifications("2024-05-01T12:00:00Z", 1, "").size(), 1u);

  // The same verdicts again: no transition, nothing new queued.
  ScanRecord same = scan({finding("a", "fail"), finding("b", "pass")}, "2024-05-01T13:00:00Z");
  same.notify_targets = first.notify_targets;
  db->record_scan(same);
  EXPECT_EQ(db->due_notifications("2024-05-01T13:00:00Z", 100, "").size(), 2u);
  EXPECT_EQ(db->notifications("").size(), 2u);
}

// Watchers sharing one database (one per --shard, each its own scope) each deliver their own notifications.
TYPED_TEST(StoreBehaviour, OutboxDueNotificationsOfOneScope) {
  auto db = open_store(this->location(), OpenMode::CreateIfMissing);
  ScanRecord shard0 = scan({finding("a", "fail")}, "2024-05-01T12:00:00Z", "aws shard 0/2");
  ScanRecord shard1 = scan({finding("b", "fail"), finding("c", "fail")}, "2024-05-01T12:00:00Z", "aws shard 1/2");
  shard0.notify_targets = shard1.notify_targets = {"exec:cat"};
  db->record_scan(shard0);
  db->record_scan(shard1);
  const auto mine = db->due_notifications("2024-05-01T12:00:00Z", 100, "aws shard 1/2");
  ASSERT_EQ(mine.size(), 2u);
  EXPECT_EQ(mine[0].transition.fingerprint, "b");
  EXPECT_EQ(mine[1].transition.fingerprint, "c");
  ASSERT_EQ(db->due_notifications("2024-05-01T12:00:00Z", 100, "aws shard 0/2").size(), 1u);
  EXPECT_EQ(db->due_notifications("2024-05-01T12:00:00Z", 100, "").size(), 3u);
  EXPECT_TRUE(db->due_notifications("2024-05-01T12:00:00Z", 100, "aws shard 2/3").empty());
}

TYPED_TEST(StoreBehaviour, OutboxAttemptsAreRecordedRetriedAndGivenUp) {
  const std::string path = this->location();
  auto db = open_store(path, OpenMode::CreateIfMissing);
  ScanRecord s = scan({finding("a", "fail"), finding("b", "fail")});
  s.notify_targets = {"webhook:http://127.0.0.1:9/hook"};
  db->record_scan(s);
  auto due = db->due_notifications("2024-05-01T12:00:00Z", 100, "");
  ASSERT_EQ(due.size(), 2u);

  db->record_attempt(due[0].id, true, "", "2024-05-01T12:00:01Z", "");
  db->record_attempt(due[1].id, false, "HTTP 503", "2024-05-01T12:00:01Z", "2024-05-01T12:00:05Z");
  EXPECT_TRUE(db->due_notifications("2024-05-01T12:00:04Z", 100, "").empty());
  auto retry = db->due_notifications("2024-05-01T12:00:05Z", 100, "");
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].id, due[1].id);
  EXPECT_EQ(retry[0].attempts, 1);
  EXPECT_EQ(retry[0].last_error, "HTTP 503");

  db->record_attempt(retry[0].id, false, "HTTP 503 again", "2024-05-01T12:00:06Z", "");
  EXPECT_TRUE(db->due_notifications("2099-01-01T00:00:00Z", 100, "").empty());
  auto all = db->notifications("");
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].status, "delivered");
  EXPECT_EQ(all[0].attempts, 1);
  EXPECT_EQ(all[1].status, "failed");
  EXPECT_EQ(all[1].attempts, 2);
  EXPECT_EQ(all[1].last_error, "HTTP 503 again");
}

TYPED_TEST(StoreBehaviour, WatchStateValuesOutliveTheStoreObject) {
  const std::string path = this->location();
  {
    auto db = open_store(path, OpenMode::CreateIfMissing);
    EXPECT_EQ(db->state("k"), std::nullopt);
    db->set_state("k", "one");
    db->set_state("k", "two");
    db->set_state("'; DROP TABLE scans; --", "x");
  }
  auto db = open_store(path, OpenMode::MustExist);
  EXPECT_EQ(db->state("k"), "two");
  EXPECT_EQ(db->state("'; DROP TABLE scans; --"), "x");
}

// A write that fails half-way (here two findings with one fingerprint, which finding_records never makes) leaves
// nothing of the scan, and the store goes on working.
TYPED_TEST(StoreBehaviour, AScanThatCannotBeWrittenLeavesNothingBehind) {
  auto db = open_store(this->location(), OpenMode::CreateIfMissing);
  std::vector<FindingRecord> findings;
  for (int i = 0; i < 500; ++i) findings.push_back(finding("f" + std::to_string(i), "fail"));
  findings.push_back(finding("f7", "pass"));
  findings.push_back(finding("late", "fail"));
  ScanRecord broken = scan(findings);
  broken.notify_targets = {"exec:cat"};
  broken.state_updates = {{"cursor", "moved"}};
  EXPECT_THROW(db->record_scan(broken), StoreError);
  EXPECT_TRUE(db->scans("").empty());
  EXPECT_TRUE(db->transitions("").empty());
  EXPECT_TRUE(db->notifications("").empty());
  EXPECT_EQ(db->state("cursor"), std::nullopt);

  ScanRecord good = scan({finding("f7", "fail")});
  EXPECT_EQ(kinds(db->record_scan(good)), Kinds{"new:f7"});
  EXPECT_EQ(db->scans("").size(), 1u);
}

}  // namespace
}  // namespace stance::store
