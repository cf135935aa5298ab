// Every value a page shows comes from the history, and the history from scanned repositories and AWS
// accounts an attacker may control: a trail named `<script>` must show as text. One escaper for every page,
// the HTML report and the SVG chart.
#pragma once

#include <string>
#include <string_view>

namespace stance::serve {

// Text safe in an HTML text node and in a double- or single-quoted attribute value: & < > " ' become
// character references, and what a terminal would act on (controls, bidirectional overrides, bytes that are
// not UTF-8) is shown as a visible escape (text::printable), so a name cannot disguise itself on the page.
std::string html(std::string_view text);
void append_html(std::string& out, std::string_view text);

// The same for text of several lines (an article's prose, a snippet in <pre>): the line breaks stay line
// breaks; everything else is escaped as html() does.
std::string html_lines(std::string_view text);

// One query-string component: everything but A-Z a-z 0-9 - _ . ~ percent-encoded (UTF-8 bytes as they are).
std::string url_component(std::string_view text);

}  // namespace stance::serve
