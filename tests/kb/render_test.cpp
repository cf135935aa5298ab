// The three article renderings and the list: Markdown has its headings and tagged fences, JSON parses
// (checked with simdjson, independently of stance's own parser), text wraps prose but not code and has no
// escape codes without colour.
#include <gtest/gtest.h>
#include <simdjson.h>

#include <sstream>
#include <stdexcept>

#include "kb/render.hpp"
#include "kb_test_support.hpp"

namespace stance::kb {
namespace {

using testing::ct010;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

std::size_t columns(std::string_view line) {
  std::size_t n = 0;
  for (unsigned char c : line) n += (c & 0xC0) != 0x80;
  return n;
}

TEST(RenderMarkdown, HeadingsAndTaggedFences) {
  std::ostringstream out;
  render_article_markdown(out, ct010());
  const std::string md = out.str();
  EXPECT_EQ(md.rfind("# CT-010: CloudTrail Management Events\n", 0), 0u) << md.substr(0, 200);
  for (const char* heading : {"\n## Summary\n", "\n## Why it matters\n", "\n## How stance decides\n", "\n## Audit\n",
                              "\n## Remediation\n", "\n## Rule settings\n", "\n## Compliance\n",
                              "\n## Equivalents in other tools\n", "\n## References\n"}) {
    EXPECT_NE(md.find(heading), std::string::npos) << heading;
  }
  for (const char* fence : {"\n```bash\n", "\n```json\n", "\n```yaml\n", "\n```hcl\n"}) {
    EXPECT_NE(md.find(fence), std::string::npos) << fence;
  }
  // Fences are balanced: every opening fence is closed.
  int fences = 0;
  for (const std::string& line : lines_of(md)) fences += line.rfind("```", 0) == 0;
  EXPECT_EQ(fences % 2, 0);
  EXPECT_NE(md.find("| `allow_excluded_sources` | bool | `true` |"), std::string::npos);
  EXPECT_NE(md.find("| NIST 800-53 rev4 | AU-2, AU-3, AU-12 |"), std::string::npos);
  EXPECT_NE(md.find("- <https://docs.aws.amazon.com/"), std::string::npos);
}

TEST(RenderMarkdown, TableCellsEscapePipes) {
  Article a;
  a.id = "XX-001";
  a.title = "t";
  a.settings.push_back({"flag", "bool", "true", "one | two\nthree"});
  std::ostringstream out;
  render_article_markdown(out, a);
  EXPECT_NE(out.str().find("| one \\| two three |"), std::string::npos) << out.str();
}

TEST(RenderJson, ParsesAndCarriesTheArticle) {
  std::ostringstream out;
  render_article_json(out, ct010());
  const std::string text = out.str();
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(text).get(doc), simdjson::SUCCESS) << text;
  EXPECT_EQ(std::string_view(doc["id"]), "CT-010");
  EXPECT_EQ(std::string_view(doc["title"]), "CloudTrail Management Events");
  EXPECT_EQ(std::string_view(doc["risk"]), "medium");
  EXPECT_EQ(std::string_view(doc["risk_label"]), "Medium");
  EXPECT_EQ(simdjson::dom::array(doc["compliance"]).size(), 10u);
  EXPECT_EQ(simdjson::dom::array(doc["equivalents"]).size(), 4u);
  simdjson::dom::array settings = doc["settings"];
  ASSERT_EQ(settings.size(), 2u);
  for (simdjson::dom::element s : settings) EXPECT_TRUE(bool(s["default"])) << "a JSON boolean";
  bool saw_hcl = false;
  for (simdjson::dom::element s : simdjson::dom::array(doc["remediation"])) {
    std::string_view language;
    if (s["language"].get(language) == simdjson::SUCCESS && language == "hcl") saw_hcl = true;
  }
  EXPECT_TRUE(saw_hcl);
}

TEST(RenderJson, ListParses) {
  const KnowledgeBase kb = testing::builtin_kb();
  std::ostringstream out;
  render_list_json(out, kb);
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  ASSERT_EQ(parser.parse(out.str()).get(doc), simdjson::SUCCESS) << out.str();
  EXPECT_EQ(int64_t(doc["schema_version"]), 1);
  simdjson::dom::array articles = doc["articles"];
  ASSERT_EQ(articles.size(), kb.articles().size());
  // In ID order; CT-010 among them with its risk.
  EXPECT_EQ(std::string_view(articles.at(0)["id"]), "CT-001");
  bool saw_ct010 = false;
  for (auto article : articles) {
    if (std::string_view(article["id"]) != "CT-010") continue;
    saw_ct010 = true;
    EXPECT_EQ(std::string_view(article["risk"]), "medium");
  }
  EXPECT_TRUE(saw_ct010);
}

TEST(RenderText, NoEscapeCodesWithoutColour) {
  std::ostringstream plain, list;
  render_article_text(plain, ct010(), false, 100);
  render_list(list, testing::builtin_kb(), false);
  EXPECT_EQ(plain.str().find('\x1b'), std::string::npos);
  EXPECT_EQ(list.str().find('\x1b'), std::string::npos);
  EXPECT_EQ(plain.str().find("**"), std::string::npos) << "Markdown emphasis is not shown on a terminal";
  EXPECT_NE(list.str().find("CT-010"), std::string::npos);
  EXPECT_NE(list.str().find("CloudTrail Management Events"), std::string::npos);

  std::ostringstream coloured;
  render_article_text(coloured, ct010(), true, 100);
  EXPECT_NE(coloured.str().find("\x1b[1mSUMMARY\x1b[0m"), std::string::npos);
}

TEST(RenderText, ProseWrapsToTheWidthAndCodeDoesNot) {
  constexpr int kWidth = 60;
  std::ostringstream out;
  render_article_text(out, ct010(), false, kWidth);
  const std::string text = out.str();
  for (const char* heading : {"\nSUMMARY\n", "\nWHY IT MATTERS\n", "\nHOW STANCE DECIDES\n", "\nAUDIT\n",
                              "\nREMEDIATION\n", "\nRULE SETTINGS\n", "\nCOMPLIANCE\n", "\nREFERENCES\n"}) {
    EXPECT_NE(text.find(heading), std::string::npos) << heading;
  }
  for (const std::string& line : lines_of(text)) {
    const bool code = line.rfind("      ", 0) == 0;           // snippets are indented six columns
    const bool url = line.find("https://") != std::string::npos;  // a URL is never broken
    if (!code && !url) {
      EXPECT_LE(columns(line), static_cast<std::size_t>(kWidth)) << line;
    }
  }
  // A command is copied exactly as written in the article, however narrow the terminal.
  EXPECT_NE(text.find("\n      aws cloudtrail put-event-selectors --region us-east-1 --trail-name my-trail \\\n"),
            std::string::npos);
  // List items keep their markers and hang their continuation lines.
  EXPECT_NE(text.find("\n  - Basic selectors"), std::string::npos);
  EXPECT_NE(text.find("\n    1. Open the CloudTrail console"), std::string::npos);
}

TEST(RenderFormat, Names) {
  EXPECT_EQ(parse_render_format("TEXT"), RenderFormat::Text);
  EXPECT_EQ(parse_render_format("md"), RenderFormat::Markdown);
  EXPECT_EQ(parse_render_format("markdown"), RenderFormat::Markdown);
  EXPECT_EQ(parse_render_format("json"), RenderFormat::Json);
  EXPECT_EQ(parse_render_format("html"), std::nullopt);
}

}  // namespace
}  // namespace stance::kb
