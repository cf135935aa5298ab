variable "name" {
  type = string
}

resource "aws_cloudtrail" "this" {
  name           = var.name
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type = "ReadOnly"
  }
}
