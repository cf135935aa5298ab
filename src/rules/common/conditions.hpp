// Conditions on a trail's fields, judged under both bounds (bounds.hpp), for rules that require fields to
// hold certain values: "log file validation is on", "a log group and a role are set". Each condition names
// its field as the source does (model/trail_fields.hpp), so a finding on a template says
// `EnableLogFileValidation` and one on a .tf file `enable_log_file_validation`.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "rules/rule.hpp"
#include "model/trail.hpp"
#include "model/trail_fields.hpp"
#include "rules/common/bounds.hpp"

namespace stance::rules {

struct Condition {
  bool best = true;   // holds when every unresolved value takes its most favourable possibility
  bool worst = true;  // holds when every unresolved value takes its least favourable one
  std::string text;   // what the source says: "EnableLogFileValidation is false", "KMSKeyId is not set"
  model::Location where;  // the attribute, or the resource when the value is a default
  std::optional<Uncertainty> uncertain;  // set when the value is unresolved or invalid
};

// The boolean field equals `wanted`. A default counts as the value it defaults to.
Condition field_is(const model::Trail& trail, const model::BoolField& field, bool wanted);

// The string field is set to a non-empty value.
Condition field_set(const model::Trail& trail, const model::StringField& field);

// A value that is not known (`invalid` false: unresolvable) or not legal (`invalid` true): it may hold or not,
// and it is named, with `note` saying why, if the verdict depends on it.
Condition unresolved(std::string_view name, const std::string& note, const model::Location& where, bool invalid);

// A condition on a value the rule computed itself (a delivery time, an error string).
Condition holds(bool value, std::string text, model::Location where);

// The trail passes when every condition holds. `passes` and `fails` are the rule's phrases ("log file
// validation is on" / "log file validation is off"); the message adds the deciding fields.
CheckOutcome all_hold(std::span<const Condition> conditions, const model::Trail& trail,
                              std::string_view passes, std::string_view fails);

}  // namespace stance::rules
