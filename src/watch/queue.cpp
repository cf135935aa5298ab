#include "watch/queue.hpp"

#include <simdjson.h>

#include "common/json_writer.hpp"
#include "store/time.hpp"

namespace stance::watch {

namespace {

std::string text_of(simdjson::dom::element object, std::string_view key) {
  std::string_view value;
  if (object.is_object() && !object[key].get(value)) return std::string(value);
  return "";
}

}  // namespace

std::optional<ChangeEvent> parse_eventbridge_event(std::string_view body, std::string& problem) {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(body.data(), body.size()).get(doc) || !doc.is_object()) {
    problem = "the message is not a JSON object";
    return std::nullopt;
  }
  simdjson::dom::element detail;
  if (doc["detail"].get(detail) || !detail.is_object()) {
    problem = "the message has no EventBridge detail";
    return std::nullopt;
  }
  ChangeEvent event;
  event.name = text_of(detail, "eventName");
  auto target = watched_event(event.name);
  if (!target) return std::nullopt;
  event.target = *target;
  event.id = text_of(detail, "eventID");
  event.account = text_of(detail, "recipientAccountId");
  if (event.account.empty()) event.account = text_of(doc, "account");
  event.region = text_of(detail, "awsRegion");
  if (event.region.empty()) event.region = text_of(doc, "region");
  if (auto t = store::parse_iso_utc(text_of(detail, "eventTime"))) event.time = *t;
  if (event.account.empty() || event.region.empty()) {
    problem = event.name + ": the event names no account or region";
    return std::nullopt;
  }
  simdjson::dom::element parameters;
  if (!detail["requestParameters"].get(parameters) && parameters.is_object()) {
    switch (event.target) {
      case EventTarget::Trail:
        event.resource = text_of(parameters, "trailName");
        if (event.resource.empty()) event.resource = text_of(parameters, "name");
        break;
      case EventTarget::Bucket: event.resource = text_of(parameters, "bucketName"); break;
      case EventTarget::Key: event.resource = text_of(parameters, "keyId"); break;
    }
  }
  return event;
}

std::string queue_region(const std::string& queue_url) {
  auto start = queue_url.find("://");
  if (start == std::string::npos) return "";
  start += 3;
  if (queue_url.compare(start, 4, "sqs.") != 0) return "";
  auto end = queue_url.find('.', start + 4);
  return end == std::string::npos ? "" : queue_url.substr(start + 4, end - start - 4);
}

Received receive_messages(stance::aws::AwsClient& client, const std::string& region, const std::string& queue_url,
                          int wait_seconds) {
  Received out;
  const std::string body = "{\"QueueUrl\":" + json::quoted(queue_url) +
                           ",\"MaxNumberOfMessages\":10,\"WaitTimeSeconds\":" + std::to_string(wait_seconds) + "}";
  auto response = client.call_json("sqs", region, "ReceiveMessage", body);
  if (!response.ok()) {
    out.error = "sqs:ReceiveMessage: " + response.error->code + ": " + response.error->message;
    return out;
  }
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(response.body).get(doc) || !doc.is_object()) {
    out.error = "sqs:ReceiveMessage: the response is not a JSON object";
    return out;
  }
  simdjson::dom::array messages;
  if (doc["Messages"].get(messages)) return out;  // no message: AWS leaves the list out
  for (simdjson::dom::element m : messages) {
    QueueMessage message;
    message.receipt_handle = text_of(m, "ReceiptHandle");
    if (message.receipt_handle.empty()) continue;
    message.event = parse_eventbridge_event(text_of(m, "Body"), message.problem);
    out.messages.push_back(std::move(message));
  }
  return out;
}

std::string delete_message(stance::aws::AwsClient& client, const std::string& region, const std::string& queue_url,
                           const std::string& receipt_handle) {
  const std::string body = "{\"QueueUrl\":" + json::quoted(queue_url) + ",\"ReceiptHandle\":" + json::quoted(receipt_handle) + "}";
  auto response = client.call_json("sqs", region, "DeleteMessage", body);
  if (response.ok()) return "";
  return "sqs:DeleteMessage: " + response.error->code + ": " + response.error->message;
}

}  // namespace stance::watch
