# stance:suppress CT-010 reason: this comment is not directly above a resource and suppresses nothing

# Data events only; management events come from the organization trail.
# stance:suppress CT-010 reason: management events are recorded by the organization trail
resource "aws_cloudtrail" "data_only" {
  name           = "data-only"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = false
  }
}

resource "aws_cloudtrail" "inside" {
  // stance:suppress CT-010, CT-011 reason: sandbox account, deleted weekly
  name           = "inside"
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = "ReadOnly"
  }
}

# stance:suppress CT-010
resource "aws_cloudtrail" "no_reason" {
  name           = "no-reason"
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = "WriteOnly"
  }
}
