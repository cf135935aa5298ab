// JUnit XML, the test-report format CI systems (GitLab, Jenkins, Azure DevOps, GitHub test reporters)
// display. One <testsuite> per rule, one <testcase> per finding: fail = <failure>, error = <error>,
// unknown and suppressed = <skipped>, pass = an empty testcase. Source errors are testcases with <error>
// in a suite of their own; warnings are listed in that suite's <system-err> without being testcases, so
// they do not change the test counts. With --framework, each framework is a suite of one testcase per
// control: fail = <failure>, error = <error>, pass = empty, manual and the other non-verdicts = <skipped>.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "report/report.hpp"
#include "report/support.hpp"

namespace stance::report {
namespace {

constexpr const char* kSourceErrorsSuite = "stance: source errors";

// XML 1.0 cannot carry most C0 control characters at all, not even as character references, nor
// U+FFFE/U+FFFF or invalid UTF-8: those are written as visible escapes (\x1b, \ufffe, \xff). In
// attributes, tab/newline/CR are written as references so attribute-value normalisation keeps them.
std::string xml_escape(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = detail::next_code_point(text, pos);
    char buf[12];
    if (cp == detail::kInvalidCodePoint) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(text[start]));
      out += buf;
      continue;
    }
    switch (cp) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += attribute ? "&quot;" : "\""; continue;
      case '\'': out += attribute ? "&apos;" : "'"; continue;
      case '\t': out += attribute ? "&#9;" : "\t"; continue;
      case '\n': out += attribute ? "&#10;" : "\n"; continue;
      case '\r': out += "&#13;"; continue;
      default: break;
    }
    if (cp < 0x20) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp == 0xFFFE || cp == 0xFFFF) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

std::string attr(std::string_view text) { return xml_escape(text, true); }
std::string body(std::string_view text) { return xml_escape(text, false); }

struct Tally {
  int tests = 0, failures = 0, errors = 0, skipped = 0;
  void add(const Tally& t) {
    tests += t.tests, failures += t.failures, errors += t.errors, skipped += t.skipped;
  }
};

std::string counts(const Tally& t) {
  return "tests=\"" + std::to_string(t.tests) + "\" failures=\"" + std::to_string(t.failures) +
         "\" errors=\"" + std::to_string(t.errors) + "\" skipped=\"" + std::to_string(t.skipped) + '"';
}

// file/line attributes (understood by GitLab and most JUnit consumers) for file locations.
std::string file_attributes(const model::Location& where) {
  if (!where.is_file()) return "";
  std::string out = " file=\"" + attr(where.file.view()) + '"';
  if (where.line > 0) out += " line=\"" + std::to_string(where.line) + '"';
  return out;
}

// Location on the first line, then the message: what a person reads in the CI's failure view.
std::string detail_text(const model::Location& where, std::string_view message) {
  const std::string at = model::to_string(where);
  return at.empty() ? std::string(message) : at + "\n" + std::string(message);
}

std::string suppression_text(const engine::Finding& f) {
  const engine::Suppression& s = *f.suppression;
  std::string text = std::string("suppressed ") + engine::to_string(f.status) + " (" + detail::describe(s.kind);
  const std::string at = model::to_string(s.where);
  if (!at.empty()) text += ", " + at;
  text += ")";
  if (!s.reason.empty()) text += ": " + s.reason;
  return text;
}

// Writes one finding's testcase into `xml` and counts it.
void testcase(std::string& xml, const engine::Finding& f, const std::string& rule_id, Tally& tally) {
  ++tally.tests;
  xml += "    <testcase classname=\"" + attr(rule_id) + "\" name=\"" + attr(f.resource.id) + '"' +
         file_attributes(f.location);
  std::string inner;
  if (detail::shown_as_suppressed(f)) {
    ++tally.skipped;
    inner = "      <skipped message=\"" + attr(suppression_text(f)) + "\">" +
            body(detail_text(f.location, f.message)) + "</skipped>\n";
  } else {
    switch (f.status) {
      case engine::Status::Fail:
        ++tally.failures;
        inner = "      <failure message=\"" + attr(f.message) + "\" type=\"" + engine::to_string(f.severity) +
                "\">" + body(detail_text(f.location, f.message)) + "</failure>\n";
        break;
      case engine::Status::Error:
        ++tally.errors;
        inner = "      <error message=\"" + attr(f.message) + "\" type=\"error\">" +
                body(detail_text(f.location, f.message)) + "</error>\n";
        break;
      case engine::Status::Unknown:
        ++tally.skipped;
        inner = "      <skipped message=\"" + attr("unknown: " + f.message) + "\">" +
                body(detail_text(f.location, f.message)) + "</skipped>\n";
        break;
      case engine::Status::Pass: break;
    }
  }
  xml += inner.empty() ? "/>\n" : ">\n" + inner + "    </testcase>\n";
}

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : ", ") + p;
  return out;
}

// "CT-001, CT-010: 1 fail, 2 pass" and the control's note: the body of a control's testcase, as in the
// text report.
std::string control_text(const engine::ControlSummary& c) {
  std::string counts;
  auto add = [&](int n, const char* word) {
    if (n > 0) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + ' ' + word;
  };
  add(c.fail, "fail"), add(c.error, "error"), add(c.unknown, "unknown"), add(c.pass, "pass");
  add(c.suppressed, "suppressed");
  // Without any finding the note names every rule and why it found nothing.
  if (counts.empty() && !c.note.empty()) return c.note;
  std::string text = join(c.rule_ids) + ": " + (counts.empty() ? "no findings" : counts);
  if (!c.note.empty()) text += "\n" + c.note;
  return text;
}

// One testcase per control of a --framework summary: fail = <failure>, error = <error>, pass = an empty
// testcase, and <skipped> for what is not a verdict (manual, no findings, unknown, suppressed).
void control_testcase(std::string& xml, const engine::FrameworkSummary& fw, const engine::ControlSummary& c,
                      Tally& tally) {
  ++tally.tests;
  xml += "    <testcase classname=\"" + attr(fw.id) + "\" name=\"" + attr(c.id + " " + c.title) + '"';
  const std::string text = c.rule_ids.empty() ? "" : body(control_text(c));
  auto skipped = [&](std::string_view why) {
    ++tally.skipped;
    return "      <skipped message=\"" + attr(why) + "\">" + text + "</skipped>\n";
  };
  std::string inner;
  switch (c.status) {
    case engine::ControlStatus::Pass: break;
    case engine::ControlStatus::Fail:
      ++tally.failures;
      inner = "      <failure message=\"" + attr("a mapped rule fails: " + join(c.rule_ids)) +
              "\" type=\"compliance\">" + text + "</failure>\n";
      break;
    case engine::ControlStatus::Error:
      ++tally.errors;
      inner = "      <error message=\"" + attr("a mapped rule could not judge a resource: " + join(c.rule_ids)) +
              "\" type=\"error\">" + text + "</error>\n";
      break;
    case engine::ControlStatus::Unknown:
      inner = skipped("unknown: a mapped rule's verdict depends on values known only when deployed");
      break;
    case engine::ControlStatus::Suppressed:
      inner = skipped("suppressed: each failing or unknown finding of the mapped rules is suppressed");
      break;
    case engine::ControlStatus::NoFindings: inner = skipped("no findings: the mapped rules had nothing to judge"); break;
    case engine::ControlStatus::Manual:
      ++tally.skipped;
      inner = "      <skipped message=\"manual: no rule covers this control; check it by hand\"/>\n";
      break;
  }
  xml += inner.empty() ? "/>\n" : ">\n" + inner + "    </testcase>\n";
}

std::string problem_text(const engine::ScanError& e) {
  std::string where = model::to_string(e.location);
  if (where.empty()) where = e.source;
  return where.empty() ? e.message : where + ": " + e.message;
}

}  // namespace

void write_junit(std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                 const Options& options) {
  // Suites are built first because <testsuites> carries the totals.
  std::string suites;
  Tally total;
  for (const std::string& rule_id : detail::rules_in_order(result.findings)) {
    const kb::Article* article = detail::find_article(kb, rule_id);
    const std::string id = article ? article->id : rule_id;
    std::string name = id;
    if (article && !article->title.empty()) name += ": " + article->title;
    Tally tally;
    std::string cases;
    for (const engine::Finding& f : result.findings) {
      if (detail::iequals(f.rule_id, rule_id)) testcase(cases, f, id, tally);
    }
    suites += "  <testsuite name=\"" + attr(name) + "\" " + counts(tally) + ">\n" + cases + "  </testsuite>\n";
    total.add(tally);
  }

  for (const engine::FrameworkSummary& fw : result.compliance) {
    Tally tally;
    std::string cases;
    for (const engine::ControlSummary& c : fw.controls) control_testcase(cases, fw, c, tally);
    suites += "  <testsuite name=\"" + attr("compliance: " + fw.name + " (" + fw.id + ")") + "\" " + counts(tally) +
              ">\n" + cases + "  </testsuite>\n";
    total.add(tally);
  }

  if (!result.errors.empty() || !result.warnings.empty()) {
    Tally tally;
    std::string cases;
    for (const engine::ScanError& e : result.errors) {
      ++tally.tests, ++tally.errors;
      cases += "    <testcase classname=\"stance\" name=\"" + attr(e.source.empty() ? "source" : e.source) + '"' +
               file_attributes(e.location) + ">\n      <error message=\"" + attr(e.message) +
               "\" type=\"source error\">" + body(problem_text(e)) + "</error>\n    </testcase>\n";
    }
    if (!result.warnings.empty()) {
      cases += "    <system-err>";
      for (const engine::ScanError& w : result.warnings) cases += body("warning: " + problem_text(w)) + "\n";
      cases += "</system-err>\n";
    }
    suites += "  <testsuite name=\"" + attr(kSourceErrorsSuite) + "\" " + counts(tally) + ">\n" + cases +
              "  </testsuite>\n";
    total.add(tally);
  }

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"stance " << attr(options.tool_version) << "\" " << counts(total);
  if (suites.empty()) {
    out << "/>\n";
  } else {
    out << ">\n" << suites << "</testsuites>\n";
  }
}

}  // namespace stance::report
