// The per-control summary of a compliance framework (`scan --framework ID`, like Prowler's --compliance):
// each control of the framework gets one verdict from the findings of the rules mapped to it. This is a
// decision, so it lives in the engine; every report format renders the result as it is.
#pragma once

#include <vector>

#include "engine/finding.hpp"
#include "kb/frameworks.hpp"

namespace stance::engine {

// A control's verdict from its mapped rules' findings, most urgent first: fail (an unsuppressed fail),
// error, unknown (unsuppressed), pass (at least one pass), suppressed (only suppressed fails/unknowns),
// no findings (the rules had no subject). `mapped` false = manual, whatever the findings.
ControlStatus control_status(bool mapped, const std::vector<const Finding*>& findings);

// Every control of `framework`, in its order, with its verdict, mapped rules, counts and a note naming the
// mapped rules that produced no finding and why. Rule IDs are matched case-insensitively, as
// frameworks.yaml may spell them. A mapping that covers only part of a control is not marked: the
// framework data carries no such flag.
FrameworkSummary summarize(const kb::Framework& framework, const std::vector<Finding>& findings);

}  // namespace stance::engine
