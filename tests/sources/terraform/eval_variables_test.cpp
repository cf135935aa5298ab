// Input variables from every source, in Terraform's precedence: defaults < TF_VAR_ < terraform.tfvars <
// *.auto.tfvars (lexical order) < --var-file / --var in command-line order, JSON variable files too; type conversion and optional()
// attributes with defaults. Data: data/variables/ and data/var_files/.
#include <gtest/gtest.h>

#include "sources/terraform/eval_helpers.hpp"

namespace stance::terraform {
namespace {

using namespace testing;

Options with_inputs() {
  Options o = no_environment();
  (*o.variables.environment)["from_env"] = "env";
  (*o.variables.environment)["tfvars_over_env"] = "env";
  (*o.variables.environment)["typed_bool"] = "false";
  o.variables.arguments.push_back({true, data_path("var_files/extra.tfvars")});
  o.variables.arguments.push_back({false, "from_var=cli"});
  o.variables.arguments.push_back({false, "cli_order=var"});
  o.variables.arguments.push_back({false, "typed_list=[\"a\", \"b\"]"});
  return o;
}

TEST(Variables, EverySourceInTerraformsPrecedence) {
  sources::SourceResult r = scan_data("variables", with_inputs());
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  auto tags = tags_of(trail(r, "aws_cloudtrail.vars"));
  EXPECT_EQ(tags["from_default"], "default");
  EXPECT_EQ(tags["from_env"], "env");
  EXPECT_EQ(tags["from_tfvars"], "tfvars");
  EXPECT_EQ(tags["tfvars_over_env"], "tfvars");
  EXPECT_EQ(tags["auto_order"], "b.auto");  // a.auto.tfvars, then b.auto.tfvars
  EXPECT_EQ(tags["from_var_file"], "var-file");
  EXPECT_EQ(tags["from_var"], "cli");
  EXPECT_EQ(tags["cli_order"], "var");  // --var after --var-file wins
  EXPECT_EQ(tags["typed_list"], "2:a;b;");  // a list type reads --var as an HCL expression
  EXPECT_EQ(tags["typed_bool"], "false");   // "false" from TF_VAR_ converted to bool, then to string
  EXPECT_EQ(tags["number_to_string"], "42");
}

TEST(Variables, CommandLineOrderDecides) {
  Options o = with_inputs();
  o.variables.arguments.push_back({true, data_path("var_files/extra.tfvars")});  // again, after --var
  sources::SourceResult r = scan_data("variables", o);
  EXPECT_EQ(tags_of(trail(r, "aws_cloudtrail.vars"))["cli_order"], "var-file");
}

TEST(Variables, WithoutTheCommandLineDefaultsAndFilesApply) {
  sources::SourceResult r = scan_data("variables");
  auto tags = tags_of(trail(r, "aws_cloudtrail.vars"));
  EXPECT_EQ(tags["from_env"], "default");
  EXPECT_EQ(tags["from_var_file"], "tfvars");
  EXPECT_EQ(tags["from_var"], "default");
  EXPECT_EQ(tags["typed_bool"], "true");
  EXPECT_EQ(tags["typed_list"], "0:");
  // cli_order has no value anywhere: unknown, and the tags map with it.
  EXPECT_NE(tags["cli_order"].find("var.cli_order has no value"), std::string::npos) << tags["cli_order"];
}

TEST(Variables, ObjectTypesFillOptionalAttributes) {
  sources::SourceResult r = scan_data("variables", with_inputs());
  const model::Trail& t = trail(r, "aws_cloudtrail.vars");
  ASSERT_TRUE(t.event_selectors.is_explicit()) << t.event_selectors.note;
  ASSERT_EQ(t.event_selectors->size(), 2u);
  const auto& first = (*t.event_selectors)[0];
  const auto& second = (*t.event_selectors)[1];
  expect_explicit(first.read_write_type, model::ReadWriteType::ReadOnly);
  expect_explicit(first.include_management_events, true);  // optional(bool, true)
  expect_explicit(second.read_write_type, model::ReadWriteType::All);  // optional(string, "All")
  expect_explicit(second.include_management_events, false);
  // The value is at the attribute in the dynamic block; the note says it came from b.auto.tfvars.
  expect_at(second.include_management_events, 25, 7);
  EXPECT_NE(second.include_management_events.note.find("b.auto.tfvars:4:"), std::string::npos)
      << second.include_management_events.note;
  EXPECT_EQ(findings(r)["aws_cloudtrail.vars"].status, engine::Status::Fail);
}

TEST(Variables, EnvironmentOnlyPrimitiveText) {
  Options o = no_environment();
  (*o.variables.environment)["typed_list"] = "[\"x\"]";
  (*o.variables.environment)["cli_order"] = "[\"not\", \"parsed\"]";  // no type: the string itself
  sources::SourceResult r = scan_data("variables", o);
  auto tags = tags_of(trail(r, "aws_cloudtrail.vars"));
  EXPECT_EQ(tags["typed_list"], "1:x;");
  EXPECT_EQ(tags["cli_order"], "[\"not\", \"parsed\"]");
}

TEST(Variables, BadValuesAreErrorsWithPositions) {
  Options o = no_environment();
  o.variables.arguments.push_back({false, "typed_bool=maybe"});
  o.variables.arguments.push_back({false, "novalue"});
  o.variables.arguments.push_back({true, data_path("var_files/broken.tfvars")});
  o.variables.arguments.push_back({true, data_path("var_files/missing.tfvars")});
  sources::SourceResult r = scan_data("variables", o);
  EXPECT_TRUE(has_message(r.errors, "The given value is not suitable for var.typed_bool")) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "Invalid -var option")) << describe(r);
  EXPECT_TRUE(has_message(r.errors, "Failed to read variables file")) << describe(r);
  bool broken_at_position = false;
  for (const auto& e : r.errors) {
    if (e.location.file == data_path("var_files/broken.tfvars") && e.location.line == 1 && e.location.column > 1) {
      broken_at_position = true;
    }
  }
  EXPECT_TRUE(broken_at_position) << describe(r);
}

std::map<std::string, std::string> json_tags(const sources::SourceResult& r) {
  return tags_of(trail(r, "aws_cloudtrail.json_vars"));
}

TEST(Variables, JsonVariableFilesInTerraformsOrder) {
  sources::SourceResult r = scan_data("variables_json");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  auto tags = json_tags(r);
  EXPECT_EQ(tags["from_tfvars"], "tfvars");
  EXPECT_EQ(tags["json_over_tfvars"], "tfvars.json");  // terraform.tfvars.json is read after terraform.tfvars
  EXPECT_EQ(tags["auto_order"], "c.auto.tfvars.json");  // a.auto.tfvars.json, b.auto.tfvars, c.auto.tfvars.json
  EXPECT_EQ(tags["from_var_file"], "default");
  // Strings in a variables file are literal: no template interpolation, as Terraform reads them.
  EXPECT_EQ(tags["not_a_template"], "${var.x} is literal in a variables file");
  EXPECT_EQ(tags["typed_number"], "42");
  EXPECT_EQ(tags["typed_map"], "a=1,b=2");
  // The deciding value is false from terraform.tfvars.json, and the finding points into that file.
  const model::Trail& t = trail(r, "aws_cloudtrail.json_vars");
  ASSERT_TRUE(t.event_selectors.is_explicit()) << t.event_selectors.note;
  ASSERT_EQ(t.event_selectors->size(), 1u);
  expect_explicit((*t.event_selectors)[0].include_management_events, false);
  expect_at((*t.event_selectors)[0].include_management_events, 28, 5);
  EXPECT_NE((*t.event_selectors)[0].include_management_events.note.find("terraform.tfvars.json:7:17"),
            std::string::npos) << (*t.event_selectors)[0].include_management_events.note;
}

TEST(Variables, JsonVarFileOnTheCommandLine) {
  Options o = no_environment();
  o.variables.arguments.push_back({true, data_path("var_files/extra.tfvars.json")});
  sources::SourceResult r = scan_data("variables_json", o);
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  EXPECT_EQ(json_tags(r)["from_var_file"], "var-file.json");
  const model::Trail& t = trail(r, "aws_cloudtrail.json_vars");
  ASSERT_TRUE(t.event_selectors.is_explicit()) << t.event_selectors.note;
  expect_explicit((*t.event_selectors)[0].include_management_events, true);
}

TEST(Variables, BrokenJsonVarFilesAreErrorsAtTheirPosition) {
  for (const char* name : {"var_files/broken.tfvars.json", "var_files/array.tfvars.json"}) {
    Options o = no_environment();
    o.variables.arguments.push_back({true, data_path(name)});
    sources::SourceResult r = scan_data("variables_json", o);
    bool positioned = false;
    for (const auto& e : r.errors) {
      if (e.location.file == data_path(name) && e.location.line >= 1 && e.location.column >= 1) positioned = true;
    }
    EXPECT_TRUE(positioned) << name << ": " << describe(r);
  }
}

}  // namespace
}  // namespace stance::terraform
