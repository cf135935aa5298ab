// The evaluator's bucket and key subjects (issue 14): one finding per bucket however many trails use it, the
// trails named, an unreadable bucket never passing, and exceptions by the bucket's id.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/evaluator.hpp"

namespace stance::engine {
namespace {

model::Trail trail_on(std::string id, const std::string& bucket_id, int line) {
  model::Trail t;
  t.id = std::move(id);
  t.where = model::Location::in_file("t.yaml", line, 3);
  t.log_bucket.kind = model::Reference::Kind::Declared;
  t.log_bucket.target = bucket_id;
  t.log_bucket.where = model::Location::in_file("t.yaml", line + 3, 7);
  return t;
}

model::Bucket unlocked_bucket(std::string id, int line) {
  model::Bucket b;
  b.id = std::move(id);
  b.where = model::Location::in_file("t.yaml", line, 3);
  b.object_lock_enabled = model::Value<bool>::defaulted(false, b.where);
  return b;
}

EvaluationOptions only(const char* rule) {
  EvaluationOptions o;
  o.only_rules = {rule};
  return o;
}

TEST(EvaluatorRelated, OneFindingPerBucketNamingAtMostTenTrails) {
  std::vector<model::Trail> trails;
  for (int i = 0; i < 12; ++i) trails.push_back(trail_on("Trail" + std::to_string(i), "Logs", 10 + 10 * i));
  const std::vector<model::Bucket> buckets{unlocked_bucket("Logs", 2)};
  const auto findings = evaluate(model::Inventory{trails, {}, buckets, {}}, Config{}, kb::KnowledgeBase{},
                                 only("CT-013"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, Status::Fail);
  EXPECT_EQ(findings[0].resource.type, "AWS::S3::Bucket");
  EXPECT_EQ(findings[0].resource.id, "Logs");
  EXPECT_EQ(findings[0].location.line, 2);
  EXPECT_NE(findings[0].message.find("trails Trail0, Trail1"), std::string::npos) << findings[0].message;
  EXPECT_NE(findings[0].message.find("and 2 more"), std::string::npos) << findings[0].message;
}

TEST(EvaluatorRelated, AnUnreadableBucketIsAnErrorOrUnknownNeverAPass) {
  const std::vector<model::Trail> trails{trail_on("A", "Denied", 10), trail_on("B", "Elsewhere", 20)};
  model::Bucket denied = unlocked_bucket("Denied", 2);
  denied.object_lock_enabled = model::Value<bool>::set(true, denied.where);
  denied.unreadable = "GetObjectLockConfiguration: AccessDenied";
  model::Bucket elsewhere = unlocked_bucket("Elsewhere", 4);
  elsewhere.object_lock_enabled = model::Value<bool>::set(true, elsewhere.where);
  elsewhere.unreadable = "bucket owned by another account, not scanned";
  elsewhere.unreadable_is_unknown = true;
  const std::vector<model::Bucket> buckets{denied, elsewhere};
  const auto findings = evaluate(model::Inventory{trails, {}, buckets, {}}, Config{}, kb::KnowledgeBase{},
                                 only("CT-013"));
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].status, Status::Error);
  EXPECT_NE(findings[0].message.find("AccessDenied"), std::string::npos);
  EXPECT_EQ(findings[1].status, Status::Unknown);
  EXPECT_NE(findings[1].message.find("not scanned"), std::string::npos);
}

TEST(EvaluatorRelated, ExternalBucketIsUnknownAtTheTrailsAttribute) {
  model::Trail t = trail_on("A", "", 10);
  t.log_bucket.kind = model::Reference::Kind::External;
  t.log_bucket.target = "archive-bucket";
  t.log_bucket.why = "the bucket archive-bucket is not declared in this template";
  const std::vector<model::Trail> trails{t};
  const auto findings = evaluate(model::Inventory{trails, {}, {}, {}}, Config{}, kb::KnowledgeBase{}, only("CT-003"));
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].status, Status::Unknown);
  EXPECT_EQ(findings[0].resource.id, "archive-bucket");
  EXPECT_EQ(findings[0].location.line, 13);
  EXPECT_NE(findings[0].message.find("not declared"), std::string::npos);
}

TEST(EvaluatorRelated, ExceptionsNameTheBucket) {
  const std::vector<model::Trail> trails{trail_on("A", "Logs", 10)};
  const std::vector<model::Bucket> buckets{unlocked_bucket("Logs", 2)};
  Config config;
  config.exceptions.push_back({"CT-013", {"Logs"}, {}, "retention by lifecycle rules", {}});
  const auto findings = evaluate(model::Inventory{trails, {}, buckets, {}}, config, kb::KnowledgeBase{},
                                 only("CT-013"));
  ASSERT_EQ(findings.size(), 1u);
  ASSERT_TRUE(findings[0].suppression);
  EXPECT_EQ(findings[0].suppression->reason, "retention by lifecycle rules");
}

}  // namespace
}  // namespace stance::engine
