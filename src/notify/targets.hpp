// Where notifications go: a webhook (stance's JSON or Slack's shape), an SNS topic, or a command that reads
// the JSON on standard input. A target is kept in the outbox as text ("webhook:URL", "slack:URL",
// "sns:ARN", "exec:COMMAND"), so a restarted watcher delivers what an earlier one queued.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/aws_client.hpp"
#include "aws/http_client.hpp"
#include "kb/knowledge_base.hpp"
#include "store/record.hpp"

namespace stance::notify {

enum class TargetKind { Webhook, Slack, Sns, Exec };

struct Target {
  TargetKind kind = TargetKind::Webhook;
  std::string address;  // URL | topic ARN | command line
};

std::string to_text(const Target& target);
// nullopt for a text that is not a target.
std::optional<Target> parse_target(const std::string& text);

// "" when the value is usable for that kind, else why not (for the command line's checks).
std::string validate_target(const Target& target);

// Splits a command line into words: whitespace separates, '...' and "..." quote, \ escapes in "..." and
// outside quotes. No shell is involved: no variables, globs, pipes or redirections. nullopt: an unclosed quote.
std::optional<std::vector<std::string>> split_command(const std::string& command);

struct DeliveryResult {
  bool delivered = false;
  std::string error;  // why not
};

class Deliverer {
 public:
  // `aws`: for SNS (null: SNS targets fail with a reason). `http`: for webhooks.
  Deliverer(std::shared_ptr<stance::aws::HttpClient> http, std::shared_ptr<stance::aws::AwsClient> aws,
            const kb::KnowledgeBase& kb, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  DeliveryResult deliver(const store::Notification& notification);

 private:
  DeliveryResult webhook(const std::string& url, const std::string& body);
  DeliveryResult sns(const std::string& topic_arn, const store::Notification& n, const std::string& body);
  DeliveryResult exec(const std::string& command, const std::string& body);

  std::shared_ptr<stance::aws::HttpClient> http_;
  std::shared_ptr<stance::aws::AwsClient> aws_;
  const kb::KnowledgeBase& kb_;
  std::chrono::milliseconds timeout_;
};

}  // namespace stance::notify
