// What a notification says about one transition: the resource, the rule, the change (new / resolved /
// regressed), the knowledge-base title and the command that fixes it. Two shapes: stance's own JSON, and a
// Slack-compatible {"text", "blocks"} for --webhook-format slack. Every value from the scanned resource is
// escaped by the one JSON writer; nothing is interpolated into markup or a command line.
#pragma once

#include <string>

#include "kb/knowledge_base.hpp"
#include "store/record.hpp"

namespace stance::notify {

// "arn:aws:cloudtrail:REGION:..." -> REGION ("" when the text has no region field).
std::string arn_region(const std::string& arn);

// `stance fix --aws --region R --rule RULE` for a live resource, `stance fix --rule RULE --diff FILE` for a
// template's.
std::string fix_command(const store::Transition& t);

// {"schema_version":1,"notification_id":..,"change":"regressed","from":"pass","to":"fail","rule":{id,title,
//  severity},"resource":{type,id,name,location},"message":..,"fix":..,"scan_id":..,"time":..,"scope":..}
std::string json_message(const store::Notification& n, const kb::KnowledgeBase& kb);
// {"text": one line, "blocks": [section with mrkdwn, context with the fix command]}
std::string slack_message(const store::Notification& n, const kb::KnowledgeBase& kb);
// One line for people (SNS Subject, logs): "stance: CT-010 regressed on arn:..."
std::string summary_line(const store::Notification& n);

}  // namespace stance::notify
