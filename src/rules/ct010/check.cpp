// STUB
#include "rules/ct010/check.hpp"
namespace stance::rules::ct010 {
engine::CheckOutcome check(const model::Trail& trail, const engine::RuleSettings&) { return {engine::Status::Unknown, "not implemented", trail.where}; }
}
