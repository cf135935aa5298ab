variable "trail_name" {
  type = string
}

variable "read_write" {
  type    = string
  default = "All"
}

resource "aws_cloudtrail" "this" {
  name           = var.trail_name
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = var.read_write
  }
}

output "copied_name" {
  value = "${var.trail_name}-copy"
}
