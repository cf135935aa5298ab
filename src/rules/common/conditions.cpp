#include "rules/common/conditions.hpp"

#include <initializer_list>
#include <string_view>
#include <vector>

namespace stance::rules {

namespace {

// Texts joined in one allocation: every rule of every trail writes a few of these.
std::string concat(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (std::string_view part : parts) size += part.size();
  std::string out;
  out.reserve(size);
  for (std::string_view part : parts) out.append(part);
  return out;
}

// How a reader of this source hears that a field was left out.
std::string_view absent(model::SourceKind source) {
  return model::is_live(source) ? " is absent from the response" : " is not set";
}

// "passes (text, text)"
std::string passes_with(std::string_view passes, std::span<const Condition> conditions) {
  std::size_t size = passes.size() + 3;
  for (const auto& c : conditions) size += c.text.size() + 2;
  std::string out;
  out.reserve(size);
  out.append(passes).append(" (");
  for (std::size_t i = 0; i < conditions.size(); ++i) {
    if (i > 0) out.append(", ");
    out.append(conditions[i].text);
  }
  out.push_back(')');
  return out;
}

}  // namespace

Condition unresolved(std::string_view name, const std::string& note, const model::Location& where, bool invalid) {
  Condition c;
  c.best = true;
  c.worst = false;
  c.text = concat({name, invalid ? " is not valid" : " is not known"});
  c.where = where;
  c.uncertain = Uncertainty{std::string(name), note, where, invalid};
  return c;
}

Condition field_is(const model::Trail& trail, const model::BoolField& field, bool wanted) {
  const model::Value<bool>& value = trail.*field.member;
  const std::string_view name = model::field_name(field.names, trail.source);
  if (!value.known()) return unresolved(name, value.note, value.where, value.is_invalid());
  const bool ok = *value == wanted;
  std::string text = value.is_defaulted()
                         ? concat({name, absent(trail.source), *value ? " (default true)" : " (default false)"})
                         : concat({name, *value ? " is true" : " is false"});
  return {ok, ok, std::move(text), value.where, std::nullopt};
}

Condition field_set(const model::Trail& trail, const model::StringField& field) {
  const model::Value<std::string>& value = trail.*field.member;
  const std::string_view name = model::field_name(field.names, trail.source);
  if (!value.known() && !value.refers_to.empty() && !value.is_invalid()) {
    return {true, true, concat({name, " refers to ", value.refers_to, ", declared in this configuration"}),
            value.where, std::nullopt};
  }
  if (value.is_invalid() || (!value.known() && value.provenance == model::Provenance::Unresolvable)) {
    return unresolved(name, value.note, value.where, value.is_invalid());
  }
  if (!value.known()) return {false, false, concat({name, absent(trail.source)}), value.where, std::nullopt};
  if (value->empty()) return {false, false, concat({name, " is empty"}), value.where, std::nullopt};
  return {true, true, concat({name, " is set"}), value.where, std::nullopt};
}

Condition holds(bool value, std::string text, model::Location where) {
  return {value, value, std::move(text), std::move(where), std::nullopt};
}

CheckOutcome all_hold(std::span<const Condition> conditions, const model::Trail& trail, std::string_view passes,
                      std::string_view fails) {
  auto judge = [&](bool Condition::*bound) {
    for (const auto& c : conditions) {
      if (!(c.*bound)) return CheckOutcome{Status::Fail, concat({fails, ": ", c.text}), c.where};
    }
    const model::Location& where = conditions.size() == 1 ? conditions.front().where : trail.where;
    return CheckOutcome{Status::Pass, passes_with(passes, conditions), where};
  };
  // As decide() would choose, judging the best bound only when the worst does not pass (every rule of
  // every trail comes here, and most pass or fail whatever the unresolved values are).
  CheckOutcome worst = judge(&Condition::worst);
  if (worst.status == Status::Pass) return worst;
  CheckOutcome best = judge(&Condition::best);
  if (best.status == Status::Fail) return best;
  std::vector<Uncertainty> uncertain;
  for (const auto& c : conditions) {
    if (c.uncertain) uncertain.push_back(*c.uncertain);
  }
  return decide(std::move(best), std::move(worst), uncertain, trail.where, trail.source);
}

}  // namespace stance::rules
