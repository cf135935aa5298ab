variable "buckets" {
  type    = list(string)
  default = ["arn:aws:s3:::a/", "arn:aws:s3:::b/"]
}

variable "selectors" {
  default = {
    reads  = { include = false }
    writes = { include = false }
  }
}

# One selector per bucket; the literal in the content block is the same for every generated block.
resource "aws_cloudtrail" "per_bucket" {
  name           = "per-bucket"
  s3_bucket_name = "audit-logs"

  dynamic "event_selector" {
    for_each = var.buckets
    content {
      include_management_events = false

      data_resource {
        type   = "AWS::S3::Object"
        values = [event_selector.value]
      }
    }
  }
}

# The value comes from the for_each collection: not safe to change in the content block.
resource "aws_cloudtrail" "from_map" {
  name           = "from-map"
  s3_bucket_name = "audit-logs"

  dynamic "event_selector" {
    for_each = var.selectors
    iterator = sel
    content {
      include_management_events = sel.value.include
    }
  }
}
