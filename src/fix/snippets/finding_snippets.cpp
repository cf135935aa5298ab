#include "fix/snippets/finding_snippets.hpp"

#include <cctype>
#include <string>
#include <vector>

#include "common/shell_quote.hpp"
#include "fix/live/live_fix.hpp"
#include "fix/field_syntax.hpp"
#include "fix/selector_syntax.hpp"
#include "rules/registry.hpp"

namespace stance::fix {

namespace {

bool from_aws(const model::Trail& t) {
  return model::is_live(t.source);
}

std::string capitalised(std::string text) {
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// `resource "aws_cloudtrail" "this"` for the Terraform address module.audit.aws_cloudtrail.this["a"]; "" when
// the address is not one.
std::string terraform_resource_header(const std::string& address) {
  const std::string type = "aws_cloudtrail.";
  const std::size_t at = address.rfind(type);
  if (at == std::string::npos || (at > 0 && address[at - 1] != '.')) return "";
  std::string name = address.substr(at + type.size());
  if (const std::size_t key = name.find('['); key != std::string::npos) name.resize(key);
  if (name.empty()) return "";
  return "resource \"aws_cloudtrail\" \"" + name + "\"";
}

struct Target {
  std::string region;      // a shell word: the region, or a variable the shell insists on
  std::string trail_name;  // a shell word: the ARN, the name, or a variable
};

// What a command needs and the source does not say: a variable the shell refuses to run without. The
// message holds no quote character (an apostrophe there would end a single-quoted string of the person
// pasting it and flip the quoting of the rest of the line).
constexpr const char* kRegionPlaceholder = "\"${REGION:?set REGION to the home region of the trail}\"";
constexpr const char* kTrailNamePlaceholder = "\"${TRAIL_NAME:?set TRAIL_NAME to the name of the trail}\"";

// Where the command goes, and notes for what the source does not say.
Target target_of(const model::Trail& trail, const report::FindingSnippets& s, std::vector<std::string>& notes) {
  Target t;
  if (!s.region.empty()) {
    t.region = shell::quote(s.region);
  } else {
    t.region = kRegionPlaceholder;
    notes.push_back(trail.source == model::SourceKind::Terraform
                        ? "The configuration does not say which region the trail is in (that comes from the AWS "
                          "provider): set REGION to it before running the command."
                        : "A template does not say which region it is deployed to: set REGION to the stack's "
                          "region before running the command.");
  }
  if (!trail.arn.empty()) {
    t.trail_name = shell::quote(trail.arn);  // the ARN names the trail from any account and region
  } else if (!s.trail_name.empty()) {
    t.trail_name = shell::quote(s.trail_name);
  } else {
    t.trail_name = kTrailNamePlaceholder;
    if (trail.source == model::SourceKind::CloudFormation && trail.name.is_defaulted()) {
      notes.push_back("The template does not set TrailName, so CloudFormation named the trail when it created it: "
                      "set TRAIL_NAME to that name, the resource's physical ID (aws cloudformation "
                      "describe-stack-resource --stack-name STACK --logical-resource-id " + shell::quote(trail.id) + ").");
    } else {
      std::string why = trail.name.note.empty() ? "" : " (" + trail.name.note + ")";
      notes.push_back("The trail's name is not known before deployment" + why +
                      ": set TRAIL_NAME to it before running the command.");
    }
  }
  return t;
}

kb::Snippet cli_snippet(const SelectorPlan& plan, const Target& target, const model::Trail& trail) {
  std::vector<std::string> selectors;
  if (plan.advanced) {
    for (const auto& sel : plan.advanced_selectors) selectors.push_back(selector_json(sel));
  } else {
    for (const auto& sel : plan.basic) selectors.push_back(selector_json(sel));
  }
  kb::Snippet s;
  s.kind = "cli";
  s.title = std::string("AWS CLI: ") + (plan.advanced ? "advanced event selectors" : "basic event selectors");
  s.note = "put-event-selectors replaces the whole list: this is every selector of the trail as stance read it, "
           "with the change. Compare it with what get-event-selectors prints before running it.";
  if (!from_aws(trail)) {
    s.note += trail.source == model::SourceKind::Terraform
                  ? " Terraform manages this trail: change the configuration too, or the next apply undoes this."
                  : " A template deploys this trail: change it too, or the next stack update undoes this.";
  }
  const std::string where = " --region " + target.region + " --trail-name " + target.trail_name;
  s.text = "aws cloudtrail get-event-selectors" + where + "\n\naws cloudtrail put-event-selectors" + where +
           " \\\n  " + (plan.advanced ? "--advanced-event-selectors " : "--event-selectors ") +
           syntax::cli_argument(selectors, 2);
  return s;
}

std::string cloudformation_comment(const model::Trail& trail, const SelectorPlan& plan) {
  const std::string property = plan.advanced ? "AdvancedEventSelectors" : "EventSelectors";
  if (trail.source == model::SourceKind::CloudFormation) {
    return "In the Properties of " + trail.id + " (AWS::CloudTrail::Trail), in place of its " + property;
  }
  return "In the Properties of the trail's AWS::CloudTrail::Trail resource, in place of its " + property;
}

std::vector<kb::Snippet> snippets_for(const SelectorPlan& plan, const Target& target, const model::Trail& trail) {
  std::vector<kb::Snippet> out;
  out.push_back(cli_snippet(plan, target, trail));

  const std::string where = cloudformation_comment(trail, plan);
  kb::Snippet yaml{"cloudformation-yaml", "CloudFormation (YAML)", "", ""};
  yaml.text = "# " + where + ":\n" +
              (plan.advanced ? syntax::cloudformation_yaml(plan.advanced_selectors) : syntax::cloudformation_yaml(plan.basic));
  out.push_back(yaml);
  kb::Snippet json{"cloudformation-json", "CloudFormation (JSON)", where + ":", ""};
  json.text = plan.advanced ? syntax::cloudformation_json(plan.advanced_selectors) : syntax::cloudformation_json(plan.basic);
  out.push_back(json);

  std::string header = trail.source == model::SourceKind::Terraform ? terraform_resource_header(trail.id) : "";
  const std::string blocks = plan.advanced ? "advanced_event_selector" : "event_selector";
  std::string comment = header.empty() ? "# In the trail's aws_cloudtrail resource, in place of its " + blocks + " blocks"
                                       : "# In " + header + " (" + trail.id + "), in place of its " + blocks + " blocks";
  comment += " (dynamic ones included):\n";
  kb::Snippet hcl{"terraform", "Terraform (AWS provider)", "", ""};
  hcl.text = comment + (plan.advanced ? syntax::terraform(plan.advanced_selectors) : syntax::terraform(plan.basic));
  out.push_back(hcl);
  return out;
}

// What every rule says first: whether there is anything to fill in. False when not (the notes say why).
bool needs_change(report::FindingSnippets& s, const model::Trail& trail) {
  const engine::Finding& f = s.finding;
  switch (f.status) {
    case engine::Status::Pass:
      s.notes.push_back(s.rule_id + " passes for this trail: nothing to change.");
      return false;
    case engine::Status::Unknown:
      s.notes.push_back("The verdict is unknown, so stance cannot tell what to change. Give the values it "
                        "depends on (stance scan -p NAME=VALUE or --var NAME=VALUE, with --explain), or scan the "
                        "deployed trail (stance collect, then stance kb show " + s.rule_id + " --for ARN snapshot.json).");
      return false;
    case engine::Status::Error:
      s.notes.push_back("The trail could not be read, so stance cannot tell what to change.");
      return false;
    case engine::Status::Fail: break;
  }
  if (f.suppression) {
    s.notes.push_back("This finding is suppressed (" + f.suppression->reason +
                      "); the snippets are shown for reference.");
  }
  if (!trail.seen_from_account.empty() && !trail.account_id.empty() && trail.account_id != trail.seen_from_account) {
    s.notes.push_back("This is an organization trail owned by account " + trail.account_id +
                      ": run the command with that account's credentials (a member account cannot change it).");
  }
  return true;
}

void fill_selectors(report::FindingSnippets& s, const model::Trail& trail, const engine::RuleSettings& settings) {
  // The kind the trail stores is the kind it keeps; plan_trail_fixes reads the same from the API response.
  const bool advanced = trail.advanced_event_selectors.is_explicit();
  SelectorPlan plan = plan_selectors(trail, advanced, settings);
  if (!plan.planned()) {
    s.notes.push_back("No snippet can be filled in: " + plan.reason + "." +
                      (from_aws(trail) ? std::string()
                                       : " `stance fix` edits a template in place, keeping what it cannot resolve."));
    return;
  }
  s.change = capitalised(plan.reason) + ".";
  const Target target = target_of(trail, s, s.notes);
  s.snippets = snippets_for(plan, target, trail);
}

// Field edits, written from the schema rows: the CLI calls, the template lines.
void fill_fields(report::FindingSnippets& s, const model::Trail& trail, const std::vector<rules::FieldEdit>& edits) {
  std::string change;
  for (const auto& edit : edits) {
    std::string value = std::holds_alternative<bool>(edit.value) ? (std::get<bool>(edit.value) ? "true" : "false")
                                                                 : syntax::json_string(std::get<std::string>(edit.value));
    change += (change.empty() ? "Set " : ", ") + std::string(syntax::field_name(edit, trail.source)) + " to " + value;
  }
  s.change = change + ".";
  const Target target = target_of(trail, s, s.notes);
  kb::Snippet cli{"cli", "AWS CLI", "", ""};
  for (const auto& command : syntax::cli_commands(edits, target.region, target.trail_name)) {
    cli.text += (cli.text.empty() ? "" : "\n\n") + command;
  }
  if (!from_aws(trail)) {
    cli.note = trail.source == model::SourceKind::Terraform
                   ? "Terraform manages this trail: change the configuration too, or the next apply undoes this."
                   : "A template deploys this trail: change it too, or the next stack update undoes this.";
  }
  s.snippets.push_back(cli);
  const std::string where = trail.source == model::SourceKind::CloudFormation
                                ? "In the Properties of " + trail.id + " (AWS::CloudTrail::Trail)"
                                : "In the Properties of the trail's AWS::CloudTrail::Trail resource";
  s.snippets.push_back({"cloudformation-yaml", "CloudFormation (YAML)", "",
                        "# " + where + ":\n" + syntax::cloudformation_yaml(edits)});
  s.snippets.push_back({"cloudformation-json", "CloudFormation (JSON)", where + ":", syntax::cloudformation_json(edits)});
  const std::string header = trail.source == model::SourceKind::Terraform ? terraform_resource_header(trail.id) : "";
  const std::string comment = header.empty() ? "# In the trail's aws_cloudtrail resource:\n"
                                             : "# In " + header + " (" + trail.id + "):\n";
  s.snippets.push_back({"terraform", "Terraform (AWS provider)", "", comment + syntax::terraform(edits)});
}

}  // namespace

report::FindingSnippets fill_finding_snippets(const kb::Article& article, const model::Trail& trail,
                                          const engine::Finding& finding, const engine::RuleSettings& settings) {
  report::FindingSnippets s;
  s.rule_id = article.id;
  s.rule_title = article.title;
  s.finding = finding;
  // Without TrailName, CloudFormation names the trail itself (stack name, logical ID and a random suffix);
  // the adapter's default (the logical ID) is not that name.
  const bool generated = trail.source == model::SourceKind::CloudFormation && trail.name.is_defaulted();
  if (trail.name.known() && !generated) s.trail_name = *trail.name;
  s.region = trail.home_region;
  const rules::RuleDefinition* rule = rules::find_rule(article.id);
  if (!rule || !rule->trail_fix) {
    s.notes.push_back(rule && !rule->manual_fix.empty()
                          ? capitalised(std::string(rule->manual_fix)) + "."
                          : "stance has no snippets to fill in for " + article.id + ": see `stance kb show " +
                                article.id + "`.");
    return s;
  }
  if (!needs_change(s, trail)) return s;
  const rules::FixIntent intent = rule->trail_fix(trail, settings);
  if (!intent.manual.empty()) {
    s.notes.push_back("No snippet can be filled in: " + intent.manual + ".");
  } else if (intent.record_management_events) {
    fill_selectors(s, trail, settings);
  } else {
    fill_fields(s, trail, intent.edits);
  }
  return s;
}

}  // namespace stance::fix
