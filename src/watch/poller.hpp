// Polls CloudTrail LookupEvents in one account and region for the watched events since its cursor: one
// query per event source (LookupEvents takes one lookup attribute), every page.
#pragma once

#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "watch/cursor.hpp"
#include "watch/events.hpp"

namespace stance::watch {

struct PollResult {
  std::vector<ChangeEvent> events;  // watched events not seen before, oldest first
  EventCursor cursor;               // advanced past every event seen (watched or not)
  std::string error;                // "cloudtrail:LookupEvents in REGION: CODE: message"; the cursor is then unchanged
};

PollResult poll_events(stance::aws::AwsClient& client, const std::string& account, const std::string& region,
                       const EventCursor& cursor);

}  // namespace stance::watch
