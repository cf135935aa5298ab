// What the account rules share: the trails that apply to an account, and how to say that some of them (or
// some of the account's regions) could not be read.
#pragma once

#include <string>
#include <vector>

#include "model/inventory.hpp"

namespace stance::rules {

// The account's trails found in the inventory, sorted by ARN.
std::vector<const model::Trail*> trails_of(const model::Account& account, const model::Inventory& inventory);

// "arn:...:trail/x" for a trail of the account, with the owner when it is an organization trail of another
// account.
std::string trail_label(const model::Trail& trail, const model::Account& account);

// "; the trails of some regions could not be listed (...)" when the account's list may be incomplete.
std::string unlisted(const model::Account& account);

}  // namespace stance::rules
