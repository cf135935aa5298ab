resource "aws_cloudtrail" "regional" {
  count          = 2
  name           = "regional-${count.index}"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type           = "All"
    include_management_events = false
  }
}

resource "aws_cloudtrail" "per_index" {
  count          = 2
  name           = "per-index-${count.index}"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type = count.index == 0 ? "ReadOnly" : "WriteOnly"
  }
}
