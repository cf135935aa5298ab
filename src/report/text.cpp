// The text report, for people at a terminal: findings grouped by rule, then by resource; with --framework,
// a section per framework with each control's verdict; source errors and warnings with their locations;
// notes with -v; one summary line. Passes are hidden unless asked for but always counted. Everything taken
// from the input is made terminal-safe: a template must not be able to send escape sequences to the
// reader's terminal.
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "report/report.hpp"
#include "report/support.hpp"

namespace stance::report {
namespace {

constexpr int kStatusWidth = 10;  // strlen("SUPPRESSED")
constexpr std::size_t kMaxIdWidth = 32;  // the widest resource ID that sets the column
constexpr std::size_t kMaxWhereWidth = 48;  // the widest location that sets the column (terminal only)
const std::string kContinuation(2 + kStatusWidth + 2, ' ');

namespace ansi {
constexpr const char* kReset = "\x1b[0m";
constexpr const char* kBold = "\x1b[1m";
constexpr const char* kDim = "\x1b[2m";
constexpr const char* kRed = "\x1b[31m";
constexpr const char* kGreen = "\x1b[32m";
constexpr const char* kYellow = "\x1b[33m";
constexpr const char* kMagenta = "\x1b[35m";
constexpr const char* kCyan = "\x1b[36m";
}  // namespace ansi

// Control characters (C0 except tab and newline, DEL, C1) become visible escapes; so does invalid UTF-8.
// Newlines are kept: the caller indents continuation lines.
std::string terminal_safe(std::string_view text) {
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
    } else if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F) {
      std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(cp));
      out += buf;
    } else if (cp >= 0x80 && cp <= 0x9F) {
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
      out += buf;
    } else {
      out.append(text.substr(start, pos - start));
    }
  }
  return out;
}

// Multi-line text continues under the start of its column (by default the message column).
std::string indent_continuations(const std::string& text, const std::string& indent = kContinuation) {
  std::string out;
  for (char c : text) {
    out.push_back(c);
    if (c == '\n') out += indent;
  }
  return out;
}

// Columns a text takes on a terminal: one per code point (stance's own text and identifiers are neither
// wide nor combining; an approximation is enough to wrap by).
std::size_t display_width(std::string_view text) {
  std::size_t width = 0;
  for (std::size_t pos = 0; pos < text.size(); ++width) detail::next_code_point(text, pos);
  return width;
}

// Below this many columns left on the finding's line, its message starts on a line of its own.
constexpr std::size_t kMinMessageWidth = 24;

// `text` wrapped at spaces to fit `width` columns, its first line starting at `column` and the others under
// the message column (kContinuation). A word longer than a line is left whole rather than broken.
std::string wrap(const std::string& text, std::size_t column, std::size_t width) {
  std::string out;
  std::size_t at = column;
  const std::size_t indent = kContinuation.size();
  std::size_t line_start = at;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of(" \n", start);
    if (end == std::string::npos) end = text.size();
    const std::string_view word = std::string_view(text).substr(start, end - start);
    const std::size_t w = display_width(word);
    if (at > line_start && at + 1 + w > width) {
      out += '\n' + kContinuation;
      at = line_start = indent;
    } else if (at > line_start) {
      out += ' ';
      ++at;
    }
    out += word;
    at += w;
    if (end < text.size() && text[end] == '\n') {  // the message's own line breaks are kept
      out += '\n' + kContinuation;
      at = line_start = indent;
    }
    start = end + 1;
  }
  return out;
}

std::string plural(int n, const char* singular, const char* plural_form) {
  return std::to_string(n) + ' ' + (n == 1 ? singular : plural_form);
}

class Printer {
 public:
  Printer(std::ostream& out, const Options& options) : out_(out), options_(options) {}

  std::string paint(std::string_view text, const char* code) const {
    if (!options_.color || text.empty()) return std::string(text);
    return std::string(code) + std::string(text) + ansi::kReset;
  }

  // The status word in its colour, padded outside the colour codes so columns line up either way.
  std::string status_column(std::string_view word, const char* code) const {
    std::string padding(word.size() < kStatusWidth ? kStatusWidth - word.size() : 0, ' ');
    return paint(word, code) + padding;
  }

  void finding(const engine::Finding& f) {
    if (after_explanation_) out_ << '\n';  // an explanation is set off from the next finding
    after_explanation_ = false;
    std::string_view word;
    const char* code = ansi::kReset;
    if (detail::shown_as_suppressed(f)) {
      word = "SUPPRESSED", code = ansi::kCyan;
    } else {
      switch (f.status) {
        case engine::Status::Fail: word = "FAIL", code = ansi::kRed; break;
        case engine::Status::Unknown: word = "UNKNOWN", code = ansi::kYellow; break;
        case engine::Status::Error: word = "ERROR", code = ansi::kMagenta; break;
        case engine::Status::Pass: word = "PASS", code = ansi::kGreen; break;
      }
    }
    const std::string id = terminal_safe(f.resource.id);
    out_ << "  " << status_column(word, code) << "  " << id;
    std::size_t column = 2 + kStatusWidth + 2 + display_width(id);
    if (id.size() < id_width_) {
      out_ << std::string(id_width_ - id.size(), ' ');
      column += id_width_ - id.size();
    }
    // A cloud finding's location is usually the resource's own ARN: no need to print it twice.
    const std::string where = model::to_string(f.location);
    if (!where.empty() && where != f.resource.id) {
      const std::string shown = terminal_safe(where);
      out_ << "  " << paint(shown, ansi::kDim);
      column += 2 + display_width(shown);
      if (display_width(shown) < where_width_) {
        out_ << std::string(where_width_ - display_width(shown), ' ');
        column += where_width_ - display_width(shown);
      }
    }
    if (!f.message.empty()) {
      const std::string message = terminal_safe(f.message);
      const auto width = static_cast<std::size_t>(options_.width);
      if (options_.width <= 0) {
        out_ << "  " << indent_continuations(message);
      } else if (column + 2 + kMinMessageWidth > width) {
        // Too little room left on the line: the message gets lines of its own, under the message column.
        out_ << '\n' << kContinuation << wrap(message, kContinuation.size(), width);
      } else {
        out_ << "  " << wrap(message, column + 2, width);
      }
    }
    out_ << '\n';
    if (f.suppression) {
      const engine::Suppression& s = *f.suppression;
      // A suppressed pass or error keeps its status word (see shown_as_suppressed); say so neutrally.
      if (detail::shown_as_suppressed(f)) {
        out_ << kContinuation << "suppressed " << engine::to_string(f.status) << ", ";
      } else {
        out_ << kContinuation << "suppression (does not apply to " << engine::to_string(f.status) << "), ";
      }
      out_ << detail::describe(s.kind);
      const std::string at = model::to_string(s.where);
      if (!at.empty()) out_ << " (" << paint(terminal_safe(at), ansi::kDim) << ')';
      out_ << ": " << indent_continuations(terminal_safe(s.reason.empty() ? "no reason given" : s.reason))
           << '\n';
    }
    if (options_.explain) explanation(options_.explain(f));
  }

  // --explain: under the finding, in the message column, set off by blank lines (the one after it is written
  // before the next finding, so the section's own break does not double it).
  void explanation(const std::string& text) {
    if (text.empty()) return;
    out_ << '\n';
    std::size_t start = 0;
    const std::string safe = terminal_safe(text);
    while (start < safe.size()) {
      std::size_t end = safe.find('\n', start);
      if (end == std::string::npos) end = safe.size();
      if (end > start) out_ << kContinuation << std::string_view(safe).substr(start, end - start);
      out_ << '\n';
      start = end + 1;
    }
    after_explanation_ = true;
  }

  // Resource IDs are padded to this width so locations and messages start in one column.
  void set_id_width(std::size_t width) { id_width_ = width; }
  // On a terminal, locations are padded too, so that messages start in one column.
  void set_where_width(std::size_t width) { where_width_ = width; }

  void problem(std::string_view word, const char* code, const engine::ScanError& e) {
    std::string where = model::to_string(e.location);
    if (where.empty()) where = e.source;
    out_ << "  " << status_column(word, code) << "  " << paint(terminal_safe(where), ansi::kDim) << "  "
         << indent_continuations(terminal_safe(e.message)) << '\n';
  }

  // The severity the findings carry: the article's risk, or what .stance.yaml set it to (then said so).
  void rule_header(const std::string& rule_id, const kb::Article* article, engine::Severity severity) {
    std::string header = terminal_safe(rule_id);
    std::string risk = engine::to_string(severity);
    if (article) {
      if (!article->title.empty()) header += ' ' + terminal_safe(article->title);
      if (severity == article->risk) {
        risk = article->risk_label.empty() ? engine::to_string(article->risk) : terminal_safe(article->risk_label);
      } else {
        risk += ", set by the configuration";
      }
    }
    out_ << paint(header, ansi::kBold) << " (risk: " << risk << ")\n";
  }

 private:
  std::ostream& out_;
  const Options& options_;
  std::size_t id_width_ = 0;
  std::size_t where_width_ = 0;
  bool after_explanation_ = false;
};

// A control's status as the compliance section shows it: upper case in the control's line, lower case in
// the framework's totals.
const char* control_word(engine::ControlStatus status, bool upper) {
  switch (status) {
    case engine::ControlStatus::Pass: return upper ? "PASS" : "pass";
    case engine::ControlStatus::Fail: return upper ? "FAIL" : "fail";
    case engine::ControlStatus::Error: return upper ? "ERROR" : "error";
    case engine::ControlStatus::Unknown: return upper ? "UNKNOWN" : "unknown";
    case engine::ControlStatus::Suppressed: return upper ? "SUPPRESSED" : "suppressed";
    case engine::ControlStatus::NoFindings: return upper ? "NO FINDINGS" : "no findings";
    case engine::ControlStatus::Manual: return upper ? "MANUAL" : "manual";
  }
  return "?";
}

const char* control_colour(engine::ControlStatus status) {
  switch (status) {
    case engine::ControlStatus::Pass: return ansi::kGreen;
    case engine::ControlStatus::Fail: return ansi::kRed;
    case engine::ControlStatus::Error: return ansi::kMagenta;
    case engine::ControlStatus::Unknown: return ansi::kYellow;
    case engine::ControlStatus::Suppressed: return ansi::kCyan;
    case engine::ControlStatus::NoFindings:
    case engine::ControlStatus::Manual: return ansi::kDim;
  }
  return ansi::kReset;
}

bool visible(const engine::Finding& f, const Options& options) {
  return options.show_passed || f.status != engine::Status::Pass;
}

// A resource is its ID within its file (logical IDs repeat across templates) and Terraform root module
// (several roots may call one module), or its ARN.
std::string resource_key(const engine::Finding& f) {
  return f.resource.id + '\0' + (f.location.is_file() ? f.location.file : f.location.arn) + '\0' +
         f.resource.root_module;
}

int count_resources(const std::vector<engine::Finding>& findings) {
  std::set<std::string> keys;
  for (const engine::Finding& f : findings) keys.insert(resource_key(f));
  return static_cast<int>(keys.size());
}

std::string summary_line(const engine::ScanResult& result) {
  const detail::Counts counts = detail::count_findings(result.findings);
  std::string line;
  if (result.findings.empty()) {
    line = "no CloudTrail trails found in " + plural(result.files_scanned, "file", "files");
  } else {
    bool all_trails = true;
    for (const engine::Finding& f : result.findings) {
      all_trails = all_trails && (f.resource.type.empty() || f.resource.type == "AWS::CloudTrail::Trail");
    }
    const int resources = count_resources(result.findings);
    line = all_trails ? plural(resources, "trail", "trails") : plural(resources, "resource", "resources");
    line += " checked";
    if (result.files_scanned > 0) line += " in " + plural(result.files_scanned, "file", "files");
    // The JSON summary's numbers, in its order of urgency; a suppressed finding is in "suppressed" only.
    line += ": " + std::to_string(counts.fail) + " fail, " + std::to_string(counts.unknown) + " unknown, " +
            std::to_string(counts.pass) + " pass, " + std::to_string(counts.error) + " error";
    if (counts.suppressed > 0) line += ", " + std::to_string(counts.suppressed) + " suppressed";
  }
  if (!result.errors.empty() || !result.warnings.empty()) {
    line += "; " + plural(static_cast<int>(result.errors.size()), "source error", "source errors") + ", " +
            plural(static_cast<int>(result.warnings.size()), "warning", "warnings");
  }
  return line;
}

// On a terminal, what is left to fix by severity (unsuppressed fails, most urgent first): "failing by
// severity: 1 high, 3 medium" or "... none".
std::string severity_totals(const engine::ScanResult& result) {
  constexpr engine::Severity kOrder[] = {engine::Severity::Critical, engine::Severity::High, engine::Severity::Medium,
                                         engine::Severity::Low, engine::Severity::Info};
  std::string totals;
  for (engine::Severity severity : kOrder) {
    int n = 0;
    for (const engine::Finding& f : result.findings) {
      if (f.status == engine::Status::Fail && !detail::shown_as_suppressed(f) && f.severity == severity) ++n;
    }
    if (n > 0) totals += (totals.empty() ? "" : ", ") + std::to_string(n) + ' ' + engine::to_string(severity);
  }
  return "failing by severity: " + (totals.empty() ? std::string("none") : totals);
}

// --framework: one section per framework after the findings. A control per line (status, ID, title); under a
// control with rules, the rules with their findings counted, and the note naming rules that found nothing.
constexpr int kControlStatusWidth = 11;  // strlen("NO FINDINGS")
constexpr std::size_t kMaxControlIdWidth = 16;

std::string control_counts(const engine::ControlSummary& c) {
  std::string counts;
  auto add = [&](int n, const char* word) {
    if (n > 0) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + ' ' + word;
  };
  add(c.fail, "fail"), add(c.error, "error"), add(c.unknown, "unknown"), add(c.pass, "pass");
  add(c.suppressed, "suppressed");
  return counts.empty() ? "no findings" : counts;
}

void compliance_section(std::ostream& out, const Printer& p, const engine::FrameworkSummary& fw) {
  std::string totals;
  for (engine::ControlStatus status : detail::kControlStatuses) {
    if (const int n = fw.count(status); n > 0) {
      totals += (totals.empty() ? "" : ", ") + std::to_string(n) + ' ' + control_word(status, false);
    }
  }
  out << p.paint(terminal_safe(fw.name + " (" + fw.id + ")"), ansi::kBold) << ": "
      << plural(static_cast<int>(fw.controls.size()), "control", "controls") << (totals.empty() ? "" : ": ")
      << totals << '\n';
  std::size_t id_width = 0;
  for (const engine::ControlSummary& c : fw.controls) {
    if (c.id.size() <= kMaxControlIdWidth) id_width = std::max(id_width, display_width(c.id));
  }
  const std::string under(2 + kControlStatusWidth + 2, ' ');
  for (const engine::ControlSummary& c : fw.controls) {
    const std::string word = control_word(c.status, true);
    const std::string id = terminal_safe(c.id);
    out << "  " << p.paint(word, control_colour(c.status))
        << std::string(kControlStatusWidth - std::min<std::size_t>(word.size(), kControlStatusWidth), ' ') << "  "
        << id << std::string(id_width > display_width(id) ? id_width - display_width(id) : 0, ' ') << "  "
        << terminal_safe(c.title) << '\n';
    if (c.rule_ids.empty()) continue;
    std::string rules;
    for (const std::string& r : c.rule_ids) rules += (rules.empty() ? "" : ", ") + terminal_safe(r);
    // Without any finding the note names every rule and why it found nothing: no counts line to repeat it.
    const std::string counts = control_counts(c);
    if (counts != "no findings" || c.note.empty()) out << under << rules << ": " << counts << '\n';
    if (!c.note.empty()) {
      out << under << p.paint(indent_continuations(terminal_safe(c.note), under), ansi::kDim) << '\n';
    }
  }
}

}  // namespace

void write_text(std::ostream& out, const engine::ScanResult& result, const kb::KnowledgeBase& kb,
                const Options& options) {
  Printer p(out, options);
  bool first_section = true;
  auto section_break = [&] {
    if (!first_section) out << '\n';
    first_section = false;
  };

  for (const std::string& rule_id : detail::rules_in_order(result.findings)) {
    // The rule's findings in the engine's order, grouped by resource (first appearance wins). Linear in
    // the number of findings: large scans have thousands.
    std::vector<std::vector<const engine::Finding*>> groups;
    std::unordered_map<std::string, std::size_t> group_of;
    std::size_t id_width = 0;
    std::size_t where_width = 0;
    for (const engine::Finding& f : result.findings) {
      if (!detail::iequals(f.rule_id, rule_id) || !visible(f, options)) continue;
      auto [it, added] = group_of.try_emplace(resource_key(f), groups.size());
      if (added) groups.emplace_back();
      groups[it->second].push_back(&f);
      // Long IDs (ARNs, deep module paths) do not widen the column; they just push their own line.
      if (f.resource.id.size() <= kMaxIdWidth) id_width = std::max(id_width, f.resource.id.size());
      const std::string where = model::to_string(f.location);
      if (options.width > 0 && where != f.resource.id && where.size() <= kMaxWhereWidth) {
        where_width = std::max(where_width, display_width(where));
      }
    }
    if (groups.empty()) continue;  // only hidden passes
    section_break();
    p.rule_header(rule_id, detail::find_article(kb, rule_id), groups.front().front()->severity);
    p.set_id_width(id_width);
    p.set_where_width(where_width);
    for (const auto& group : groups) {
      for (const engine::Finding* f : group) p.finding(*f);
    }
  }

  for (const engine::FrameworkSummary& fw : result.compliance) {
    section_break();
    compliance_section(out, p, fw);
  }

  if (!result.errors.empty()) {
    section_break();
    out << p.paint("source errors", ansi::kBold) << '\n';
    for (const engine::ScanError& e : result.errors) p.problem("ERROR", ansi::kMagenta, e);
  }
  if (!result.warnings.empty()) {
    section_break();
    out << p.paint("warnings", ansi::kBold) << '\n';
    for (const engine::ScanError& w : result.warnings) p.problem("WARNING", ansi::kYellow, w);
  }
  if (options.verbose && !result.notes.empty()) {
    section_break();
    out << p.paint("notes", ansi::kBold) << '\n';
    for (const std::string& note : result.notes) {
      out << "  " << indent_continuations(terminal_safe(note), "  ") << '\n';
    }
  }

  section_break();
  out << summary_line(result) << '\n';
  if (options.width > 0) out << severity_totals(result) << '\n';
}

}  // namespace stance::report
