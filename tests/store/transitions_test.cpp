// The transition rules (store/transitions.hpp), run through a sequence of scans as a store would: each
// scan's derived states become the next scan's previous states.
#include "store/transitions.hpp"

#include <gtest/gtest.h>

#include "store/records.hpp"

namespace stance::store {
namespace {

using testing::finding;
using testing::scan;

class History {
 public:
  // Derives one scan's transitions and keeps its states; returns "kind:from->to" per transition.
  std::vector<std::string> add(ScanRecord s) {
    s.id = ++last_id_;
    Derived d = derive_transitions(s, states_);
    for (auto& st : d.states) states_[st.fingerprint] = st;
    std::vector<std::string> out;
    for (const auto& t : d.transitions) {
      out.push_back(std::string(to_string(t.kind)) + ":" + (t.from.empty() ? "-" : t.from) + "->" + t.to);
      last_ = t;
    }
    return out;
  }
  const Transition& last() const { return last_; }
  const std::map<std::string, FingerprintState>& states() const { return states_; }

 private:
  ScanId last_id_ = 0;
  std::map<std::string, FingerprintState> states_;
  Transition last_;
};

using Kinds = std::vector<std::string>;

TEST(Transitions, FirstFailIsNewAndAFirstPassIsNothing) {
  History h;
  EXPECT_EQ(h.add(scan({finding("a", "fail"), finding("b", "pass")})), Kinds{"new:-->fail"});
  EXPECT_FALSE(h.last().previous_scan_id);
  EXPECT_EQ(h.last().fingerprint, "a");
  EXPECT_EQ(h.add(scan({finding("a", "fail"), finding("b", "pass")})), Kinds{});  // still failing: nothing
}

TEST(Transitions, FailThenPassIsResolvedThenFailAgainIsRegressed) {
  History h;
  h.add(scan({finding("a", "fail")}));
  EXPECT_EQ(h.add(scan({finding("a", "pass")})), Kinds{"resolved:fail->pass"});
  EXPECT_EQ(h.last().previous_scan_id, 1);
  EXPECT_EQ(h.add(scan({finding("a", "fail")})), Kinds{"regressed:pass->fail"});
  EXPECT_EQ(h.last().scan_id, 3);
}

TEST(Transitions, PassThenFailIsRegressed) {
  History h;
  h.add(scan({finding("a", "pass")}));
  EXPECT_EQ(h.add(scan({finding("a", "fail")})), Kinds{"regressed:pass->fail"});
}

TEST(Transitions, AFailingFindingThatIsGoneIsResolvedAndComingBackIsRegressed) {
  History h;
  h.add(scan({finding("a", "fail")}));
  EXPECT_EQ(h.add(scan({})), Kinds{"resolved:fail->gone"});
  EXPECT_EQ(h.last().message, "message of a");  // the last known finding names what was resolved
  EXPECT_EQ(h.add(scan({finding("a", "fail")})), Kinds{"regressed:gone->fail"});
}

TEST(Transitions, UnknownOrErrorAfterFailIsNotResolvedAndAfterPassNotRegressed) {
  History h;
  h.add(scan({finding("a", "fail"), finding("b", "pass")}));
  EXPECT_EQ(h.add(scan({finding("a", "unknown"), finding("b", "error")})), Kinds{});
  EXPECT_EQ(h.states().at("a").state, "fail");
  EXPECT_EQ(h.states().at("b").state, "pass");
  EXPECT_EQ(h.add(scan({finding("a", "error"), finding("b", "unknown")})), Kinds{});
  // Judged again: a still fails (nothing new), b fails now (it passed when last judged).
  EXPECT_EQ(h.add(scan({finding("a", "fail"), finding("b", "fail")})), Kinds{"regressed:pass->fail"});
}

TEST(Transitions, FirstSeenUnknownThenFailIsNew) {
  History h;
  EXPECT_EQ(h.add(scan({finding("a", "unknown")})), Kinds{});
  EXPECT_EQ(h.add(scan({finding("a", "fail")})), Kinds{"new:-->fail"});
}

TEST(Transitions, ASuppressedFailMovesNothing) {
  History h;
  EXPECT_EQ(h.add(scan({finding("a", "fail", /*suppressed=*/true)})), Kinds{});
  h.add(scan({finding("b", "fail")}));
  EXPECT_EQ(h.add(scan({finding("b", "fail", true)})), Kinds{});  // accepting a failure does not resolve it
  // Suppression removed while still failing: it was failing when last judged, so nothing new.
  EXPECT_EQ(h.add(scan({finding("b", "fail")})), Kinds{});
}

TEST(Transitions, AnIncompleteScanDoesNotMakeAbsentFindingsGone) {
  History h;
  h.add(scan({finding("a", "fail")}));
  ScanRecord incomplete = scan({});
  incomplete.complete = false;  // e.g. the file no longer parses: its trail was not seen, not fixed
  EXPECT_EQ(h.add(incomplete), Kinds{});
  EXPECT_EQ(h.states().at("a").state, "fail");
  EXPECT_EQ(h.add(scan({})), Kinds{"resolved:fail->gone"});
}

TEST(Transitions, AScanThatDidNotRunTheRuleDoesNotMakeItsFindingsGone) {
  History h;
  h.add(scan({finding("a", "fail", false, "CT-002")}, "2024-05-01T12:00:00Z", "paths [\"/repo\"]", {"CT-002", "CT-010"}));
  EXPECT_EQ(h.add(scan({})), Kinds{});  // only CT-010 ran
  EXPECT_EQ(h.add(scan({}, "2024-05-01T12:00:00Z", "paths [\"/repo\"]", {"CT-002"})), Kinds{"resolved:fail->gone"});
}

TEST(Transitions, APassingFindingThatIsGoneMakesNoTransition) {
  History h;
  h.add(scan({finding("a", "pass")}));
  EXPECT_EQ(h.add(scan({})), Kinds{});
  EXPECT_EQ(h.states().at("a").state, "gone");
  EXPECT_EQ(h.states().at("a").first_seen_scan, 1);
}

}  // namespace
}  // namespace stance::store
