#include "serve/html_report.hpp"

#include <gtest/gtest.h>

#include "history.hpp"

namespace stance::serve {
namespace {

TEST(HtmlReport, SelfContainedWithoutScriptOrLinks) {
  auto s = testing::scan({testing::finding("AuditTrail", "fail"), testing::finding("<script>x()</script>", "fail")},
                         "2024-05-01T10:00:00Z");
  s.id = 1;
  const std::string report = html_report(make_posture({testing::summary_of(s)}, {s}), "/tmp/h.db", "2024-05-02T00:00:00Z");
  EXPECT_EQ(report.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(report.find("<style>"), std::string::npos);
  EXPECT_NE(report.find("Content-Security-Policy"), std::string::npos);
  EXPECT_NE(report.find("<svg class=\"trend\""), std::string::npos);
  EXPECT_NE(report.find("AuditTrail"), std::string::npos);
  EXPECT_EQ(report.find("<script"), std::string::npos);
  EXPECT_EQ(report.find("href="), std::string::npos);  // nothing to follow, nothing to load
  EXPECT_EQ(report.find("src="), std::string::npos);
  EXPECT_NE(report.find("/tmp/h.db"), std::string::npos);
}

}  // namespace
}  // namespace stance::serve
