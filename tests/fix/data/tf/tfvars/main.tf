variable "management_events" {
  type    = bool
  default = true
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "audit-logs"

  event_selector {
    include_management_events = var.management_events
  }
}
