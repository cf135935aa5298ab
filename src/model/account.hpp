// An AWS account that a live scan or a snapshot read: the subject of the account rules (CT-001, CT-006).
// Templates declare no account, so account rules give no finding there. No I/O here.
#pragma once

#include <string>
#include <vector>

#include "model/location.hpp"

namespace stance::model {

struct Account {
  std::string id;  // the 12-digit account ID
  Location where;  // the account's root ARN (arn:aws:iam::ID:root): where a reader acts on the finding
  // The trails that apply to the account, by ARN: its own and the organization trails seen from it. Each is
  // in the inventory once, however many accounts see it.
  std::vector<std::string> trail_arns;
  // Why the account's list of trails may be incomplete (ListTrails denied in a region, AssumeRole failed...):
  // an account rule that would fail for want of a trail reports `error` instead, because the trail it lacks
  // may be one that could not be listed.
  std::vector<std::string> unreadable;
};

}  // namespace stance::model
