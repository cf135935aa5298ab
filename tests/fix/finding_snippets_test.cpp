// The knowledge base's snippets filled in for one finding (`stance kb show CT-010 --for`, `scan --explain`):
// what each case changes and keeps, and — the part that matters most — that every snippet, read back by the
// source it is written for, gives the trail the planner meant: the CLI's JSON through the API adapter, the
// CloudFormation YAML and JSON through the CloudFormation source, the Terraform blocks through the Terraform
// source, each passing CT-010 with the trail's data selectors and exclusions as they were.
#include <gtest/gtest.h>
#include <simdjson.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "engine/evaluator.hpp"
#include "fix/snippets/finding_snippets.hpp"
#include "fix/live/live_fix.hpp"
#include "fix/selector_syntax.hpp"
#include "kb/knowledge_base.hpp"
#include "sources/aws/trail_adapter.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/terraform/terraform_source.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

const kb::KnowledgeBase& knowledge_base() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

const kb::Article& ct010() { return *knowledge_base().find("CT-010"); }

engine::RuleSettings settings(bool allow_excluded_sources = true) {
  engine::RuleSettings s;
  s.values["allow_excluded_sources"] = allow_excluded_sources ? "true" : "false";
  s.values["require_read_and_write"] = "true";
  return s;
}

engine::Config config_with(bool allow_excluded_sources) {
  engine::Config c;
  c.rules["CT-010"].settings["allow_excluded_sources"] = allow_excluded_sources ? "true" : "false";
  return c;
}

struct Evaluated {
  model::Trail trail;
  engine::Finding finding;
};

Evaluated first_trail(const sources::SourceResult& read, const engine::Config& config = {}) {
  EXPECT_TRUE(read.errors.empty()) << (read.errors.empty() ? "" : read.errors.front().message);
  if (read.trails.empty()) {
    ADD_FAILURE() << "no trail read";
    return {};
  }
  auto findings = engine::evaluate({read.trails.front()}, config, knowledge_base());
  EXPECT_EQ(findings.size(), 1u);
  return {read.trails.front(), findings.empty() ? engine::Finding{} : findings.front()};
}

Evaluated from_cloudformation(const std::string& yaml, const engine::Config& config = {}) {
  return first_trail(sources::cloudformation::scan_text(yaml, "template.yaml", {}), config);
}

// A Terraform module in a fresh directory.
Evaluated from_terraform(const std::string& hcl, const engine::Config& config = {}) {
  static int n = 0;
  const fs::path dir = fs::temp_directory_path() / ("stance-snippets-" + std::to_string(::getpid()) + "-" +
                                                     std::to_string(n++));
  fs::create_directories(dir);
  std::ofstream(dir / "main.tf") << hcl;
  Evaluated e = first_trail(terraform::scan_directories({dir.string()}, {}), config);
  fs::remove_all(dir);
  return e;
}

// The trail `main` as the live reader records it, with this GetEventSelectors body.
sources::aws::RawTrail raw_trail(const std::string& selectors_body, const std::string& owner = "111111111111") {
  const std::string arn = "arn:aws:cloudtrail:eu-west-1:" + owner + ":trail/main";
  sources::aws::RawTrail raw;
  raw.arn = arn;
  raw.home_region = "eu-west-1";
  raw.account_id = owner;
  raw.seen_from_account = "111111111111";
  raw.describe = {"DescribeTrails", "eu-west-1", "2026-11-27T10:00:00Z",
                  R"({"trailList":[{"Name":"main","TrailARN":")" + arn + R"(","HomeRegion":"eu-west-1",)"
                  R"("IsMultiRegionTrail":true,"IsOrganizationTrail":)" + (owner == "111111111111" ? "false" : "true") +
                  "}]}",
                  std::nullopt};
  raw.event_selectors = {"GetEventSelectors", "eu-west-1", "2026-11-27T10:00:00Z",
                         R"({"TrailARN":")" + arn + "\"," + selectors_body + "}", std::nullopt};
  raw.status = {"GetTrailStatus", "eu-west-1", "2026-11-27T10:00:00Z", R"({"IsLogging":true})", std::nullopt};
  return raw;
}

Evaluated from_api(const std::string& selectors_body, const std::string& owner = "111111111111",
                   const engine::Config& config = {}) {
  model::Trail trail = sources::aws::adapt(raw_trail(selectors_body, owner), model::SourceKind::Aws);
  auto findings = engine::evaluate({trail}, config, knowledge_base());
  EXPECT_EQ(findings.size(), 1u);
  return {trail, findings.empty() ? engine::Finding{} : findings.front()};
}

report::FindingSnippets fill(const Evaluated& e, bool allow_excluded_sources = true) {
  return fill_finding_snippets(ct010(), e.trail, e.finding, settings(allow_excluded_sources));
}

const kb::Snippet* snippet(const report::FindingSnippets& s, const std::string& kind) {
  for (const auto& sn : s.snippets) {
    if (sn.kind == kind) return &sn;
  }
  ADD_FAILURE() << "no " << kind << " snippet";
  return nullptr;
}

// The JSON of put-event-selectors' selector argument, unquoted as a POSIX shell would.
std::string cli_json(const report::FindingSnippets& s) {
  const kb::Snippet* cli = snippet(s, "cli");
  if (!cli) return "";
  std::size_t at = cli->text.find("-event-selectors '");
  if (at == std::string::npos) {
    ADD_FAILURE() << "no selector argument in\n" << cli->text;
    return "";
  }
  std::string quoted = cli->text.substr(cli->text.find('\'', at));
  std::string out;
  bool in_quotes = false;
  for (std::size_t i = 0; i < quoted.size(); ++i) {
    if (quoted[i] == '\'') {
      in_quotes = !in_quotes;
    } else if (in_quotes) {
      out += quoted[i];
    } else if (quoted.compare(i, 2, "\\'") == 0) {
      out += '\'';
      ++i;
    } else {
      break;  // the end of the word
    }
  }
  return out;
}

std::string minified(const std::string& json) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (auto error = parser.parse(json).get(doc)) {
    ADD_FAILURE() << "not JSON (" << simdjson::error_message(error) << "):\n" << json;
    return "";
  }
  return simdjson::minify(doc);
}

// A snippet's text without its leading comment lines.
std::string without_comments(const std::string& text) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.rfind("#", 0) != 0) out += line + "\n";
    start = end + 1;
  }
  return out;
}

std::string indented(const std::string& text, const std::string& pad) {
  std::string out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out += pad + text.substr(start, end - start);
    out += "\n";
    start = end + 1;
  }
  return out;
}

// Each snippet read back by its own source: the trail it describes, evaluated.
Evaluated cli_read_back(const report::FindingSnippets& s, bool advanced) {
  return from_api(std::string(advanced ? "\"AdvancedEventSelectors\":" : "\"EventSelectors\":") + cli_json(s));
}

Evaluated yaml_read_back(const report::FindingSnippets& s) {
  const kb::Snippet* yaml = snippet(s, "cloudformation-yaml");
  return from_cloudformation("Resources:\n  Trail:\n    Type: AWS::CloudTrail::Trail\n    Properties:\n"
                             "      S3BucketName: logs\n      IsLogging: true\n" +
                             indented(without_comments(yaml ? yaml->text : ""), "      "));
}

Evaluated json_read_back(const report::FindingSnippets& s) {
  const kb::Snippet* json = snippet(s, "cloudformation-json");
  return first_trail(sources::cloudformation::scan_text(
      R"({"Resources": {"Trail": {"Type": "AWS::CloudTrail::Trail", "Properties": {"S3BucketName": "logs", )"
      R"("IsLogging": true, )" + (json ? json->text : "") + "}}}}",
      "template.json", {}));
}

Evaluated terraform_read_back(const report::FindingSnippets& s) {
  const kb::Snippet* hcl = snippet(s, "terraform");
  return from_terraform("resource \"aws_cloudtrail\" \"t\" {\n  name           = \"t\"\n"
                        "  s3_bucket_name = \"logs\"\n\n" + indented(hcl ? hcl->text : "", "  ") + "}\n");
}

// The selectors of a trail, written the way PutEventSelectors takes them (so source differences vanish).
std::string selectors_of(const model::Trail& t) {
  std::string out = "[";
  if (t.advanced_event_selectors.is_explicit()) {
    for (const auto& s : *t.advanced_event_selectors) out += (out.size() > 1 ? "," : "") + selector_json(s);
  } else if (t.event_selectors.known()) {
    for (const auto& s : *t.event_selectors) out += (out.size() > 1 ? "," : "") + selector_json(s);
  }
  return out + "]";
}

// Every snippet, read back, is the planned trail: CT-010 passes and the selectors are the plan's.
void expect_every_snippet_reads_back(const report::FindingSnippets& s, const std::string& planned_json, bool advanced) {
  ASSERT_EQ(s.snippets.size(), 4u);
  for (auto [name, read_back] : {std::pair{"cli", cli_read_back(s, advanced)}, std::pair{"yaml", yaml_read_back(s)},
                                 std::pair{"json", json_read_back(s)}, std::pair{"terraform", terraform_read_back(s)}}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(read_back.finding.status, engine::Status::Pass) << read_back.finding.message;
    EXPECT_EQ(selectors_of(read_back.trail), planned_json);
  }
}

const char* const kReadOnly = R"(
Resources:
  AuditTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      TrailName: audit
      S3BucketName: logs
      IsLogging: true
      EventSelectors:
        - ReadWriteType: ReadOnly
)";

TEST(FindingSnippets, ReadOnlyBasicSelectorIsWidened) {
  Evaluated e = from_cloudformation(kReadOnly);
  ASSERT_EQ(e.finding.status, engine::Status::Fail);
  report::FindingSnippets s = fill(e);
  EXPECT_EQ(s.change, "Widen ReadWriteType ReadOnly to All in event selector 1.");
  EXPECT_EQ(s.trail_name, "audit");
  EXPECT_EQ(s.region, "");
  const std::string planned =
      R"([{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}])";
  EXPECT_EQ(minified(cli_json(s)), planned);
  expect_every_snippet_reads_back(s, planned, false);

  // What a person copies: read by hand, character for character.
  EXPECT_EQ(snippet(s, "cli")->text,
            "aws cloudtrail get-event-selectors --region \"${REGION:?set REGION to the home region of the trail}\" "
            "--trail-name 'audit'\n\n"
            "aws cloudtrail put-event-selectors --region \"${REGION:?set REGION to the home region of the trail}\" "
            "--trail-name 'audit' \\\n"
            "  --event-selectors '[\n"
            "    {\"ReadWriteType\":\"All\",\"IncludeManagementEvents\":true,\"DataResources\":[],"
            "\"ExcludeManagementEventSources\":[]}\n"
            "  ]'");
  EXPECT_EQ(snippet(s, "cloudformation-yaml")->text,
            "# In the Properties of AuditTrail (AWS::CloudTrail::Trail), in place of its EventSelectors:\n"
            "EventSelectors:\n"
            "  - IncludeManagementEvents: true\n"
            "    ReadWriteType: All");
  EXPECT_EQ(snippet(s, "cloudformation-json")->text,
            "\"EventSelectors\": [\n"
            "  {\n"
            "    \"IncludeManagementEvents\": true,\n"
            "    \"ReadWriteType\": \"All\"\n"
            "  }\n"
            "]");
  EXPECT_EQ(snippet(s, "terraform")->text,
            "# In the trail's aws_cloudtrail resource, in place of its event_selector blocks (dynamic ones included):\n"
            "event_selector {\n"
            "  include_management_events = true\n"
            "  read_write_type           = \"All\"\n"
            "}");
  // The template does not say where it is deployed: the reader is told, and the command will not run without it.
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_NE(s.notes[0].find("set REGION"), std::string::npos);
}

TEST(FindingSnippets, DataSelectorsAreKeptAndAManagementSelectorAdded) {
  Evaluated e = from_cloudformation(R"(
Resources:
  DataTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      EventSelectors:
        - IncludeManagementEvents: false
          DataResources:
            - Type: AWS::S3::Object
              Values: ["arn:aws:s3:::bucket-a/", "arn:aws:s3:::bucket-b/logs"]
            - Type: AWS::Lambda::Function
              Values: ["arn:aws:lambda"]
)");
  ASSERT_EQ(e.finding.status, engine::Status::Fail);
  report::FindingSnippets s = fill(e);
  EXPECT_NE(s.change.find("Add an event selector for all management events"), std::string::npos) << s.change;
  const std::string planned =
      R"([{"ReadWriteType":"All","IncludeManagementEvents":false,"DataResources":[)"
      R"({"Type":"AWS::S3::Object","Values":["arn:aws:s3:::bucket-a/","arn:aws:s3:::bucket-b/logs"]},)"
      R"({"Type":"AWS::Lambda::Function","Values":["arn:aws:lambda"]}],"ExcludeManagementEventSources":[]},)"
      R"({"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}])";
  EXPECT_EQ(minified(cli_json(s)), planned);
  expect_every_snippet_reads_back(s, planned, false);
  EXPECT_EQ(snippet(s, "cloudformation-yaml")->text,
            "# In the Properties of DataTrail (AWS::CloudTrail::Trail), in place of its EventSelectors:\n"
            "EventSelectors:\n"
            "  - IncludeManagementEvents: false\n"
            "    ReadWriteType: All\n"
            "    DataResources:\n"
            "      - Type: AWS::S3::Object\n"
            "        Values: [\"arn:aws:s3:::bucket-a/\", \"arn:aws:s3:::bucket-b/logs\"]\n"
            "      - Type: AWS::Lambda::Function\n"
            "        Values: [\"arn:aws:lambda\"]\n"
            "  - IncludeManagementEvents: true\n"
            "    ReadWriteType: All");
  // No TrailName: CloudFormation generated one; the command needs it and the note says where to find it.
  EXPECT_NE(snippet(s, "cli")->text.find("--trail-name \"${TRAIL_NAME:?"), std::string::npos);
  bool named = false;
  for (const auto& n : s.notes) named = named || n.find("--logical-resource-id 'DataTrail'") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST(FindingSnippets, AdvancedSelectorsStayAdvancedWithTheirDataSelectors) {
  Evaluated e = from_terraform(R"(
resource "aws_cloudtrail" "data_lake" {
  name           = "data-lake"
  s3_bucket_name = "logs"

  advanced_event_selector {
    name = "S3 \"objects\" in $${bucket}" # a literal ${, which Terraform writes $${
    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }
    field_selector {
      field       = "resources.type"
      equals      = ["AWS::S3::Object"]
    }
    field_selector {
      field       = "resources.ARN"
      starts_with = ["arn:aws:s3:::bucket/"]
      not_ends_with = [".tmp"]
    }
  }
}
)");
  ASSERT_EQ(e.finding.status, engine::Status::Fail) << e.finding.message;
  report::FindingSnippets s = fill(e);
  EXPECT_NE(s.change.find("Add an advanced event selector"), std::string::npos) << s.change;
  const std::string planned =
      R"([{"Name":"S3 \"objects\" in ${bucket}","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},)"
      R"({"Field":"resources.type","Equals":["AWS::S3::Object"]},)"
      R"({"Field":"resources.ARN","StartsWith":["arn:aws:s3:::bucket/"],"NotEndsWith":[".tmp"]}]},)"
      R"j({"Name":"Management events (added by stance)","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]}])j";
  EXPECT_EQ(minified(cli_json(s)), planned);
  expect_every_snippet_reads_back(s, planned, true);
  EXPECT_NE(snippet(s, "cli")->text.find("--advanced-event-selectors '["), std::string::npos);
  EXPECT_EQ(snippet(s, "terraform")->text,
            "# In resource \"aws_cloudtrail\" \"data_lake\" (aws_cloudtrail.data_lake), in place of its "
            "advanced_event_selector blocks (dynamic ones included):\n"
            "advanced_event_selector {\n"
            "  name = \"S3 \\\"objects\\\" in $${bucket}\"\n"
            "\n"
            "  field_selector {\n"
            "    field  = \"eventCategory\"\n"
            "    equals = [\"Data\"]\n"
            "  }\n"
            "\n"
            "  field_selector {\n"
            "    field  = \"resources.type\"\n"
            "    equals = [\"AWS::S3::Object\"]\n"
            "  }\n"
            "\n"
            "  field_selector {\n"
            "    field         = \"resources.ARN\"\n"
            "    starts_with   = [\"arn:aws:s3:::bucket/\"]\n"
            "    not_ends_with = [\".tmp\"]\n"
            "  }\n"
            "}\n"
            "\n"
            "advanced_event_selector {\n"
            "  name = \"Management events (added by stance)\"\n"
            "\n"
            "  field_selector {\n"
            "    field  = \"eventCategory\"\n"
            "    equals = [\"Management\"]\n"
            "  }\n"
            "}");
  EXPECT_EQ(s.trail_name, "data-lake");
  EXPECT_NE(snippet(s, "cli")->text.find("--trail-name 'data-lake'"), std::string::npos);
}

const char* const kWriteOnlyExcludingKms =
    R"("EventSelectors":[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":true,"DataResources":[],)"
    R"("ExcludeManagementEventSources":["kms.amazonaws.com"]}])";

TEST(FindingSnippets, ExclusionsAreKeptUnlessTheSettingsForbidThem) {
  Evaluated e = from_api(kWriteOnlyExcludingKms);
  ASSERT_EQ(e.finding.status, engine::Status::Fail);
  report::FindingSnippets kept = fill(e);
  const std::string planned_kept =
      R"([{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],)"
      R"("ExcludeManagementEventSources":["kms.amazonaws.com"]}])";
  EXPECT_EQ(minified(cli_json(kept)), planned_kept);
  expect_every_snippet_reads_back(kept, planned_kept, false);
  EXPECT_EQ(snippet(kept, "cloudformation-yaml")->text,
            "# In the Properties of the trail's AWS::CloudTrail::Trail resource, in place of its EventSelectors:\n"
            "EventSelectors:\n"
            "  - IncludeManagementEvents: true\n"
            "    ReadWriteType: All\n"
            "    ExcludeManagementEventSources: [kms.amazonaws.com]");

  Evaluated strict = from_api(kWriteOnlyExcludingKms, "111111111111", config_with(false));
  report::FindingSnippets removed = fill(strict, false);
  EXPECT_NE(removed.change.find("Remove ExcludeManagementEventSources"), std::string::npos) << removed.change;
  EXPECT_EQ(minified(cli_json(removed)),
            R"([{"ReadWriteType":"All","IncludeManagementEvents":true,"DataResources":[],"ExcludeManagementEventSources":[]}])");
}

TEST(FindingSnippets, ALiveTrailIsNamedByItsArnInItsHomeRegion) {
  Evaluated e = from_api(R"("EventSelectors":[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true}])");
  report::FindingSnippets s = fill(e);
  EXPECT_TRUE(s.notes.empty());
  EXPECT_EQ(s.region, "eu-west-1");
  const std::string cli = snippet(s, "cli")->text;
  EXPECT_NE(cli.find("put-event-selectors --region 'eu-west-1' --trail-name "
                     "'arn:aws:cloudtrail:eu-west-1:111111111111:trail/main' \\\n"),
            std::string::npos)
      << cli;
  EXPECT_EQ(cli.find("REGION"), std::string::npos);
}

TEST(FindingSnippets, AnOrganizationTrailNamesTheAccountThatMustRunIt) {
  Evaluated e = from_api(R"("EventSelectors":[{"ReadWriteType":"ReadOnly"}])", "222222222222");
  report::FindingSnippets s = fill(e);
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_NE(s.notes[0].find("owned by account 222222222222"), std::string::npos);
  EXPECT_EQ(s.snippets.size(), 4u);
}

TEST(FindingSnippets, AValueNotKnownBeforeDeploymentIsNamedNotInvented) {
  Evaluated e = from_cloudformation(R"(
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  DataTrail:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      EventSelectors:
        - IncludeManagementEvents: false
          DataResources:
            - Type: AWS::S3::Object
              Values: [!Sub "${Bucket.Arn}/"]
)");
  ASSERT_EQ(e.finding.status, engine::Status::Fail) << e.finding.message;
  report::FindingSnippets s = fill(e);
  EXPECT_TRUE(s.snippets.empty());
  EXPECT_TRUE(s.change.empty());
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_NE(s.notes[0].find("DataResources[0].Values of event selector 1 is not known"), std::string::npos)
      << s.notes[0];
  EXPECT_NE(s.notes[0].find("template.yaml:"), std::string::npos) << s.notes[0];
  EXPECT_NE(s.notes[0].find("stance fix"), std::string::npos) << s.notes[0];
}

TEST(FindingSnippets, PassingUnknownAndErrorFindingsHaveNothingToFill) {
  report::FindingSnippets pass = fill(from_api(R"("EventSelectors":[{"ReadWriteType":"All"}])"));
  EXPECT_TRUE(pass.snippets.empty());
  ASSERT_EQ(pass.notes.size(), 1u);
  EXPECT_NE(pass.notes[0].find("nothing to change"), std::string::npos);

  Evaluated unknown = from_cloudformation(R"(
Parameters:
  Scope: {Type: String}
Resources:
  T:
    Type: AWS::CloudTrail::Trail
    Properties:
      S3BucketName: logs
      IsLogging: true
      EventSelectors:
        - ReadWriteType: !Ref Scope
)");
  ASSERT_EQ(unknown.finding.status, engine::Status::Unknown);
  report::FindingSnippets u = fill(unknown);
  EXPECT_TRUE(u.snippets.empty());
  EXPECT_NE(u.notes.at(0).find("verdict is unknown"), std::string::npos);
}

TEST(FindingSnippets, OtherRulesSayThereIsNothingToFill) {
  Evaluated e = from_cloudformation(kReadOnly);
  kb::Article other = ct010();
  other.id = "CT-999";
  report::FindingSnippets s = fill_finding_snippets(other, e.trail, e.finding, settings());
  EXPECT_TRUE(s.snippets.empty());
  EXPECT_NE(s.notes.at(0).find("no snippets to fill in for CT-999"), std::string::npos);
}

TEST(SelectorSyntax, QuotingKeepsEveryValueInItsPlace) {
  EXPECT_EQ(syntax::yaml_scalar("AWS::S3::Object", false), "AWS::S3::Object");
  EXPECT_EQ(syntax::yaml_scalar("AWS::S3::Object", true), "\"AWS::S3::Object\"");
  EXPECT_EQ(syntax::yaml_scalar("Management", true), "Management");
  EXPECT_EQ(syntax::yaml_scalar("true", false), "\"true\"");
  EXPECT_EQ(syntax::yaml_scalar("No", true), "\"No\"");
  EXPECT_EQ(syntax::yaml_scalar("123", false), "\"123\"");
  EXPECT_EQ(syntax::yaml_scalar("Management events (added by stance)", false), "Management events (added by stance)");
  EXPECT_EQ(syntax::yaml_scalar("Management events", true), "\"Management events\"");
  EXPECT_EQ(syntax::yaml_scalar("a: b", false), "\"a: b\"");
  EXPECT_EQ(syntax::yaml_scalar("trailing ", false), "\"trailing \"");
  EXPECT_EQ(syntax::yaml_scalar("x #y", false), "\"x #y\"");
  EXPECT_EQ(syntax::yaml_scalar("", false), "\"\"");
  EXPECT_EQ(syntax::yaml_scalar("tab\there", false), "\"tab\\there\"");

  EXPECT_EQ(syntax::hcl_string("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(syntax::hcl_string("${x} %{y} $z %"), "\"$${x} %%{y} $z %\"");
  EXPECT_EQ(syntax::hcl_string("line\nnext"), "\"line\\nnext\"");

  EXPECT_EQ(syntax::hcl_string("esc\x1b c1\xc2\x9b bidi\xe2\x80\xae"), "\"esc\\u001b c1\\u009b bidi\\u202e\"");
  EXPECT_EQ(syntax::yaml_scalar("c1\xc2\x9b bidi\xe2\x80\xae", false), "\"c1\\u009b bidi\\u202e\"");
  EXPECT_EQ(syntax::cli_argument({"{\"Name\":\"it's\"}"}, 2), "'[\n    {\"Name\":\"it'\\''s\"}\n  ]'");
}

// The live planner keeps the kind the trail stores. An empty AdvancedEventSelectors printed next to basic
// data selectors must not make it plan advanced selectors (which would drop the basic data selectors).
TEST(LiveFixPlan, AnEmptyAdvancedListNextToBasicSelectorsStaysBasic) {
  const std::string body =
      R"("EventSelectors":[{"ReadWriteType":"WriteOnly","IncludeManagementEvents":false,)"
      R"("DataResources":[{"Type":"AWS::S3::Object","Values":["arn:aws:s3:::b/"]}]}],"AdvancedEventSelectors":[])";
  Evaluated e = from_api(body);
  ASSERT_EQ(e.finding.status, engine::Status::Fail) << e.finding.message;
  auto fixes = plan_trail_fixes(raw_trail(body), e.trail, {e.finding}, [](std::string_view) { return settings(); });
  ASSERT_EQ(fixes.size(), 1u);
  const LiveFix& fix = fixes.front();
  ASSERT_EQ(fix.status, "planned") << fix.reason;
  EXPECT_FALSE(fix.advanced);
  EXPECT_NE(fix.after.find("arn:aws:s3:::b/"), std::string::npos) << fix.after;  // the data selector is kept
  ASSERT_EQ(fix.calls.size(), 1u);
  EXPECT_NE(fix.calls[0].cli_command.find(" --event-selectors "), std::string::npos) << fix.calls[0].cli_command;
}

TEST(LiveFixPlan, BothKindsNonEmptyIsSkippedNotGuessed) {
  const std::string body =
      R"("EventSelectors":[{"ReadWriteType":"ReadOnly","IncludeManagementEvents":true}],)"
      R"("AdvancedEventSelectors":[{"Name":"d","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},)"
      R"({"Field":"resources.type","Equals":["AWS::S3::Object"]}]}])";
  Evaluated e = from_api(body);
  engine::Finding failing = e.finding;
  failing.status = engine::Status::Fail;  // whatever CT-010 says of such a response, the planner must not guess
  auto fixes = plan_trail_fixes(raw_trail(body), e.trail, {failing}, [](std::string_view) { return settings(); });
  ASSERT_EQ(fixes.size(), 1u);
  const LiveFix& fix = fixes.front();
  EXPECT_EQ(fix.status, "skipped");
  EXPECT_NE(fix.reason.find("both basic and advanced"), std::string::npos) << fix.reason;
}

}  // namespace
}  // namespace stance::fix
