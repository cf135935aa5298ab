// Templates the AWS CDK synthesized: `stance fix` still plans the edit, but warns that the next
// `cdk synth` writes the template again from the app, and names the construct to change there
// (the resource's Metadata "aws:cdk:path").
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.hpp"
#include "fix/template_fix.hpp"
#include "kb/knowledge_base.hpp"

namespace stance::fix {
namespace {

namespace fs = std::filesystem;

const kb::KnowledgeBase& knowledge_base() {
  static const kb::KnowledgeBaseLoad load = kb::load_knowledge_base(std::nullopt);
  return load.kb;
}

// As `cdk synth` writes it: JSON, one space of indentation, the construct path in each resource's Metadata.
const std::string kSynthesized = R"({
 "Resources": {
  "TrailABC123": {
   "Type": "AWS::CloudTrail::Trail",
   "Properties": {
    "IsLogging": true,
    "S3BucketName": "logs",
    "EventSelectors": [
     {
      "IncludeManagementEvents": true,
      "ReadWriteType": "WriteOnly"
     }
    ]
   },
   "Metadata": {
    "aws:cdk:path": "MyStack/Trail/Resource"
   }
  }
 }
}
)";

std::string without_metadata() {
  std::string text = kSynthesized;
  const std::size_t begin = text.find(",\n   \"Metadata\"");
  const std::size_t end = text.find("}\n  }\n }", begin);
  return text.erase(begin, end + 1 - begin);
}

const TemplateFix& only(const std::vector<TemplateFix>& fixes) {
  EXPECT_EQ(fixes.size(), 1u);
  return fixes.front();
}

TEST(CdkOutput, TheConstructPathIsNamedWhereverTheTemplateIs) {
  const auto fixes = plan_cloudformation_fixes("stack.json", kSynthesized, {}, knowledge_base());
  const TemplateFix& f = only(fixes);
  EXPECT_EQ(f.status, "planned");
  EXPECT_EQ(f.warning,
            "this template is CDK output: the next `cdk synth` will undo this edit; make the change in the CDK app, "
            "in the construct MyStack/Trail/Resource (its Metadata \"aws:cdk:path\")");
}

TEST(CdkOutput, ATemplateUnderCdkOutWarnsWithoutAConstructPath) {
  const std::string text = without_metadata();
  ASSERT_EQ(text.find("aws:cdk:path"), std::string::npos) << text;
  const auto fixes = plan_cloudformation_fixes("app/cdk.out/MyStack.template.json", text, {}, knowledge_base());
  const TemplateFix& f = only(fixes);
  EXPECT_EQ(f.status, "planned");
  EXPECT_NE(f.warning.find("the next `cdk synth` will undo this edit"), std::string::npos) << f.warning;
  EXPECT_NE(f.warning.find("records no construct path for TrailABC123"), std::string::npos) << f.warning;
}

TEST(CdkOutput, AHandWrittenTemplateHasNoWarning) {
  const auto fixes = plan_cloudformation_fixes("stack.json", without_metadata(), {}, knowledge_base());
  const TemplateFix& f = only(fixes);
  EXPECT_EQ(f.status, "planned");
  EXPECT_EQ(f.warning, "");
}

struct Outcome {
  int code;
  std::string out, err;
};

Outcome stance(std::vector<std::string> args) {
  std::ostringstream out, err;
  const int code = cli::run(args, cli::Streams{out, err, false, false});
  return {code, out.str(), err.str()};
}

TEST(CdkOutput, TextAndJsonOutputCarryTheWarning) {
  const fs::path dir = fs::temp_directory_path() / ("stance-cdk-" + std::to_string(::getpid())) / "cdk.out";
  fs::remove_all(dir.parent_path());
  fs::create_directories(dir);
  const fs::path file = dir / "MyStack.template.json";
  std::ofstream(file, std::ios::binary) << kSynthesized;

  const Outcome text = stance({"fix", dir.string(), "--no-config"});
  EXPECT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("warning  " + file.string() + "  TrailABC123  this template is CDK output: the next `cdk "
                          "synth` will undo this edit; make the change in the CDK app, in the construct "
                          "MyStack/Trail/Resource"),
            std::string::npos)
      << text.out;
  const Outcome diff = stance({"fix", dir.string(), "--no-config", "--diff"});
  EXPECT_NE(diff.out.find("warning  "), std::string::npos) << "--diff shows the warning too:\n" << diff.out;

  const Outcome json = stance({"fix", dir.string(), "--no-config", "--format", "json"});
  EXPECT_EQ(json.code, 0) << json.err;
  EXPECT_NE(json.out.find("\"warning\": \"this template is CDK output: the next `cdk synth` will undo this edit; "
                          "make the change in the CDK app, in the construct MyStack/Trail/Resource"),
            std::string::npos)
      << json.out;
  fs::remove_all(dir.parent_path());
}

}  // namespace
}  // namespace stance::fix
