// The link pass: a trail's bucket and key resolved against what its unit declares.
#include <gtest/gtest.h>

#include <vector>

#include "model/link.hpp"

namespace stance::model {
namespace {

Trail trail_naming(Value<std::string> bucket, Value<std::string> key = {}) {
  Trail t;
  t.source = SourceKind::CloudFormation;
  t.id = "Trail";
  t.s3_bucket_name = std::move(bucket);
  t.kms_key_id = std::move(key);
  return t;
}

Bucket bucket(const std::string& id, Value<std::string> name) {
  Bucket b;
  b.id = id;
  b.name = std::move(name);
  return b;
}

Key key(const std::string& id) {
  Key k;
  k.id = id;
  return k;
}

Value<std::string> reference_to(const std::string& id) {
  auto v = Value<std::string>::unresolvable("the bucket's name is known after deployment", {});
  v.refers_to = id;
  return v;
}

TEST(Link, AReferenceOrAMatchingLiteralNameIsDeclared) {
  std::vector<Bucket> buckets{bucket("Logs", Value<std::string>::set("org-logs", {})),
                              bucket("Other", Value<std::string>::unresolvable("generated", {}))};
  std::vector<Key> keys{key("TrailKey")};
  auto kms = Value<std::string>::unresolvable("GetAtt", {});
  kms.refers_to = "TrailKey";
  std::vector<Trail> trails{trail_naming(reference_to("Other"), kms), trail_naming(Value<std::string>::set("org-logs", {}))};
  link_references(trails, buckets, keys);
  EXPECT_EQ(trails[0].log_bucket.kind, Reference::Kind::Declared);
  EXPECT_EQ(trails[0].log_bucket.target, "Other");
  EXPECT_EQ(trails[0].log_key.kind, Reference::Kind::Declared);
  EXPECT_EQ(trails[0].log_key.target, "TrailKey");
  EXPECT_EQ(trails[1].log_bucket.kind, Reference::Kind::Declared);
  EXPECT_EQ(trails[1].log_bucket.target, "Logs");
  EXPECT_EQ(trails[1].log_key.kind, Reference::Kind::Absent);
}

TEST(Link, ALiteralNamingNothingDeclaredIsExternalAndSaysWhereToScan) {
  std::vector<Trail> trails{trail_naming(Value<std::string>::set("central-logs", {}),
                                         Value<std::string>::set("arn:aws:kms:eu-west-1:1:key/k", {}))};
  link_references(trails, {}, {});
  EXPECT_EQ(trails[0].log_bucket.kind, Reference::Kind::External);
  EXPECT_EQ(trails[0].log_bucket.target, "central-logs");
  EXPECT_NE(trails[0].log_bucket.why.find("not declared in this template"), std::string::npos);
  EXPECT_EQ(trails[0].log_key.kind, Reference::Kind::External);
}

TEST(Link, AValueKnownOnlyAtDeploymentIsUnresolvableWithItsReason) {
  std::vector<Trail> trails{trail_naming(Value<std::string>::unresolvable("Fn::ImportValue LogBucket", {}))};
  link_references(trails, {}, {});
  EXPECT_EQ(trails[0].log_bucket.kind, Reference::Kind::Unresolvable);
  EXPECT_EQ(trails[0].log_bucket.why, "Fn::ImportValue LogBucket");
  EXPECT_STREQ(to_string(trails[0].log_bucket.kind), "unresolvable");
}

}  // namespace
}  // namespace stance::model
