#include "serve/svg_chart.hpp"

#include <gtest/gtest.h>

namespace stance::serve {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SvgChart, NoPointsSaysSo) {
  EXPECT_EQ(trend_svg({}).find("<svg"), std::string::npos);
  EXPECT_NE(trend_svg({}).find("No scan"), std::string::npos);
}

TEST(SvgChart, OneLinePerSeriesAndOneMarkPerScan) {
  std::vector<TrendPoint> points = {{"2024-05-01T10:00:00Z", 1, {.pass = 1, .fail = 4}},
                                    {"2024-05-02T10:00:00Z", 2, {.pass = 3, .fail = 2}},
                                    {"2024-05-03T10:00:00Z", 3, {.pass = 5, .fail = 0}}};
  const std::string svg = trend_svg(points);
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(count(svg, "<polyline"), 3u);
  EXPECT_EQ(count(svg, "<circle"), 9u);
  EXPECT_NE(svg.find("2024-05-01 10:00"), std::string::npos);  // first and last dates on the x axis
  EXPECT_NE(svg.find("2024-05-03 10:00"), std::string::npos);
  EXPECT_NE(svg.find("scan #2: 2 fail"), std::string::npos);
  // The highest value (4) sits at the top of a round axis (5).
  EXPECT_NE(svg.find(">5</text>"), std::string::npos);
  // No style attribute: the dashboard's Content-Security-Policy would block it.
  EXPECT_EQ(svg.find("style="), std::string::npos);
}

TEST(SvgChart, TimesAreEscaped) {
  const std::string svg = trend_svg({{"<script>x</script>", 1, {}}});
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script"), std::string::npos);
}

}  // namespace
}  // namespace stance::serve
