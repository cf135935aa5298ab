resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type           = "All"
    include_management_events = var.record_management_events
  }
}
