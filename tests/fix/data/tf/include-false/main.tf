# Data events for the audit bucket. Management events were turned off to save cost.
resource "aws_cloudtrail" "data_only" {
  name           = "data-only"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type           = "All"
    include_management_events = false # data events only (cost)

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }

  tags = {
    team = "platform" // kept as written
  }
}
