# comment
// comment
/* block
   comment */
terraform {
  required_version = ">= 1.5"
}

resource "aws_cloudtrail" "main" {
  name                  = "trail-${var.env}"
  is_multi_region_trail = true
  event_selector {
    read_write_type = "All"
    data_resource { type = "AWS::S3::Object" }
  }
}
