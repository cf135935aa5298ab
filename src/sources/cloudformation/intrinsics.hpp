// The intrinsic-function evaluator. It resolves only the values it is asked for (the trails' properties
// and the conditions they depend on), never the whole template.
//
// Known values: parameters (Options over the template's Default), mappings, conditions, and the string
// functions on them. Unknown (with the reason): anything decided at deployment — GetAtt, ImportValue,
// GetAZs, Cidr, Refs to resources, pseudo parameters not given as parameters, parameters without a value.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/document.hpp"
#include "sources/cloudformation/cloudformation.hpp"
#include "sources/cloudformation/diagnostics.hpp"
#include "sources/cloudformation/resolved.hpp"
#include "sources/cloudformation/template.hpp"

namespace stance::sources::cloudformation {

class Evaluator {
 public:
  Evaluator(const Template& tmpl, const Options& options, Diagnostics& diag)
      : t_(tmpl), options_(options), diag_(diag) {}

  // A template value with its intrinsics applied; AWS::NoValue list items and mapping entries removed
  // (a value that is itself AWS::NoValue comes back as NoValue).
  Resolved resolve(const doc::Node& node);

  // A condition of the Conditions section, evaluated once. `used_at` positions "not defined" errors.
  struct Truth {
    std::optional<bool> value;  // nullopt = unknown before deployment
    std::string why;            // when unknown
  };
  Truth condition(const std::string& name, doc::Mark used_at);

 private:
  struct Call {
    std::string_view function;  // "Ref", "Condition", "Fn::If", ...
    const doc::Node* node;      // the whole call as written
    const doc::Node* arg;       // the argument (the node itself for a short-form tag)
    bool tagged;                // short form: the argument is `node` without its tag
  };
  enum class ConditionState { InProgress, Done };
  struct ConditionEntry {
    ConditionState state = ConditionState::InProgress;
    Truth truth;
  };

  std::optional<Call> as_call(const doc::Node& node) const;
  Resolved resolve_structure(const doc::Node& node);
  Resolved argument(const Call& call);
  Resolved invoke(const Call& call);
  Resolved fail(std::string message, doc::Mark mark);  // a ScanError, and Unknown for the value
  bool charge(std::size_t bytes, doc::Mark mark);      // false once the evaluation budget is spent

  // intrinsics.cpp
  Resolved ref(const std::string& name, doc::Mark mark);
  Resolved parameter(const std::string& name, const doc::Node& declaration, doc::Mark mark);
  Resolved find_in_map(const Call& call);
  Resolved deployment_only(const Call& call);
  // intrinsic_strings.cpp
  Resolved sub(const Call& call);
  Resolved sub_variable(const std::string& name, const Resolved* variables, doc::Mark mark);
  Resolved join(const Call& call);
  Resolved select(const Call& call);
  Resolved split(const Call& call);
  Resolved base64(const Call& call);
  // conditions.cpp
  Resolved fn_if(const Call& call);
  Resolved equals(const Call& call);
  Resolved logical(const Call& call);  // Fn::And, Fn::Or, Fn::Not
  Resolved condition_ref(const Call& call);
  Resolved truth_value(const Truth& truth, doc::Mark mark);

  const Template& t_;
  const Options& options_;
  Diagnostics& diag_;
  std::map<std::string, ConditionEntry, std::less<>> conditions_;
  std::vector<std::string> condition_stack_;  // for cycle messages
  int depth_ = 0;
  int condition_context_ = 0;  // > 0 while evaluating a condition: `{Condition: X}` is a function there
  std::size_t spent_ = 0;
  bool budget_reported_ = false;
};

// "true"/"false" in any letter case, as CloudFormation accepts them.
std::optional<bool> parse_bool(std::string_view text);

}  // namespace stance::sources::cloudformation
