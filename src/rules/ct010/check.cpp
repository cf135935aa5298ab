// CT-010's verdict from the trail's management coverage (coverage.cpp), with the message a person reads.
#include "rules/ct010/check.hpp"

#include <string>
#include <utility>

#include "rules/common/bounds.hpp"
#include "rules/ct010/coverage.hpp"

namespace stance::rules::ct010 {

namespace {


struct Settings {
  bool allow_excluded_sources = true;
  bool require_read_and_write = true;
};

bool recorded(const ScopeCoverage& s) { return s.level == Level::Full || s.level == Level::Excluded; }

std::string join(const std::set<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += ", ";
    out += v;
  }
  return out;
}

// Decides pass/fail for one fully-resolved coverage and explains it.
CheckOutcome judge(const Coverage& cov, const model::Trail& trail, const Settings& settings) {
  const ScopeCoverage& read = cov.read;
  const ScopeCoverage& write = cov.write;
  const bool read_ok = recorded(read);
  const bool write_ok = recorded(write);

  if (read.level == Level::None && write.level == Level::None) {
    return {Status::Fail, "records no management events: " + cov.none_reason, cov.none_where};
  }
  for (const ScopeCoverage* s : {&read, &write}) {
    if (s->level != Level::Narrowed) continue;
    const ScopeCoverage& other = s == &read ? write : read;
    if (recorded(*s) || (recorded(other) && !settings.require_read_and_write)) continue;
    const bool both = read.level == Level::Narrowed && write.level == Level::Narrowed && read.via == write.via;
    const std::string scope = both ? "" : (s == &read ? "read " : "write ");
    return {Status::Fail,
            scope + "management events are narrowed by " + s->narrowing + " in " + s->via +
                ", so only part of them are recorded (AWS accepts such conditions only on CloudTrail Lake event "
                "data stores, not on trails)",
            s->where};
  }
  if (settings.require_read_and_write && read_ok != write_ok) {
    const ScopeCoverage& have = read_ok ? read : write;
    const std::string only = read_ok ? "read" : "write";
    const std::string missing = read_ok ? "write events such as RunInstances and TerminateInstances"
                                        : "read events such as DescribeInstances";
    return {Status::Fail, "records only " + only + " management events (" + have.via + "); " + missing +
                              " are not recorded",
            have.where};
  }
  if (!read_ok && !write_ok) {  // e.g. require_read_and_write=false and both narrowed
    return {Status::Fail, "records management events only as narrowed by " + read.narrowing, read.where};
  }

  std::set<std::string> excluded;
  if (read_ok) excluded.insert(read.excluded.begin(), read.excluded.end());
  if (write_ok) excluded.insert(write.excluded.begin(), write.excluded.end());
  const ScopeCoverage& excluding = read.level == Level::Excluded ? read : write;
  if (!excluded.empty() && !settings.allow_excluded_sources) {
    return {Status::Fail,
            "excludes management events from " + join(excluded) +
                ", which the rule setting allow_excluded_sources=false does not allow",
            excluding.where};
  }

  std::string message;
  if (read_ok && write_ok) {
    message = read.via == write.via ? "records read and write management events (" + read.via + ")"
                                    : "records read management events (" + read.via + ") and write management "
                                      "events (" + write.via + ")";
  } else {
    message = std::string("records only ") + (read_ok ? "read" : "write") + " management events (" +
              (read_ok ? read.via : write.via) + "), which require_read_and_write=false allows";
  }
  if (!excluded.empty()) message += "; events from " + join(excluded) + " are excluded (allowed)";
  return {Status::Pass, message, trail.where};
}

// Context a person needs beyond the verdict: the logging state. (Who owns an organization trail is said by
// the evaluator, for every rule.)
std::string context_notes(const model::Trail& trail) {
  std::string notes;
  if (trail.is_logging.known() && !*trail.is_logging) {
    notes += "; note: the trail is not logging (IsLogging is false), so nothing is delivered until logging is "
             "started (judged by a separate rule)";
  }
  return notes;
}

}  // namespace

CheckOutcome check(const model::Trail& trail, const RuleSettings& rule_settings) {
  Settings settings;
  settings.allow_excluded_sources = rule_settings.flag("allow_excluded_sources", true);
  settings.require_read_and_write = rule_settings.flag("require_read_and_write", true);

  if (!trail.event_selectors.is_defaulted() && !trail.advanced_event_selectors.is_defaulted()) {
    return {Status::Error,
            "both EventSelectors and AdvancedEventSelectors are set; AWS accepts only one kind per trail",
            trail.advanced_event_selectors.where};
  }

  const Coverage best = compute_coverage(trail, Bound::Best);
  const Coverage worst = compute_coverage(trail, Bound::Worst);
  CheckOutcome best_outcome = judge(best, trail, settings);
  CheckOutcome worst_outcome = judge(worst, trail, settings);

  CheckOutcome outcome = decide(std::move(best_outcome), std::move(worst_outcome), worst.uncertain, trail.where,
                                 trail.source);
  outcome.message += context_notes(trail);
  if (outcome.location.empty()) outcome.location = trail.where;
  return outcome;
}

}  // namespace stance::rules::ct010
