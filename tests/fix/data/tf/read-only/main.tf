resource "aws_cloudtrail" "reads" {
  name                          = "reads-only"
  s3_bucket_name                = "audit-logs"
  include_global_service_events = true

  event_selector {
    read_write_type = "ReadOnly"
  }
}

resource "aws_cloudtrail" "writes" {
  name           = "writes-only"
  s3_bucket_name = "audit-logs"

  event_selector {
    include_management_events = true
    read_write_type           = "WriteOnly"
  }
}
