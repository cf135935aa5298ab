// The fixes of the bucket and key rules (issue 14): each rule's examples (CloudFormation templates and
// Terraform root modules) fixed with the rule selected and scanned again: every failing bucket or key the
// unit declares passes afterwards, or the fix says why it was skipped; one fix per bucket or key however many
// trails use it; a bucket policy is never edited; CT-008 is skipped without its setting, CT-013 unless named,
// and CT-004 prints the exact command.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "engine/evaluator.hpp"
#include "fix/live/live_fix.hpp"
#include "fix/template_fix.hpp"
#include "rules/ct004/check.hpp"
#include "rules/registry.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

const fs::path kRules = fs::path(STANCE_SOURCE_DIR) / "src" / "rules";

const kb::KnowledgeBase& knowledge_base() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

FixOptions only(const std::string& rule) {
  FixOptions o;
  o.rules.only_rules = {rule};
  o.cloudformation.related_resources = true;
  o.terraform.related_resources = true;
  return o;
}

FixOptions with_log_bucket() {
  FixOptions o = only("CT-008");
  o.config.rules["CT-008"].settings["log_bucket"] = "access-logs-111122223333";
  o.config.rules["CT-008"].settings["log_prefix"] = "cloudtrail/";
  return o;
}

std::vector<engine::Finding> findings(const sources::SourceResult& read, const FixOptions& options) {
  return engine::evaluate(model::Inventory{read.trails, {}, read.buckets, read.keys}, options.config,
                          knowledge_base(), options.rules);
}

bool declared(const sources::SourceResult& read, const engine::Finding& f) {
  auto same = [&](const auto& r) { return r.id == f.resource.id && r.root_module == f.resource.root_module; };
  return std::any_of(read.buckets.begin(), read.buckets.end(), same) ||
         std::any_of(read.keys.begin(), read.keys.end(), same);
}

// The policy statements of every bucket, as read: a fix must leave them exactly as they were.
std::map<std::string, std::vector<std::string>> policies(const sources::SourceResult& read) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& b : read.buckets) {
    auto& statements = out[b.id];
    if (!b.policy.known()) continue;
    for (const auto& s : *b.policy) statements.push_back(s.excerpt);
  }
  return out;
}

std::string describe(const std::vector<TemplateFix>& fixes) {
  std::string out;
  for (const auto& f : fixes) out += "  " + f.file + " " + f.resource_id + " " + f.status + ": " + f.reason + "\n";
  return out;
}

struct Outcome {
  int planned = 0;
  std::vector<std::string> problems;
};

// Each failing, unsuppressed finding of `rule` for a declared bucket or key passes after the fix, or the fix
// names it as skipped; each bucket or key gets at most one planned fix.
void judge(const std::string& rule, const sources::SourceResult& before_read, const sources::SourceResult& after_read,
           const std::vector<TemplateFix>& fixes, const FixOptions& options, const std::string& where,
           Outcome& outcome) {
  const auto before = findings(before_read, options);
  const auto after = findings(after_read, options);
  std::map<std::string, int> planned_per_resource;
  for (const auto& f : fixes) {
    if (f.status == "planned") ++planned_per_resource[f.resource_id];
  }
  for (const auto& [id, count] : planned_per_resource) {
    if (count > 1) outcome.problems.push_back(where + ": " + id + " has " + std::to_string(count) + " planned fixes");
  }
  for (const auto& f : before) {
    if (f.rule_id != rule || f.status != engine::Status::Fail || f.suppression || !declared(before_read, f)) continue;
    auto now = std::find_if(after.begin(), after.end(), [&](const engine::Finding& a) {
      return a.rule_id == f.rule_id && a.resource.id == f.resource.id && a.resource.root_module == f.resource.root_module;
    });
    if (now != after.end() && now->status == engine::Status::Pass) continue;
    const bool said = std::any_of(fixes.begin(), fixes.end(), [&](const TemplateFix& x) {
      return x.status == "skipped" && x.resource_id == f.resource.id;
    });
    if (!said) {
      outcome.problems.push_back(where + " " + f.resource.id + " " + rule + " is " +
                                 (now == after.end() ? "absent" : engine::to_string(now->status)) +
                                 " after the fix\n" + describe(fixes));
    }
  }
  if (policies(before_read) != policies(after_read)) outcome.problems.push_back(where + ": a bucket policy changed");
  for (const auto& f : fixes) outcome.planned += f.status == "planned";
}

Outcome fix_examples(const std::string& rule, const FixOptions& options) {
  Outcome outcome;
  std::string folder = rule;
  folder.erase(std::remove(folder.begin(), folder.end(), '-'), folder.end());
  std::transform(folder.begin(), folder.end(), folder.begin(), [](unsigned char c) { return std::tolower(c); });
  const fs::path dir = kRules / folder / "examples";
  for (const auto& entry : fs::directory_iterator(dir)) {
    const fs::path& path = entry.path();
    if (!entry.is_regular_file() || path.filename() == "expected.yaml" || path.extension() != ".yaml") continue;
    const std::string text = read(path), name = path.string();
    const auto before_read = sources::cloudformation::scan_text(text, name, options.cloudformation);
    const auto fixes = plan_cloudformation_fixes(name, text, options, knowledge_base());
    std::vector<TextEdit> edits;
    for (const auto& f : fixes) edits.insert(edits.end(), f.edits.begin(), f.edits.end());
    std::sort(edits.begin(), edits.end(), [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
    const auto after_read = sources::cloudformation::scan_text(apply_edits(text, edits), name, options.cloudformation);
    judge(rule, before_read, after_read, fixes, options, name, outcome);
  }
  if (!fs::is_directory(dir / "terraform")) return outcome;
  for (const auto& entry : fs::directory_iterator(dir / "terraform")) {
    if (!entry.is_directory()) continue;
    const std::vector<std::string> dirs{entry.path().string()};
    const auto before_read = terraform::scan_directories(dirs, options.terraform);
    const auto fixes = plan_terraform_fixes(dirs, options, knowledge_base());
    std::map<std::string, std::vector<TextEdit>> edits;
    for (const auto& f : fixes) edits[f.file].insert(edits[f.file].end(), f.edits.begin(), f.edits.end());
    terraform::Options tf = options.terraform;
    for (auto& [file, list] : edits) {
      if (list.empty()) continue;
      std::sort(list.begin(), list.end(), [](const TextEdit& a, const TextEdit& b) { return a.offset < b.offset; });
      tf.file_texts[file] = apply_edits(read(file), list);
    }
    judge(rule, before_read, terraform::scan_directories(dirs, tf), fixes, options, entry.path().string(), outcome);
  }
  return outcome;
}

TEST(BucketFix, KeyRotationIsTurnedOnInTheExamples) {
  const Outcome o = fix_examples("CT-015", only("CT-015"));
  EXPECT_GE(o.planned, 2);  // StaticKey (without Properties) and aws_kms_key.static
  for (const auto& p : o.problems) ADD_FAILURE() << p;
}

TEST(BucketFix, PublicAccessBlockIsCompletedAndNoPolicyIsEdited) {
  const Outcome o = fix_examples("CT-003", only("CT-003"));
  EXPECT_GE(o.planned, 4);
  for (const auto& p : o.problems) ADD_FAILURE() << p;
}

TEST(BucketFix, AccessLoggingGoesToTheNamedBucket) {
  const Outcome o = fix_examples("CT-008", with_log_bucket());
  EXPECT_GE(o.planned, 2);
  for (const auto& p : o.problems) ADD_FAILURE() << p;
}

TEST(BucketFix, ObjectLockIsEnabledWhenTheRuleIsNamed) {
  const Outcome o = fix_examples("CT-013", only("CT-013"));
  EXPECT_GE(o.planned, 2);
  for (const auto& p : o.problems) ADD_FAILURE() << p;
}

const char* kTemplate = R"(Resources:
  Logs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: trail-logs
      PublicAccessBlockConfiguration:
        RestrictPublicBuckets: false
  LogsPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Logs
      PolicyDocument:
        Statement:
          - Sid: Everyone
            Effect: Allow
            Principal: "*"
            Action: s3:GetObject
            Resource: arn:aws:s3:::trail-logs/*
  Key:
    Type: AWS::KMS::Key
    Properties:
      EnableKeyRotation: false
  TrailA:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Logs
      KMSKeyId: !GetAtt Key.Arn
  TrailB:
    Type: AWS::CloudTrail::Trail
    Properties:
      IsLogging: true
      S3BucketName: !Ref Logs
      KMSKeyId: !Ref Key
)";

std::vector<TemplateFix> plan(const FixOptions& options) {
  return plan_cloudformation_fixes("t.yaml", kTemplate, options, knowledge_base());
}

const TemplateFix* entry(const std::vector<TemplateFix>& fixes, const std::string& id, const std::string& rule) {
  for (const auto& f : fixes) {
    if (f.resource_id == id && std::find(f.rule_ids.begin(), f.rule_ids.end(), rule) != f.rule_ids.end()) return &f;
  }
  return nullptr;
}

TEST(BucketFix, OneFixPerBucketAndKeyHoweverManyTrails) {
  FixOptions options;
  options.rules.only_rules = {"CT-003", "CT-015"};
  const auto fixes = plan(options);
  ASSERT_EQ(fixes.size(), 2u) << describe(fixes);
  const TemplateFix* bucket = entry(fixes, "Logs", "CT-003");
  const TemplateFix* key = entry(fixes, "Key", "CT-015");
  ASSERT_TRUE(bucket && key) << describe(fixes);
  EXPECT_EQ(bucket->status, "planned");
  EXPECT_EQ(key->status, "planned");
  ASSERT_EQ(key->edits.size(), 1u);
  EXPECT_EQ(key->edits[0].replacement, "true");
  // The policy statement is named for a person to remove; the policy's text is left alone.
  EXPECT_NE(bucket->reason.find("never edits a bucket policy"), std::string::npos) << bucket->reason;
  EXPECT_NE(bucket->reason.find("Sid Everyone"), std::string::npos) << bucket->reason;
  const std::string policy_start = "  LogsPolicy:";
  const std::size_t policy_at = std::string(kTemplate).find(policy_start);
  const std::size_t policy_end = std::string(kTemplate).find("  Key:");
  for (const auto& e : bucket->edits) EXPECT_FALSE(e.offset >= policy_at && e.offset < policy_end);
  const std::string after = apply_edits(kTemplate, bucket->edits);
  EXPECT_NE(after.find(std::string(kTemplate).substr(policy_at, policy_end - policy_at)), std::string::npos);
  EXPECT_NE(after.find("RestrictPublicBuckets: true"), std::string::npos) << after;
  EXPECT_NE(after.find("BlockPublicAcls: true"), std::string::npos) << after;
}

TEST(BucketFix, AccessLoggingWithoutATargetIsSkippedWithWhatToSet) {
  const auto fixes = plan(only("CT-008"));
  const TemplateFix* f = entry(fixes, "Logs", "CT-008");
  ASSERT_TRUE(f) << describe(fixes);
  EXPECT_EQ(f->status, "skipped");
  EXPECT_TRUE(f->edits.empty());
  EXPECT_NE(f->reason.find("log_bucket"), std::string::npos) << f->reason;
}

TEST(BucketFix, AccessLoggingWithATargetAddsTheConfiguration) {
  FixOptions options = with_log_bucket();
  const auto fixes = plan(options);
  const TemplateFix* f = entry(fixes, "Logs", "CT-008");
  ASSERT_TRUE(f) << describe(fixes);
  ASSERT_EQ(f->status, "planned") << f->reason;
  const std::string after = apply_edits(kTemplate, f->edits);
  EXPECT_NE(after.find("LoggingConfiguration: {DestinationBucketName: \"access-logs-111122223333\", "
                       "LogFilePrefix: \"cloudtrail/\"}"),
            std::string::npos)
      << after;
}

TEST(BucketFix, ObjectLockNeedsTheRuleNamed) {
  FixOptions by_framework;
  by_framework.rules.all_rules = true;
  const auto skipped = plan(by_framework);
  const TemplateFix* f = entry(skipped, "Logs", "CT-013");
  ASSERT_TRUE(f) << describe(skipped);
  EXPECT_EQ(f->status, "skipped");
  EXPECT_NE(f->reason.find("--rule CT-013"), std::string::npos) << f->reason;
  EXPECT_NE(f->reason.find("cannot be turned off"), std::string::npos) << f->reason;

  const auto named = plan(only("CT-013"));
  f = entry(named, "Logs", "CT-013");
  ASSERT_TRUE(f) << describe(named);
  EXPECT_EQ(f->status, "planned") << f->reason;
  EXPECT_NE(f->reason.find("forcing a new resource"), std::string::npos) << f->reason;
}

TEST(BucketFix, MfaDeleteIsNeverAutomaticAndPrintsTheCommand) {
  const auto fixes = plan(only("CT-004"));
  const TemplateFix* f = entry(fixes, "Logs", "CT-004");
  ASSERT_TRUE(f) << describe(fixes);
  EXPECT_EQ(f->status, "skipped");
  EXPECT_NE(f->reason.find("aws s3api put-bucket-versioning --bucket 'trail-logs' --versioning-configuration "
                           "Status=Enabled,MFADelete=Enabled --mfa "
                           "'arn:aws:iam::ACCOUNT:mfa/root-account-mfa-device 123456'"),
            std::string::npos)
      << f->reason;
  EXPECT_NE(f->reason.find("root user"), std::string::npos) << f->reason;
}

TEST(BucketFix, MfaDeleteCommandQuotesAHostileBucketName) {
  model::Bucket bucket;
  bucket.source = model::SourceKind::Aws;
  bucket.account_id = "111122223333";
  bucket.name = model::Value<std::string>::set("x'; rm -rf ~; echo '", model::Location{});
  const rules::FixIntent intent = rules::ct004::fix(bucket, {});
  EXPECT_FALSE(intent.automatic());
  EXPECT_NE(intent.manual.find("--bucket 'x'\\''; rm -rf ~; echo '\\'''"), std::string::npos) << intent.manual;
  EXPECT_NE(intent.manual.find("arn:aws:iam::111122223333:mfa/root-account-mfa-device"), std::string::npos);
}

TEST(BucketFix, LiveBucketFindingIsSkippedWithTheCommandNotLeftOut) {
  model::Bucket bucket;
  bucket.source = model::SourceKind::Aws;
  bucket.id = "arn:aws:s3:::trail-logs";
  bucket.account_id = "111122223333";
  bucket.name = model::Value<std::string>::set("trail-logs", model::Location{});
  engine::Finding finding;
  finding.rule_id = "CT-004";
  finding.status = engine::Status::Fail;
  finding.resource.id = bucket.id;
  const LiveFix fix = plan_related_finding(finding, {bucket}, {}, {});
  EXPECT_EQ(fix.status, "skipped");
  EXPECT_TRUE(fix.calls.empty());
  EXPECT_NE(fix.reason.find("--bucket 'trail-logs'"), std::string::npos) << fix.reason;
  EXPECT_NE(fix.reason.find("arn:aws:iam::111122223333:mfa/root-account-mfa-device"), std::string::npos);

  finding.rule_id = "CT-015";
  finding.resource.id = "arn:aws:kms:us-east-1:111122223333:key/k";
  const LiveFix key = plan_related_finding(finding, {}, {}, {});
  EXPECT_EQ(key.status, "skipped");
  EXPECT_NE(key.reason.find("enable-key-rotation"), std::string::npos) << key.reason;
}

}  // namespace
}  // namespace stance::fix
