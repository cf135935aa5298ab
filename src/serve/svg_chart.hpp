// The trend chart: the failing, passing and unknown counts after each scan, drawn as inline SVG by our own
// code (no chart library, no script, no network), so it renders the same in the dashboard and in the
// self-contained HTML report. Colours come from CSS classes on the page (no style attributes: the
// dashboard's Content-Security-Policy allows no inline style).
#pragma once

#include <string>
#include <vector>

#include "serve/posture.hpp"

namespace stance::serve {

// An <svg> element `width` x `height` (viewBox units) with a labelled y axis, the first and last scan's
// dates on the x axis, one polyline per series and a point with a <title> tooltip per scan while there are
// few enough to tell apart. With no points: a <p> saying that no scan is recorded.
std::string trend_svg(const std::vector<TrendPoint>& points, int width = 760, int height = 240);

}  // namespace stance::serve
