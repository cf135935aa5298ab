locals {
  trail_name = "main"
  scope      = "WriteOnly" # writes are what matter
}

resource "aws_cloudtrail" "main" {
  name           = local.trail_name
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type = local.scope
  }
}
