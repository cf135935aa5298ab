// The Conditions section and Fn::If: condition functions evaluate to "true"/"false" scalars, or Unknown
// when they depend on a value known only at deployment. Each condition is evaluated once; cycles are
// errors.
#include "sources/cloudformation/intrinsics.hpp"
#include "sources/cloudformation/text_functions.hpp"

namespace stance::sources::cloudformation {

namespace {

struct ContextGuard {
  explicit ContextGuard(int& counter) : counter_(counter) { ++counter_; }
  ~ContextGuard() { --counter_; }
  ContextGuard(const ContextGuard&) = delete;
  ContextGuard& operator=(const ContextGuard&) = delete;
  int& counter_;
};

}  // namespace

Evaluator::Truth Evaluator::condition(const std::string& name, doc::Mark used_at) {
  if (auto it = conditions_.find(name); it != conditions_.end()) {
    if (it->second.state == ConditionState::Done) return it->second.truth;
    std::string cycle;
    for (const auto& c : condition_stack_) cycle += c + " -> ";
    diag_.error("circular condition: " + cycle + name, used_at);
    return Truth{std::nullopt, "circular condition " + name};
  }
  const doc::Node* definition = t_.conditions ? t_.conditions->get(name) : nullptr;
  if (!definition) {
    diag_.error("condition " + name + " is not defined in Conditions", used_at);
    Truth unknown{std::nullopt, "condition " + name + " is not defined"};
    conditions_[name] = ConditionEntry{ConditionState::Done, unknown};
    return unknown;
  }

  conditions_[name] = ConditionEntry{};
  condition_stack_.push_back(name);
  Resolved value;
  {
    ContextGuard in_condition(condition_context_);
    value = resolve(*definition);
  }
  condition_stack_.pop_back();

  Truth truth;
  if (value.is_unknown()) {
    truth.why = value.text;
  } else if (value.is_scalar() && parse_bool(value.text)) {
    truth.value = parse_bool(value.text);
  } else {
    diag_.error("condition " + name + " must be built from Fn::Equals, Fn::And, Fn::Or, Fn::Not or Condition",
                definition->mark);
    truth.why = "condition " + name + " is not a condition function";
  }
  conditions_[name] = ConditionEntry{ConditionState::Done, truth};
  return truth;
}

Resolved Evaluator::truth_value(const Truth& truth, doc::Mark mark) {
  if (!truth.value) return Resolved::unknown(truth.why, mark);
  return Resolved::scalar(*truth.value ? "true" : "false", mark);
}

Resolved Evaluator::condition_ref(const Call& call) {
  Resolved name = argument(call);
  if (name.is_unknown()) return name;
  if (!name.is_scalar() || name.text.empty())
    return fail("Condition expects the name of a condition", call.node->mark);
  return truth_value(condition(name.text, call.node->mark), call.node->mark);
}

Resolved Evaluator::equals(const Call& call) {
  const doc::Mark mark = call.node->mark;
  Resolved args = argument(call);
  if (args.is_unknown()) return args;
  if (!args.is(Resolved::Kind::List) || args.items.size() != 2)
    return fail("Fn::Equals expects [value, value]", mark);
  for (const auto& side : args.items) {
    if (const Resolved* u = find_unknown(side)) return Resolved::unknown(u->text, mark);
  }
  return Resolved::scalar(same_value(args.items[0], args.items[1]) ? "true" : "false", mark);
}

Resolved Evaluator::logical(const Call& call) {
  const doc::Mark mark = call.node->mark;
  const std::string f(call.function);
  Resolved args;
  {
    // `{"Condition": "Name"}` is a function inside Fn::And / Fn::Or / Fn::Not.
    ContextGuard in_condition(condition_context_);
    args = argument(call);
  }
  if (args.is_unknown()) return args;
  if (!args.is(Resolved::Kind::List) || args.items.empty())
    return fail(f + " expects a list of conditions", mark);
  if (f == "Fn::Not" && args.items.size() != 1) return fail("Fn::Not expects exactly one condition", mark);

  // Fn::And is false as soon as one operand is false, Fn::Or true as soon as one is true, whatever the
  // unknown operands turn out to be.
  const bool is_or = f == "Fn::Or";
  std::optional<std::string> unknown;
  for (const auto& operand : args.items) {
    if (operand.is_unknown()) {
      if (!unknown) unknown = operand.text;
      continue;
    }
    std::optional<bool> b = operand.is_scalar() ? parse_bool(operand.text) : std::nullopt;
    if (!b) return fail(f + ": every operand must be a condition", operand.mark);
    if (f == "Fn::Not") return Resolved::scalar(*b ? "false" : "true", mark);
    if (*b == is_or) return Resolved::scalar(is_or ? "true" : "false", mark);
  }
  if (unknown) return Resolved::unknown(*unknown, mark);
  return Resolved::scalar(is_or ? "false" : "true", mark);
}

Resolved Evaluator::fn_if(const Call& call) {
  const doc::Mark mark = call.node->mark;
  const doc::Node& arg = *call.arg;
  if (!arg.is_sequence() || arg.items.size() != 3 || !arg.items[0]->is_scalar() ||
      !arg.items[0]->tag.empty()) {
    return fail("Fn::If expects [ConditionName, value if true, value if false]", mark);
  }
  const std::string& name = arg.items[0]->text;
  const Truth truth = condition(name, arg.items[0]->mark);
  if (truth.value) {
    Resolved out = resolve(*arg.items[*truth.value ? 1 : 2]);
    if (out.origin.empty()) out.origin = "condition " + name;
    return out;
  }
  // Unknown condition: the value is still known when both branches agree.
  Resolved when_true = resolve(*arg.items[1]);
  Resolved when_false = resolve(*arg.items[2]);
  if (same_value(when_true, when_false)) return when_true;
  return Resolved::unknown("depends on condition " + name + " (" + truth.why + ")", mark);
}

}  // namespace stance::sources::cloudformation
