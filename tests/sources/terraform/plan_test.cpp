// `terraform show -json` plans as scan input (src/sources/terraform/plan): every CT-010 case of ../shared/DESIGN.md
// section 2 as a plan, values known only after apply, child modules and addresses, destroyed resources,
// positions in the plan file, encodings, broken files, checkov's plan fixtures, and a large plan.
// The plans are written by data/plan/make_plans.py in the shape Terraform 1.6 and the AWS provider 5.x print.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "engine/evaluator.hpp"
#include "kb/knowledge_base.hpp"
#include "sources/file_scan.hpp"
#include "sources/terraform/plan/plan.hpp"

namespace stance::sources::terraform::plan {
namespace {

namespace fs = std::filesystem;
using engine::Status;

std::string data_path(const std::string& name) {
  return std::string(STANCE_SOURCE_DIR) + "/tests/sources/terraform/data/plan/" + name;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "missing test data " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string describe(const SourceResult& r) {
  std::string out;
  for (const auto& e : r.errors) out += "error " + model::to_string(e.location) + ": " + e.message + "\n";
  for (const auto& e : r.warnings) out += "warning " + model::to_string(e.location) + ": " + e.message + "\n";
  for (const auto& n : r.notes) out += "note " + n + "\n";
  return out;
}

const kb::KnowledgeBase& builtin_kb() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

// Line and column (1-based) of the last of `needles`, each searched after the previous one.
std::pair<int, int> position_of(const std::string& text, const std::vector<std::string>& needles) {
  std::size_t at = 0;
  for (const auto& n : needles) {
    at = text.find(n, at);
    EXPECT_NE(at, std::string::npos) << "not in the test data: " << n;
    if (at == std::string::npos) return {0, 0};
    at += 1;
  }
  --at;
  const std::size_t line_start = text.rfind('\n', at) == std::string::npos ? 0 : text.rfind('\n', at) + 1;
  const int line = static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n')) + 1;
  return {line, static_cast<int>(at - line_start) + 1};
}

// The position of an attribute key in a resource change's `after`.
std::pair<int, int> in_change(const std::string& text, const std::string& address,
                              std::vector<std::string> then) {
  std::vector<std::string> needles = {"\"resource_changes\"", "\"address\": \"" + address + "\"", "\"after\""};
  for (auto& t : then) needles.push_back(std::move(t));
  return position_of(text, needles);
}

class Plan : public ::testing::Test {
 protected:
  void load(const std::string& name) {
    path_ = data_path(name);
    text_ = read_bytes(path_);
    PlanInput input = read_plan_file(text_, path_);
    ASSERT_TRUE(input.claimed) << name;
    result_ = std::move(input.result);
    findings_ = engine::evaluate(result_.trails, engine::Config{}, builtin_kb());
  }

  const model::Trail* trail(const std::string& id) const {
    for (const auto& t : result_.trails) {
      if (t.id == id) return &t;
    }
    return nullptr;
  }

  const engine::Finding& finding(const std::string& id) {
    for (const auto& f : findings_) {
      if (f.resource.id == id && f.rule_id == "CT-010") return f;
    }
    ADD_FAILURE() << "no CT-010 finding for " << id << "\n" << describe(result_);
    static const engine::Finding none;
    return none;
  }

  void expect(const std::string& id, Status status, const std::string& message_part = {}) {
    const engine::Finding& f = finding(id);
    EXPECT_EQ(f.status, status) << id << ": " << f.message;
    EXPECT_NE(f.message.find(message_part), std::string::npos) << id << ": " << f.message;
  }

  void expect_at(const std::string& id, std::pair<int, int> where) {
    const engine::Finding& f = finding(id);
    EXPECT_EQ(f.location.file, path_) << id;
    EXPECT_EQ(std::make_pair(f.location.line, f.location.column), where) << id << ": " << f.message;
  }

  bool has_error(const std::string& part, std::pair<int, int> where) const {
    return std::any_of(result_.errors.begin(), result_.errors.end(), [&](const engine::ScanError& e) {
      return e.message.find(part) != std::string::npos && e.location.file == path_ &&
             std::make_pair(e.location.line, e.location.column) == where;
    });
  }

  std::string path_;
  std::string text_;
  SourceResult result_;
  std::vector<engine::Finding> findings_;
};

TEST_F(Plan, EveryCt010CaseAsAPlan) {
  load("ct010_cases.json");
  EXPECT_EQ(result_.files_scanned, 1);
  expect("aws_cloudtrail.pass_no_selectors", Status::Pass, "default selector");
  expect("aws_cloudtrail.pass_defaults", Status::Pass, "event selector 1");
  expect("aws_cloudtrail.fail_include_false", Status::Fail, "records no management events");
  expect_at("aws_cloudtrail.fail_include_false",
            in_change(text_, "aws_cloudtrail.fail_include_false", {"\"include_management_events\""}));
  expect("aws_cloudtrail.fail_read_only", Status::Fail, "only read management events");
  expect_at("aws_cloudtrail.fail_read_only",
            in_change(text_, "aws_cloudtrail.fail_read_only", {"\"read_write_type\""}));
  expect("aws_cloudtrail.fail_write_only", Status::Fail, "only write management events");
  expect("aws_cloudtrail.pass_split", Status::Pass,
         "read management events (event selector 1) and write management events (event selector 2)");
  expect("aws_cloudtrail.pass_excluded_kms", Status::Pass, "kms.amazonaws.com are excluded");
  expect("aws_cloudtrail.pass_advanced_misleading_name", Status::Pass);
  expect("aws_cloudtrail.fail_advanced_named_management", Status::Fail,
         "no advanced event selector has eventCategory = Management");
  expect("aws_cloudtrail.pass_advanced_split", Status::Pass, "\"reads\"");
  expect("aws_cloudtrail.fail_advanced_read_only", Status::Fail, "only read management events");
  expect("aws_cloudtrail.fail_advanced_not_equals_false", Status::Fail, "only read management events");
  expect("aws_cloudtrail.pass_advanced_excluded_kms", Status::Pass, "kms.amazonaws.com");
  expect("aws_cloudtrail.fail_advanced_narrowed", Status::Fail, "eventSource Equals [ec2.amazonaws.com]");
  expect_at("aws_cloudtrail.fail_advanced_narrowed",
            in_change(text_, "aws_cloudtrail.fail_advanced_narrowed", {"\"eventSource\"", "\"equals\""}));
  expect("aws_cloudtrail.pass_not_logging", Status::Pass, "not logging");
  expect("aws_cloudtrail.fail_replaced", Status::Fail, "only read");
  expect("aws_cloudtrail.fail_no_op", Status::Fail, "only write");
  expect("aws_cloudtrail.pass_update", Status::Pass);
}

TEST_F(Plan, NullMeansTheProviderDefault) {
  load("ct010_cases.json");
  expect("aws_cloudtrail.pass_null_defaults", Status::Pass);
  const model::Trail* t = trail("aws_cloudtrail.pass_null_defaults");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->is_logging.is_defaulted());
  EXPECT_EQ(*t->is_logging, true);
  ASSERT_TRUE(t->event_selectors.is_explicit());
  const model::EventSelector& s = t->event_selectors->front();
  EXPECT_TRUE(s.include_management_events.is_defaulted());
  EXPECT_TRUE(s.read_write_type.is_defaulted());
  EXPECT_EQ(*s.read_write_type, model::ReadWriteType::All);
  // A defaulted value written as null points at its key.
  const auto key = in_change(text_, "aws_cloudtrail.pass_null_defaults", {"\"read_write_type\""});
  EXPECT_EQ(std::make_pair(s.read_write_type.where.line, s.read_write_type.where.column), key);
}

TEST_F(Plan, AnEmptyEventSelectorListIsAwsDefaultSelector) {
  load("ct010_cases.json");
  const model::Trail* t = trail("aws_cloudtrail.pass_no_selectors");
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->event_selectors.is_defaulted());
  EXPECT_TRUE(t->advanced_event_selectors.is_defaulted());
  EXPECT_EQ(t->source, model::SourceKind::Terraform);
  EXPECT_EQ(*t->name, "no-selectors");
  EXPECT_EQ(*t->s3_bucket_name, "audit-logs-111111111111");
  EXPECT_FALSE(t->kms_key_id.known());
  EXPECT_EQ(std::make_pair(t->where.line, t->where.column),
            position_of(text_, {"\"resource_changes\"", "\"address\": \"aws_cloudtrail.pass_no_selectors\""}));
}

TEST_F(Plan, WrongTypesAreErrorsAtTheirPosition) {
  load("ct010_cases.json");
  expect("aws_cloudtrail.error_string_boolean", Status::Error, "true or false");
  const auto yes = in_change(text_, "aws_cloudtrail.error_string_boolean", {"\"yes\""});
  expect_at("aws_cloudtrail.error_string_boolean", yes);
  EXPECT_TRUE(has_error("aws_cloudtrail.error_string_boolean: include_management_events: expected true or false",
                        yes))
      << describe(result_);
  expect("aws_cloudtrail.error_bad_read_write_type", Status::Error, "Everything");
  EXPECT_TRUE(has_error("read_write_type",
                        in_change(text_, "aws_cloudtrail.error_bad_read_write_type", {"\"Everything\""})))
      << describe(result_);
}

TEST_F(Plan, KnownAfterApplyIsUnknownNotMissing) {
  load("ct010_cases.json");
  // Unknown and able to change the verdict: unknown, at the attribute.
  expect("aws_cloudtrail.unknown_read_write_type", Status::Unknown, "apply");
  expect("aws_cloudtrail.unknown_event_selector", Status::Unknown);
  expect("aws_cloudtrail.unknown_advanced_values", Status::Unknown);
  const model::Trail* t = trail("aws_cloudtrail.unknown_event_selector");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->event_selectors.provenance, model::Provenance::Unresolvable);
  EXPECT_EQ(t->event_selectors.note, "event_selector is known only after apply");
  // The attribute is absent from `after`; its position is its key in after_unknown.
  EXPECT_EQ(std::make_pair(t->event_selectors.where.line, t->event_selectors.where.column),
            position_of(text_, {"\"resource_changes\"", "aws_cloudtrail.unknown_event_selector\"",
                                "\"after_unknown\"", "\"event_selector\": true"}));
  // Unknown and unable to change it: decided.
  expect("aws_cloudtrail.pass_unknown_kms", Status::Pass);
  const model::Trail* kms = trail("aws_cloudtrail.pass_unknown_kms");
  ASSERT_NE(kms, nullptr);
  EXPECT_EQ(kms->kms_key_id.provenance, model::Provenance::Unresolvable);
  EXPECT_EQ(kms->s3_bucket_name.provenance, model::Provenance::Unresolvable);
  expect("aws_cloudtrail.pass_unknown_cannot_change", Status::Pass);
  expect("aws_cloudtrail.unknown_exclusion_element", Status::Pass);
  const model::Trail* ex = trail("aws_cloudtrail.unknown_exclusion_element");
  ASSERT_NE(ex, nullptr);
  EXPECT_EQ(ex->event_selectors->front().exclude_management_event_sources.provenance,
            model::Provenance::Unresolvable);
}

TEST_F(Plan, DestroyedResourcesGetNoFinding) {
  load("ct010_cases.json");
  EXPECT_EQ(trail("aws_cloudtrail.deleted"), nullptr);
  EXPECT_TRUE(std::any_of(result_.notes.begin(), result_.notes.end(), [](const std::string& n) {
    return n.find("aws_cloudtrail.deleted will not exist after this plan (actions delete)") != std::string::npos;
  })) << describe(result_);
  // Everything else is a trail with exactly one CT-010 finding.
  std::map<std::string, int> per_trail;
  for (const auto& f : findings_) {
    if (f.rule_id == "CT-010") ++per_trail[f.resource.id];
  }
  EXPECT_EQ(per_trail.size(), result_.trails.size());
  EXPECT_EQ(result_.trails.size(), 27u);
}

TEST_F(Plan, ChildModulesAndAddressesAsStateListPrintsThem) {
  load("modules.json");
  EXPECT_TRUE(result_.errors.empty()) << describe(result_);
  std::vector<std::string> ids;
  for (const auto& t : result_.trails) ids.push_back(t.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"module.audit.aws_cloudtrail.this",
                                            "module.audit.module.org.aws_cloudtrail.org[0]",
                                            "module.regions[\"eu-west-1\"].aws_cloudtrail.this[\"a\"]",
                                            "aws_cloudtrail.counted[1]", "aws_cloudtrail.moved"}));
  expect("module.audit.aws_cloudtrail.this", Status::Fail, "only read");
  expect("module.regions[\"eu-west-1\"].aws_cloudtrail.this[\"a\"]", Status::Fail, "only write");
  expect("aws_cloudtrail.counted[1]", Status::Pass);
  const model::Trail* org = trail("module.audit.module.org.aws_cloudtrail.org[0]");
  ASSERT_NE(org, nullptr);
  EXPECT_EQ(*org->is_organization_trail, true);
  // The replaced object kept as deposed is destroyed; its successor is judged. prior_state is not the plan.
  const model::Trail* moved = trail("aws_cloudtrail.moved");
  ASSERT_NE(moved, nullptr);
  EXPECT_EQ(*moved->name, "moved");
  EXPECT_EQ(trail("aws_cloudtrail.prior_only"), nullptr);
  EXPECT_EQ(trail("aws_cloudtrail.forgotten"), nullptr);
  EXPECT_EQ(trail("module.audit.aws_cloudtrail.old"), nullptr);
  const std::string notes = describe(result_);
  EXPECT_NE(notes.find("aws_cloudtrail.moved (deposed object 00000001) is destroyed"), std::string::npos) << notes;
  EXPECT_NE(notes.find("aws_cloudtrail.forgotten will not exist"), std::string::npos) << notes;
}

TEST_F(Plan, PlannedValuesAloneAreReadWithAWarning) {
  load("planned_values_only.json");
  ASSERT_EQ(result_.trails.size(), 2u) << describe(result_);
  expect("module.audit.aws_cloudtrail.this", Status::Fail, "only read");
  expect("aws_cloudtrail.root", Status::Pass);
  ASSERT_EQ(result_.warnings.size(), 1u);
  EXPECT_NE(result_.warnings[0].message.find("no resource_changes"), std::string::npos);
  expect_at("module.audit.aws_cloudtrail.this",
            position_of(text_, {"\"child_modules\"", "\"read_write_type\""}));
}

TEST_F(Plan, Utf16AndByteOrderMarks) {
  load("utf16.json");
  ASSERT_EQ(result_.trails.size(), 1u) << describe(result_);
  expect("aws_cloudtrail.main", Status::Fail, "only read");
  // The same position as in the UTF-8 file with the byte order mark.
  const engine::Finding utf16 = finding("aws_cloudtrail.main");
  load("utf8_bom.json");
  ASSERT_EQ(result_.trails.size(), 1u) << describe(result_);
  const engine::Finding bom = finding("aws_cloudtrail.main");
  EXPECT_EQ(std::make_pair(utf16.location.line, utf16.location.column),
            std::make_pair(bom.location.line, bom.location.column));
  EXPECT_EQ(std::make_pair(bom.location.line, bom.location.column),
            in_change(text_.substr(3), "aws_cloudtrail.main", {"\"read_write_type\""}));
}

TEST_F(Plan, BrokenJsonIsAnErrorAtItsPosition) {
  load("trailing_comma.json");
  EXPECT_TRUE(result_.trails.empty());
  ASSERT_EQ(result_.errors.size(), 1u) << describe(result_);
  const engine::ScanError& e = result_.errors[0];
  EXPECT_NE(e.message.find("not valid JSON"), std::string::npos) << e.message;
  // At the comma itself.
  const auto comma = position_of(text_, {"\"ReadOnly\","});
  EXPECT_EQ(std::make_pair(e.location.line, e.location.column), std::make_pair(comma.first, comma.second + 10))
      << model::to_string(e.location) << " " << e.message;

  load("truncated.json");
  ASSERT_EQ(result_.errors.size(), 1u) << describe(result_);
  EXPECT_GT(result_.errors[0].location.line, 0) << result_.errors[0].message;
}

TEST_F(Plan, AStateIsNotAPlan) {
  load("state.json");
  EXPECT_TRUE(result_.trails.empty());
  EXPECT_TRUE(result_.errors.empty());
  ASSERT_EQ(result_.warnings.size(), 1u);
  EXPECT_NE(result_.warnings[0].message.find("Terraform state"), std::string::npos);
}

TEST(PlanInput, OtherFilesAreNotClaimed) {
  EXPECT_FALSE(read_plan_file("{\"Resources\": {}}", "t.json").claimed);
  EXPECT_FALSE(read_plan_file("{\"trailList\": []}", "t.json").claimed);
  EXPECT_FALSE(read_plan_file("Resources:\n  planned_values: {}\n", "t.yaml").claimed);
  EXPECT_FALSE(read_plan_file("{\"planned_values\": ", "t.json").claimed);  // broken and not plan-like
  EXPECT_TRUE(read_plan_file("{\"format_version\": \"1.2\", \"planned_values\": ", "t.json").claimed);
  EXPECT_TRUE(read_plan_file("{\"planned_values\": {}}", "t.json").claimed);
}

TEST(PlanInput, TheFileScanRecognisesPlans) {
  FileScanOptions options;
  options.jobs = 1;
  SourceResult r = scan_paths({data_path("modules.json")}, options);
  EXPECT_EQ(r.files_scanned, 1);
  EXPECT_EQ(r.trails.size(), 5u) << describe(r);
}

// Every plan fixture of checkov (including its broken and UTF-16 ones) loads or fails with an error that
// names the file, line and column; none crashes.
TEST(PlanInput, CheckovPlanFixtures) {
  const fs::path dir = fs::path(STANCE_SHARED_DIR) / "testdata/peers/checkov-tfplan";
  if (!fs::exists(dir)) GTEST_SKIP() << "shared test data not found at " << dir;
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 50u);
  int plans = 0;
  for (const auto& file : files) {
    const std::string bytes = read_bytes(file);
    PlanInput input = read_plan_file(bytes, file);
    plans += input.claimed && input.result.warnings.empty() ? 1 : 0;
    for (const auto& e : input.result.errors) {
      EXPECT_EQ(e.location.file, file) << e.message;
      EXPECT_GT(e.location.line, 0) << file << ": " << e.message;
      EXPECT_GT(e.location.column, 0) << file << ": " << e.message;
      EXPECT_EQ(e.message.find("internal error"), std::string::npos) << file << ": " << e.message;
    }
    const bool module_list = file.find("/modules.json") != std::string::npos && bytes.find("\"Modules\"") != std::string::npos;
    if (!module_list && file.find("corrupted") == std::string::npos) {
      EXPECT_TRUE(input.claimed) << file;
    }
  }
  EXPECT_GE(plans, 45);
}

// A plan of tens of megabytes: many resources of other types, a few trails among them, all read (the time
// is printed for information).
TEST(PlanInput, LargePlan) {
  std::string text = "{\"format_version\": \"1.2\", \"terraform_version\": \"1.6.6\",\n\"resource_changes\": [\n";
  const std::string filler =
      "{\"address\": \"aws_s3_object.o[%\", \"mode\": \"managed\", \"type\": \"aws_s3_object\", \"name\": \"o\",\n"
      " \"change\": {\"actions\": [\"create\"], \"before\": null, \"after\": {\"bucket\": \"b\", \"key\": "
      "\"some/long/key/name/for/an/object/in/a/bucket.txt\", \"tags\": {\"a\": \"1\", \"b\": \"2\"}, "
      "\"content_type\": \"text/plain\", \"etag\": null, \"metadata\": {}}, \"after_unknown\": {\"id\": true}}},\n";
  const std::string trail =
      "{\"address\": \"aws_cloudtrail.t[%\", \"mode\": \"managed\", \"type\": \"aws_cloudtrail\", \"name\": \"t\",\n"
      " \"change\": {\"actions\": [\"create\"], \"after\": {\"name\": \"t\", \"event_selector\": [{\n"
      "   \"include_management_events\": true, \"read_write_type\": \"ReadOnly\"}]}, \"after_unknown\": {}}},\n";
  auto with_index = [](std::string s, int i) { return s.replace(s.find('%'), 1, std::to_string(i) + "]"); };
  int i = 0;
  std::size_t trails = 1;
  while (text.size() < (40u << 20)) {
    trails += i % 20000 == 10000 ? 1 : 0;
    text += with_index(i % 20000 == 10000 ? trail : filler, i);
    ++i;
  }
  text += with_index(trail, i) + "{}]}\n";
  const auto start = std::chrono::steady_clock::now();
  PlanInput input = read_plan_file(text, "big.json");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(input.claimed);
  EXPECT_TRUE(input.result.errors.empty()) << describe(input.result);
  ASSERT_EQ(input.result.trails.size(), trails);
  const model::Trail& last = input.result.trails.back();
  EXPECT_EQ(last.id, "aws_cloudtrail.t[" + std::to_string(i) + "]");
  const auto& rw = last.event_selectors->front().read_write_type;
  const auto key = position_of(text, {"aws_cloudtrail.t[" + std::to_string(i) + "]", "\"read_write_type\""});
  EXPECT_GT(key.first, 200000);
  EXPECT_EQ(std::make_pair(rw.where.line, rw.where.column), key);
  const double mb = static_cast<double>(text.size()) / (1 << 20);
  std::cout << "[ plan     ] " << mb << " MB, " << i << " resources read in " << seconds << " s ("
            << mb / seconds << " MB/s)\n";
  // No assertion on the time: tests assert behaviour, and a loaded CI machine must not fail them. The speed
  // is measured by bench/terraform.
}

}  // namespace
}  // namespace stance::sources::terraform::plan
