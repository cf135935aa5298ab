#include "report/report_fixture.hpp"

#include <sstream>

namespace stance::report::testing {

using engine::Finding;
using engine::Severity;
using engine::Status;
using engine::Suppression;
using model::Location;

namespace {

constexpr const char* kTrail = "AWS::CloudTrail::Trail";

Finding finding(std::string rule, Status status, std::string id, std::string name, Location where,
                std::string message, Severity severity = Severity::Medium) {
  Finding f;
  f.rule_id = std::move(rule);
  f.status = status;
  f.severity = severity;
  f.resource = {kTrail, std::move(id), std::move(name)};
  f.location = std::move(where);
  f.message = std::move(message);
  return f;
}

engine::ScanError problem(std::string source, std::string message, Location where) {
  return {std::move(source), std::move(message), std::move(where)};
}

}  // namespace

engine::ScanResult sample_scan() {
  engine::ScanResult r;
  r.files_scanned = 4;

  r.findings.push_back(finding("CT-010", Status::Pass, "OrgTrail", "org-trail",
                               Location::in_file("templates/audit.yaml", 5, 3),
                               "records read and write management events"));
  r.findings.push_back(finding("CT-010", Status::Fail, "AuditTrail", "audit-trail",
                               Location::in_file("templates/audit.yaml", 30, 7),
                               "records only write management events (ReadWriteType: WriteOnly)"));

  Finding legacy = finding("CT-010", Status::Fail, "LegacyTrail", "",
                           Location::in_file("templates/old stacks/l\xC3\xA9gacy.yaml", 12, 5),
                           "records no management events (IncludeManagementEvents: false)");
  legacy.suppression = Suppression{Suppression::Kind::InSource, "replaced by the organization trail (SEC-42)",
                                   Location::in_file("templates/old stacks/l\xC3\xA9gacy.yaml", 16, 11)};
  r.findings.push_back(legacy);

  // Every character class that needs escaping somewhere: quotes, <&>, apostrophe, newline, ESC, UTF-8.
  r.findings.push_back(finding(
      "CT-010", Status::Unknown, "QuotedTrail", "audit \"<&>\" trail's",
      Location::in_file("templates/params.json", 14),
      "IncludeManagementEvents comes from parameter \"Mgmt<&>\" without a default;\n"
      "the verdict depends on it \x1B[31m (caf\xC3\xA9 \xE2\x9C\x93)"));

  Finding management = finding(
      "CT-010", Status::Fail, "arn:aws:cloudtrail:us-east-1:111122223333:trail/management", "management",
      Location::in_cloud("arn:aws:cloudtrail:us-east-1:111122223333:trail/management", "us-east-1",
                         "111122223333"),
      "records no management events (IncludeManagementEvents: false)");
  management.suppression = Suppression{Suppression::Kind::Config,
                                       "data-events-only trail; the organization trail records management events",
                                       Location::in_file(".stance.yaml", 4, 5)};
  r.findings.push_back(management);

  r.findings.push_back(finding(
      "CT-010", Status::Error, "arn:aws:cloudtrail:eu-west-1:111122223333:trail/locked", "locked",
      Location::in_cloud("arn:aws:cloudtrail:eu-west-1:111122223333:trail/locked", "eu-west-1", "111122223333"),
      "GetEventSelectors failed: AccessDenied (not authorized to perform cloudtrail:GetEventSelectors)"));

  r.findings.push_back(finding("CT-099", Status::Fail, "AuditTrail", "audit-trail",
                               Location::in_file("templates/audit.yaml", 28, 5),
                               "is not logging (IsLogging: false)", Severity::High));

  r.errors.push_back(problem("templates/broken.yaml", "mapping values are not allowed in this context",
                             Location::in_file("templates/broken.yaml", 3, 15)));
  r.errors.push_back(
      problem("aws:cloudtrail:DescribeTrails", "ThrottlingException: Rate exceeded (gave up after 5 retries)", {}));
  r.warnings.push_back(problem("templates/params.json", "duplicate key \"Type\"; the last one wins",
                               Location::in_file("templates/params.json", 9, 7)));
  r.notes.push_back("skipped templates/README.md: not a CloudFormation template");
  return r;
}

kb::KnowledgeBase sample_knowledge_base() {
  kb::KnowledgeBase kb;

  kb::Article enabled;
  enabled.id = "CT-001";
  enabled.title = "CloudTrail Enabled";
  enabled.service = "CloudTrail";
  enabled.risk = Severity::High;
  enabled.risk_label = "High";
  enabled.summary = "Ensure that CloudTrail is enabled in every region.";
  kb.add_or_replace(enabled);

  kb::Article management;
  management.id = "CT-010";
  management.title = "CloudTrail Management Events";
  management.service = "CloudTrail";
  management.risk = Severity::Medium;
  management.risk_label = "Medium";
  management.resource_types = {kTrail};
  management.summary = "Every trail must record management events, both read and write.";
  management.rationale = "Without management events nobody can tell who ran TerminateInstances.";
  management.evaluation = "Coverage is the union over the trail's selectors; absent values count as true.\n";
  // Designated initialisers: Snippet may grow fields.
  management.remediation = {
      {.kind = "console", .title = "Console",
       .text = "Open the trail, edit Management events, select Read and Write."},
      {.kind = "cli", .title = "AWS CLI",
       .note = "Replaces every selector of the trail: include your data selectors too.",
       .text = "aws cloudtrail put-event-selectors --trail-name NAME \\\n"
               "  --event-selectors '[{\"ReadWriteType\": \"All\", \"IncludeManagementEvents\": true}]'\n"},
      {.kind = "cloudformation-yaml", .title = "CloudFormation (YAML)",
       .text = "EventSelectors:\n  - IncludeManagementEvents: true\n    ReadWriteType: All\n"},
      {.kind = "terraform", .title = "Terraform",
       .text = "event_selector {\n  include_management_events = true\n  read_write_type = \"All\" # ``` stays inside\n}\n"},
  };
  management.references = {
      "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-management-events-with-cloudtrail.html"};
  kb.add_or_replace(management);
  return kb;
}

Options fixed_options() {
  Options options;
  options.tool_version = "1.2.3";
  return options;
}

std::string render(Format format, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                   const Options& options) {
  std::ostringstream out;
  write(format, out, result, kb, options);
  return out.str();
}

}  // namespace stance::report::testing
