#include "rules/common/conditions.hpp"

#include <vector>

namespace stance::rules {

namespace {

// How a reader of this source hears that a field was left out.
std::string absent(std::string_view name, model::SourceKind source) {
  return std::string(name) + (model::is_live(source) ? " is absent from the response" : " is not set");
}

std::string join_texts(std::span<const Condition> conditions) {
  std::string out;
  for (const auto& c : conditions) {
    if (!out.empty()) out += ", ";
    out += c.text;
  }
  return out;
}

}  // namespace

Condition unresolved(std::string_view name, const std::string& note, const model::Location& where, bool invalid) {
  Condition c;
  c.best = true;
  c.worst = false;
  c.text = std::string(name) + (invalid ? " is not valid" : " is not known");
  c.where = where;
  c.uncertain = Uncertainty{std::string(name), note, where, invalid};
  return c;
}

Condition field_is(const model::Trail& trail, const model::BoolField& field, bool wanted) {
  const model::Value<bool>& value = trail.*field.member;
  const std::string_view name = model::field_name(field.names, trail.source);
  if (!value.known()) return unresolved(name, value.note, value.where, value.is_invalid());
  const bool ok = *value == wanted;
  std::string text = std::string(name) + (*value ? " is true" : " is false");
  if (value.is_defaulted()) text = absent(name, trail.source) + (*value ? " (default true)" : " (default false)");
  return {ok, ok, std::move(text), value.where, std::nullopt};
}

Condition field_set(const model::Trail& trail, const model::StringField& field) {
  const model::Value<std::string>& value = trail.*field.member;
  const std::string_view name = model::field_name(field.names, trail.source);
  if (!value.known() && !value.refers_to.empty() && !value.is_invalid()) {
    return {true, true, std::string(name) + " refers to " + value.refers_to + ", declared in this configuration",
            value.where, std::nullopt};
  }
  if (value.is_invalid() || (!value.known() && value.provenance == model::Provenance::Unresolvable)) {
    return unresolved(name, value.note, value.where, value.is_invalid());
  }
  if (!value.known()) return {false, false, absent(name, trail.source), value.where, std::nullopt};
  if (value->empty()) return {false, false, std::string(name) + " is empty", value.where, std::nullopt};
  return {true, true, std::string(name) + " is set", value.where, std::nullopt};
}

Condition holds(bool value, std::string text, model::Location where) {
  return {value, value, std::move(text), std::move(where), std::nullopt};
}

CheckOutcome all_hold(std::span<const Condition> conditions, const model::Trail& trail, std::string_view passes,
                      std::string_view fails) {
  auto judge = [&](bool Condition::*bound) {
    for (const auto& c : conditions) {
      if (!(c.*bound)) {
        std::string message;
        message.reserve(fails.size() + 2 + c.text.size());
        message.append(fails).append(": ").append(c.text);
        return CheckOutcome{Status::Fail, std::move(message), c.where};
      }
    }
    const model::Location where = conditions.size() == 1 ? conditions.front().where : trail.where;
    std::string message(passes);
    message += " (";
    message += join_texts(conditions);
    message += ')';
    return CheckOutcome{Status::Pass, std::move(message), where};
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
