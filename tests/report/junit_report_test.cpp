// JUnit XML: the golden file, escaping that keeps the XML well-formed whatever a template contains, and
// the empty report.
#include <gtest/gtest.h>

#include "report/golden.hpp"
#include "report/report_fixture.hpp"

namespace stance::report::testing {
namespace {

std::string junit(const engine::ScanResult& result) {
  return render(Format::Junit, result, sample_knowledge_base(), fixed_options());
}

TEST(JunitReport, MatchesGolden) { expect_golden("report.junit.xml", junit(sample_scan())); }

TEST(JunitReport, NoCharacterXmlForbids) {
  engine::ScanResult result = sample_scan();
  const char raw[] = "nul\0 bell\a vt\v ff\f esc\x1b bad\xff fffe\xEF\xBF\xBE end";
  result.findings[1].message = std::string(raw, sizeof raw - 1);
  const std::string out = junit(result);
  for (char c : out) {
    const auto u = static_cast<unsigned char>(c);
    EXPECT_TRUE(u >= 0x20 || u == '\n' || u == '\t') << "byte " << int(u) << " in\n" << out;
  }
  EXPECT_NE(out.find("nul\\x00 bell\\x07 vt\\x0b ff\\x0c esc\\x1b bad\\xff fffe\\ufffe end"), std::string::npos)
      << out;
}

TEST(JunitReport, AttributesKeepNewlinesAsReferences) {
  const std::string out = junit(sample_scan());
  EXPECT_NE(out.find("without a default;&#10;the verdict"), std::string::npos) << out;
}

TEST(JunitReport, EmptyScan) {
  EXPECT_EQ(junit(engine::ScanResult{}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<testsuites name=\"stance 1.2.3\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\"/>\n");
}

}  // namespace
}  // namespace stance::report::testing
