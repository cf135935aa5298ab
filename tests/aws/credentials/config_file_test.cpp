// The shared config and credentials files: sections, comments, sub-sections, positions, precedence of the
// credentials file, errors naming file:line without quoting the line.
#include <gtest/gtest.h>

#include "aws/credentials/config_file.hpp"
#include "aws/credentials/shared_config.hpp"

namespace stance::aws::credentials {
namespace {

const std::string kData = std::string(STANCE_SOURCE_DIR) + "/tests/aws/credentials/data/";

TEST(ConfigFile, SectionsKeysAndPositions) {
  ConfigFile file = read_config_file(kData + "config");
  ASSERT_FALSE(file.error) << *file.error;
  ASSERT_EQ(file.sections.size(), 4u);
  EXPECT_EQ(file.sections[0].name, "default");
  EXPECT_EQ(file.sections[0].where.line, 2);
  EXPECT_EQ(file.sections[1].name, "profile prod");
  EXPECT_EQ(file.sections[3].name, "sso-session corp");
  const ConfigSection& prod = file.sections[1];
  EXPECT_EQ(prod.values.at("role_arn").value, "arn:aws:iam::111111111111:role/Audit");
  EXPECT_EQ(prod.values.at("role_arn").where.line, 8);
  EXPECT_EQ(prod.values.at("role_arn").where.to_string(), kData + "config:8");
  EXPECT_EQ(prod.values.at("region").value, "us-east-2");
  EXPECT_EQ(prod.values.at("region").where.line, 14);
}

TEST(ConfigFile, NestedSubSection) {
  ConfigFile file = read_config_file(kData + "config");
  const ConfigValue& s3 = file.sections[1].values.at("s3");
  EXPECT_EQ(s3.value, "");
  EXPECT_EQ(s3.where.line, 11);
  ASSERT_EQ(s3.sub_values.size(), 2u);
  EXPECT_EQ(s3.sub_values.at("max_concurrent_requests"), "20");
  EXPECT_EQ(s3.sub_values.at("addressing_style"), "path");
}

TEST(ConfigFile, CommentsBlankLinesCaseAndWhitespace) {
  ConfigFile file = parse_config_file("f", "\xEF\xBB\xBF# c\n;c\n\n  [ default ]  # trailing comment\n"
                                           "AWS_Access_Key_ID=AKID\nregion\t=  us-west-2  \r\n");
  ASSERT_FALSE(file.error) << *file.error;
  ASSERT_EQ(file.sections.size(), 1u);
  EXPECT_EQ(file.sections[0].name, "default");
  EXPECT_EQ(file.sections[0].values.at("aws_access_key_id").value, "AKID");
  EXPECT_EQ(file.sections[0].values.at("aws_access_key_id").where.line, 5);
  EXPECT_EQ(file.sections[0].values.at("region").value, "us-west-2");
}

// An indented line after "key = value" continues that value (as configparser reads it), it is not a new key.
TEST(ConfigFile, ContinuationLineAfterAValue) {
  ConfigFile file = parse_config_file("f", "[default]\ncredential_process = tool\n  --flag\nregion = x\n");
  ASSERT_FALSE(file.error) << *file.error;
  EXPECT_EQ(file.sections[0].values.at("credential_process").value, "tool\n--flag");
  EXPECT_EQ(file.sections[0].values.at("region").value, "x");
}

TEST(ConfigFile, RepeatedSectionMergesLaterWins) {
  ConfigFile file = parse_config_file("f", "[a]\nx = 1\ny = 1\n[b]\nz = 1\n[a]\nx = 2\n");
  ASSERT_FALSE(file.error);
  ASSERT_EQ(file.sections.size(), 2u);
  EXPECT_EQ(file.sections[0].values.at("x").value, "2");
  EXPECT_EQ(file.sections[0].values.at("x").where.line, 7);
  EXPECT_EQ(file.sections[0].values.at("y").value, "1");
}

TEST(ConfigFile, ErrorsNameFileAndLineAndNeverQuoteTheLine) {
  struct Case {
    std::string text;
    std::string expected;
  };
  const Case cases[] = {
      {"aws_secret_access_key = s3cr3tBEFOREsection\n", "f:1: a setting before the first [section] header"},
      {"[default]\naws_secret_access_key s3cr3tNOequals\n", "f:2: expected 'name = value' (no '=' on this line)"},
      {"[default\ns3cr3t = x\n", "f:1: a section header without its closing ']'"},
      {"[]\n", "f:1: an empty section name '[]'"},
      {"[a] s3cr3tAFTER\n", "f:1: unexpected text after the section header's ']'"},
      {"[a]\n= s3cr3tNONAME\n", "f:2: a setting with no name before '='"},
      {"[a]\ns3 =\n  s3cr3tNOEQUALS\n", "f:3: expected 'name = value' in the sub-section (no '=' on this line)"},
  };
  for (const auto& c : cases) {
    ConfigFile file = parse_config_file("f", c.text);
    ASSERT_TRUE(file.error) << c.text;
    EXPECT_EQ(*file.error, c.expected);
    EXPECT_EQ(file.error->find("s3cr3t"), std::string::npos) << *file.error;
  }
}

TEST(ConfigFile, MissingFileIsEmptyNotAnError) {
  ConfigFile file = read_config_file(kData + "does-not-exist");
  EXPECT_FALSE(file.error);
  EXPECT_TRUE(file.sections.empty());
  ConfigFile directory = read_config_file(kData);
  ASSERT_TRUE(directory.error);
  EXPECT_NE(directory.error->find("is a directory"), std::string::npos);
}

TEST(SharedConfig, ProfilesFromBothFilesCredentialsFileWins) {
  Environment environment = Environment::from_map(
      {{"AWS_CONFIG_FILE", kData + "config"}, {"AWS_SHARED_CREDENTIALS_FILE", kData + "credentials"}});
  SharedConfig config = SharedConfig::load(environment);
  ASSERT_FALSE(config.error) << *config.error;
  EXPECT_EQ(config.config_path, kData + "config");
  // "[sso-session corp]" is not a profile; "[only-here]" exists only in the credentials file.
  ASSERT_EQ(config.profiles.size(), 4u);
  EXPECT_TRUE(config.find("default"));
  EXPECT_TRUE(config.find("prod"));
  EXPECT_TRUE(config.find("only-here"));
  EXPECT_FALSE(config.find("corp"));
  const Profile* base = config.find("base");
  ASSERT_TRUE(base);
  EXPECT_EQ(base->find("aws_access_key_id")->value, "AKIDCREDENTIALSBASE");
  EXPECT_EQ(base->find("aws_access_key_id")->where.to_string(), kData + "credentials:3");
  EXPECT_EQ(base->find("region")->value, "eu-central-1");  // only in config: kept
  EXPECT_EQ(base->describe(), "profile base (" + kData + "config:16)");
}

TEST(SharedConfig, HomeDefaultsAndProfileSelection) {
  Environment environment = Environment::from_map({{"HOME", kData + "no-home"}});
  SharedConfig config = SharedConfig::load(environment);
  EXPECT_EQ(config.config_path, kData + "no-home/.aws/config");
  EXPECT_EQ(config.credentials_path, kData + "no-home/.aws/credentials");
  EXPECT_FALSE(config.error);
  EXPECT_TRUE(config.profiles.empty());

  EXPECT_EQ(selected_profile_name("", Environment::from_map({})), "default");
  EXPECT_EQ(selected_profile_name("", Environment::from_map({{"AWS_DEFAULT_PROFILE", "old"}})), "old");
  EXPECT_EQ(selected_profile_name("", Environment::from_map({{"AWS_PROFILE", "p"}, {"AWS_DEFAULT_PROFILE", "o"}})),
            "p");
  EXPECT_EQ(selected_profile_name("cli", Environment::from_map({{"AWS_PROFILE", "p"}})), "cli");
  // An empty variable is as good as unset.
  EXPECT_EQ(selected_profile_name("", Environment::from_map({{"AWS_PROFILE", ""}})), "default");
}

TEST(SharedConfig, ParseErrorKeepsFileAndLine) {
  ConfigFile bad = parse_config_file("/x/config", "[default]\nregion = a\nbroken line\n");
  SharedConfig config = SharedConfig::merge(bad, ConfigFile{"/x/credentials", {}, std::nullopt});
  ASSERT_TRUE(config.error);
  EXPECT_EQ(*config.error, "/x/config:3: expected 'name = value' (no '=' on this line)");
}

}  // namespace
}  // namespace stance::aws::credentials
