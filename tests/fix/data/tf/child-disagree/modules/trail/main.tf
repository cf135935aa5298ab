variable "read_write_type" {
  type = string
}

resource "aws_cloudtrail" "this" {
  name           = "trail"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type = var.read_write_type
  }
}
