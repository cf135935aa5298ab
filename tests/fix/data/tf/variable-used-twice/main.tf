resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type           = var.read_write_type
    include_management_events = true
  }
}

output "read_write_type" {
  value = var.read_write_type
}
