#include "serve/svg_chart.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "serve/html_escape.hpp"

namespace stance::serve {

namespace {

struct Series {
  const char* name;
  const char* css_class;
  int Counts::*member;
};

constexpr Series kSeries[] = {
    {"fail", "s-fail", &Counts::fail},
    {"pass", "s-pass", &Counts::pass},
    {"unknown", "s-unknown", &Counts::unknown},
};

// A ceiling for the y axis that gives round tick labels: 1, 2, 5 times a power of ten.
int nice_ceiling(int max) {
  if (max <= 0) return 1;
  int scale = 1;
  while (scale * 10 < max) scale *= 10;
  for (int m : {1, 2, 5, 10}) {
    if (m * scale >= max) return m * scale;
  }
  return 10 * scale;
}

// "2024-05-01T12:00:00Z" -> "2024-05-01 12:00".
std::string short_time(const std::string& iso) {
  if (iso.size() < 16) return iso;
  std::string out = iso.substr(0, 16);
  out[10] = ' ';
  return out;
}

}  // namespace

std::string trend_svg(const std::vector<TrendPoint>& points, int width, int height) {
  if (points.empty()) return "<p class=\"empty\">No scan is recorded yet.</p>\n";
  constexpr int kLeft = 48, kRight = 12, kTop = 12, kBottom = 40;
  const double plot_w = width - kLeft - kRight, plot_h = height - kTop - kBottom;
  int max = 0;
  for (const auto& p : points) {
    for (const auto& s : kSeries) max = std::max(max, p.counts.*s.member);
  }
  const int ceiling = nice_ceiling(max);
  auto x_of = [&](std::size_t i) {
    return points.size() == 1 ? kLeft + plot_w / 2
                              : kLeft + plot_w * static_cast<double>(i) / static_cast<double>(points.size() - 1);
  };
  auto y_of = [&](int v) { return kTop + plot_h - plot_h * v / ceiling; };

  std::string svg = fmt::format(
      "<svg class=\"trend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" "
      "aria-label=\"Findings after each scan\">\n",
      width, height);
  for (int tick : {0, ceiling / 2, ceiling}) {
    const double y = y_of(tick);
    svg += fmt::format("<line class=\"grid\" x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\"/>", kLeft, y, width - kRight, y);
    svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", kLeft - 6, y + 4, tick);
  }
  svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"start\">{}</text>", kLeft, height - kBottom + 16,
                     html(short_time(points.front().time)));
  if (points.size() > 1) {
    svg += fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", width - kRight,
                       height - kBottom + 16, html(short_time(points.back().time)));
  }
  svg += '\n';
  const bool mark_points = points.size() <= 60;
  int legend_x = kLeft;
  for (const auto& s : kSeries) {
    if (points.size() > 1) {
      svg += fmt::format("<polyline class=\"{}\" fill=\"none\" points=\"", s.css_class);
      for (std::size_t i = 0; i < points.size(); ++i) {
        svg += fmt::format("{}{:.1f},{:.1f}", i ? " " : "", x_of(i), y_of(points[i].counts.*s.member));
      }
      svg += "\"/>\n";
    }
    if (mark_points || points.size() == 1) {
      for (std::size_t i = 0; i < points.size(); ++i) {
        svg += fmt::format("<circle class=\"{}\" cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\"><title>{} scan #{}: {} {}</title></circle>",
                           s.css_class, x_of(i), y_of(points[i].counts.*s.member), html(points[i].time),
                           points[i].scan_id, points[i].counts.*s.member, s.name);
      }
      svg += '\n';
    }
    svg += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"10\" height=\"10\"/>"
                       "<text class=\"legend\" x=\"{}\" y=\"{}\">{}</text>\n",
                       s.css_class, legend_x, height - 14, legend_x + 14, height - 5, s.name);
    legend_x += 90;
  }
  svg += "</svg>\n";
  return svg;
}

}  // namespace stance::serve
