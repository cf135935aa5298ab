// The normalised CloudTrail trail. Every source (CloudFormation, Terraform, live AWS, snapshots) ends in
// an adapter that builds these; rules see nothing else. No I/O here.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/location.hpp"
#include "model/resource.hpp"
#include "model/value.hpp"

namespace stance::model {

enum class ReadWriteType { All, ReadOnly, WriteOnly };

struct DataResource {
  Location where;
  Value<std::string> type;                 // "AWS::S3::Object", "AWS::Lambda::Function", ...
  Value<std::vector<std::string>> values;  // ARNs or ARN prefixes
};

// A basic event selector (EventSelectors / event_selector).
struct EventSelector {
  Location where;  // the selector itself
  Value<bool> include_management_events;                       // default true
  Value<ReadWriteType> read_write_type;                        // default All
  Value<std::vector<std::string>> exclude_management_event_sources;  // default []
  std::vector<DataResource> data_resources;
};

enum class FieldOperator { Equals, NotEquals, StartsWith, NotStartsWith, EndsWith, NotEndsWith };

struct FieldCondition {
  Location where;
  FieldOperator op = FieldOperator::Equals;
  Value<std::vector<std::string>> values;
};

// One FieldSelector: a field name and one or more operator conditions on it (all must hold).
struct FieldSelector {
  Location where;
  Value<std::string> field;  // "eventCategory", "readOnly", "eventSource", "resources.type", ...
  std::vector<FieldCondition> conditions;
};

// An advanced event selector. Its Name is a label only and decides nothing.
struct AdvancedEventSelector {
  Location where;
  Value<std::string> name;
  std::vector<FieldSelector> field_selectors;  // all must match (AND)
};

struct Tag {
  std::string key;
  Value<std::string> value;
};

// A suppression written in the source next to the resource (CloudFormation Metadata, a Terraform
// comment). Sources reject suppressions without a reason before they get here.
struct InSourceSuppression {
  std::string rule_id;
  std::string reason;
  Location where;
};

// Something a reader of a finding must know beyond its verdict, said in the message of the trail's findings
// located at `where` (of every finding of the trail when `where` is empty): that a Terraform trail's number
// of instances is known only at apply, the module argument in another file that set a deciding value.
struct TrailNote {
  Location where;
  std::string text;
};

// The header (model/resource.hpp) holds the source, id, position, root module and owning account.
struct Trail : ResourceHeader {
  Trail() { resource_type = "AWS::CloudTrail::Trail"; }
  Value<std::string> name;

  // Selectors. Defaulted (absent) = AWS's default selector: all management events, read and write.
  // An Explicit empty list is "configured with no selectors" and records nothing.
  // When both are given the source reports it; AWS only ever stores one kind.
  Value<std::vector<EventSelector>> event_selectors;
  Value<std::vector<AdvancedEventSelector>> advanced_event_selectors;

  // Other properties, for CT-010's message and for the rest of the CloudTrail family.
  Value<bool> is_logging;
  Value<bool> is_multi_region;
  Value<bool> is_organization_trail;
  Value<bool> include_global_service_events;
  Value<bool> log_file_validation;
  Value<std::string> kms_key_id;
  Value<std::string> cloudwatch_logs_log_group_arn;
  Value<std::string> cloudwatch_logs_role_arn;
  Value<std::string> sns_topic;
  Value<std::string> s3_bucket_name;
  Value<std::string> s3_key_prefix;
  Value<std::vector<Tag>> tags;

  // The bucket S3BucketName names and the key KMSKeyId names, as the link pass resolved them in the unit.
  Reference log_bucket;
  Reference log_key;

  // Live AWS only: GetTrailStatus. An empty error string is "no error"; the times are seconds since the
  // epoch, and `status_read_at` is when GetTrailStatus answered, so that "delivered within the last 24 hours"
  // is judged against the moment of the read (a snapshot scanned later gives the same verdict).
  Value<std::string> latest_delivery_error;
  Value<std::string> latest_notification_error;
  Value<std::string> latest_digest_delivery_error;
  Value<double> latest_cloudwatch_logs_delivery_time;
  Value<std::string> latest_cloudwatch_logs_delivery_error;
  double status_read_at = 0;  // seconds since the epoch; 0 = unknown

  // Live AWS only.
  std::string arn;
  std::string home_region;
  std::string seen_from_account; // the account being scanned, when different (organization trails)

  std::vector<InSourceSuppression> suppressions;
  std::vector<TrailNote> notes;

  // Set when the source could not read this trail completely (AccessDenied on GetEventSelectors, throttled
  // past retries, a truncated response): every rule reports `error` with this message instead of judging
  // a partial configuration, so an unreadable trail never passes.
  std::string unreadable;
};

// Read from AWS (a live scan or a snapshot of one), not declared in a template: values may be missing from
// what was read, and GetTrailStatus' fields exist.
inline bool is_live(SourceKind kind) { return kind == SourceKind::Aws || kind == SourceKind::Snapshot; }

const char* to_string(ReadWriteType type);
const char* to_string(FieldOperator op);
const char* to_string(SourceKind kind);

}  // namespace stance::model
