// stance watch --queue: the events an EventBridge rule (deploy/eventbridge.yaml) forwards to SQS, instead of
// polling LookupEvents. A message is deleted only after the rescan it caused is recorded, so a watcher killed
// in between sees it again (a second rescan of the same state, which derives no new transition).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/aws_client.hpp"
#include "watch/events.hpp"

namespace stance::watch {

struct QueueMessage {
  std::string receipt_handle;
  std::optional<ChangeEvent> event;  // nullopt: not a watched CloudTrail event (deleted without a rescan)
  std::string problem;               // why the body could not be read ("" when it could)
};

// An EventBridge "AWS API Call via CloudTrail" event (the message body) as a ChangeEvent, or nullopt when it
// is not one of the watched events; `problem` says why a body is unreadable.
std::optional<ChangeEvent> parse_eventbridge_event(std::string_view body, std::string& problem);

// "https://sqs.eu-west-1.amazonaws.com/111111111111/name" -> "eu-west-1"; "" when the host does not say.
std::string queue_region(const std::string& queue_url);

struct Received {
  std::vector<QueueMessage> messages;
  std::string error;  // "sqs:ReceiveMessage: CODE: message"
};

Received receive_messages(stance::aws::AwsClient& client, const std::string& region, const std::string& queue_url,
                          int wait_seconds);
// "" or the error.
std::string delete_message(stance::aws::AwsClient& client, const std::string& region, const std::string& queue_url,
                           const std::string& receipt_handle);

}  // namespace stance::watch
