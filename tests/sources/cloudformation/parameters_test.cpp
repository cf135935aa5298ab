// Parameters: Default, override through Options, missing -> Unresolvable with the hint; list, SSM and pseudo
// parameters; parameter files in the CLI and CodePipeline formats and their errors.
#include <gtest/gtest.h>

#include "sources/cloudformation/helpers.hpp"

namespace stance::sources::cloudformation {
namespace {

using namespace testing;
using model::ReadWriteType;
using Strings = std::vector<std::string>;

TEST(Parameters, DefaultsAndMissingValues) {
  SourceResult r = scan_data("parameters.yaml");
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  const model::Trail& t = trail(r, "Trail");
  expect_unresolvable(t.is_logging, "parameter Logging has no value; pass --parameter Logging=...");
  expect_at(t.is_logging, 25, 7);  // the IsLogging key
  expect_unresolvable(t.name, "SSM Parameter Store");
  expect_unresolvable(t.s3_bucket_name, "AWS::AccountId is known only at deployment");
  expect_unresolvable(t.s3_key_prefix, "AWS::Region");
  expect_unresolvable(t.kms_key_id, "Ref Bucket (a resource)");
  expect_explicit(t.is_multi_region, true);  // Default "True"
  EXPECT_EQ(t.is_multi_region.note, "parameter Flag");
  ASSERT_TRUE(t.event_selectors.is_explicit());
  ASSERT_EQ(t.event_selectors->size(), 1u);
  const auto& sel = (*t.event_selectors)[0];
  expect_explicit(sel.read_write_type, ReadWriteType::All);
  EXPECT_EQ(sel.read_write_type.note, "parameter Mode");
  expect_at(sel.read_write_type, 32, 11);  // the ReadWriteType key, not the parameter's declaration
  expect_explicit(sel.exclude_management_event_sources, Strings{"kms.amazonaws.com"});
}

TEST(Parameters, OptionsOverrideDefaultsAndFillMissingValues) {
  Options options;
  options.parameters = {{"Logging", "false"},
                        {"Mode", "ReadOnly"},
                        {"Sources", "kms.amazonaws.com, rdsdata.amazonaws.com"},
                        {"NameFromSsm", "audit"},
                        {"AWS::Region", "eu-west-1"},
                        {"Unused", "x"}};
  SourceResult r = scan_data("parameters.yaml", options);
  EXPECT_TRUE(r.errors.empty()) << describe(r);
  const model::Trail& t = trail(r, "Trail");
  expect_explicit(t.is_logging, false);
  EXPECT_EQ(t.is_logging.note, "parameter Logging");
  expect_explicit(t.name, std::string("audit"));
  expect_explicit(t.s3_key_prefix, std::string("eu-west-1"));
  expect_unresolvable(t.s3_bucket_name, "AWS::AccountId");
  const auto& sel = (*t.event_selectors)[0];
  expect_explicit(sel.read_write_type, ReadWriteType::ReadOnly);
  expect_explicit(sel.exclude_management_event_sources,
                  Strings{"kms.amazonaws.com", "rdsdata.amazonaws.com"});
}

TEST(Parameters, ABadValueGivenAsParameterIsInvalidWhereItIsUsed) {
  Options options;
  options.parameters = {{"Logging", "yes"}, {"Mode", "Everything"}};
  SourceResult r = scan_data("parameters.yaml", options);
  const model::Trail& t = trail(r, "Trail");
  expect_invalid(t.is_logging, "expected true or false, got \"yes\" (from parameter Logging)");
  EXPECT_TRUE(has_message(r.errors, "IsLogging: expected true or false", 25, 7)) << describe(r);
  expect_invalid((*t.event_selectors)[0].read_write_type,
                 "expected All, ReadOnly or WriteOnly, got \"Everything\"");
  EXPECT_TRUE(has_message(r.errors, "ReadWriteType: expected All, ReadOnly or WriteOnly", 32, 11))
      << describe(r);
}

TEST(ParameterFiles, CliFormat) {
  ParameterFile f = load_parameter_file(data_path("params-cli.json"));
  EXPECT_TRUE(f.errors.empty());
  EXPECT_EQ(f.values.size(), 4u);
  EXPECT_EQ(f.values["Logging"], "false");
  EXPECT_EQ(f.values["Mode"], "ReadOnly");
  EXPECT_EQ(f.values["Sources"], "kms.amazonaws.com, rdsdata.amazonaws.com");
  EXPECT_EQ(f.values["Count"], "3");
  EXPECT_EQ(f.values.count("Retained"), 0u);  // UsePreviousValue: known only to the deployed stack
}

TEST(ParameterFiles, CodePipelineFormat) {
  ParameterFile f = load_parameter_file(data_path("params-codepipeline.json"));
  EXPECT_TRUE(f.errors.empty());
  EXPECT_EQ(f.values.size(), 2u);
  EXPECT_EQ(f.values["Logging"], "true");
  EXPECT_EQ(f.values["Mode"], "WriteOnly");
}

TEST(ParameterFiles, ErrorsHaveFileLineAndColumn) {
  const std::string path = data_path("params-bad.json");
  ParameterFile f = load_parameter_file(path);
  EXPECT_EQ(f.values.size(), 1u);
  EXPECT_EQ(f.values["Logging"], "true");
  ASSERT_EQ(f.errors.size(), 3u);
  EXPECT_EQ(f.errors[0].location.file, path);
  EXPECT_NE(f.errors[0].message.find("needs a ParameterKey"), std::string::npos);
  expect_at(f.errors[0].location, 3, 3);
  EXPECT_NE(f.errors[1].message.find("ParameterValue of Mode must be a string"), std::string::npos);
  expect_at(f.errors[1].location, 4, 47);
  expect_at(f.errors[2].location, 5, 3);

  // The AWS CLI rejects this file too; the position is the trailing comma.
  ParameterFile comma = load_parameter_file(data_path("params-trailing-comma.json"));
  ASSERT_EQ(comma.errors.size(), 1u);
  EXPECT_NE(comma.errors[0].message.find("trailing comma"), std::string::npos) << comma.errors[0].message;
  expect_at(comma.errors[0].location, 2, 58);

  ParameterFile shape = load_parameter_file(data_path("params-wrong-shape.json"));
  ASSERT_EQ(shape.errors.size(), 1u);
  expect_at(shape.errors[0].location, 1, 1);

  ParameterFile missing = load_parameter_file(data_path("no-such-file.json"));
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_NE(missing.errors[0].message.find("No such file"), std::string::npos);
}

}  // namespace
}  // namespace stance::sources::cloudformation
