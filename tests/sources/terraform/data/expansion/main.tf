# count, for_each (map and set), dynamic blocks (nested, with iterator), locals in dependency order, and
# expansions that are known only after apply (tests/sources/terraform/eval_expansion_test.cpp).

locals {
  # Uses a local declared after it: locals are evaluated in dependency order, not file order.
  regions      = local.base_regions
  base_regions = ["eu-west-1", "us-east-1"]
  trails = {
    audit       = { rw = "All" }
    "read-only" = { rw = "ReadOnly" }
  }
  selectors = [
    { rw = "ReadOnly", data = [{ type = "AWS::S3::Object", values = ["arn:aws:s3"] }] },
    { rw = "WriteOnly", data = [] },
  ]
  conditions = {
    eventCategory = ["Management"]
    readOnly      = ["false"]
  }
}

resource "aws_cloudtrail" "counted" {
  count          = 2
  name           = "trail-${count.index}-${local.regions[count.index]}"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "by_map" {
  for_each       = local.trails
  name           = each.key
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = each.value.rw
  }
}

resource "aws_cloudtrail" "by_set" {
  for_each       = toset(["x", "y"])
  name           = "set-${each.value}"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "dynamic_nested" {
  name           = "dynamic"
  s3_bucket_name = "logs"

  dynamic "event_selector" {
    for_each = local.selectors
    iterator = sel
    content {
      read_write_type = sel.value.rw
      dynamic "data_resource" {
        for_each = sel.value.data
        content {
          type   = data_resource.value.type
          values = data_resource.value.values
        }
      }
    }
  }
}

resource "aws_cloudtrail" "dynamic_advanced" {
  name           = "dynamic-advanced"
  s3_bucket_name = "logs"

  advanced_event_selector {
    name = "write management events"
    dynamic "field_selector" {
      for_each = local.conditions
      content {
        field  = field_selector.key
        equals = field_selector.value
      }
    }
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}

resource "aws_cloudtrail" "unknown_count" {
  count          = aws_s3_bucket.logs.id != "" ? 1 : 0
  name           = "maybe"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "unknown_for_each" {
  for_each       = aws_s3_bucket.logs.tags_all
  name           = each.key
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "unknown_dynamic" {
  name           = "unknown-dynamic"
  s3_bucket_name = "logs"

  dynamic "event_selector" {
    for_each = aws_s3_bucket.logs.tags_all
    content {
      read_write_type = "All"
    }
  }
}

resource "aws_cloudtrail" "zero" {
  count          = length(local.regions) - 2
  name           = "none"
  s3_bucket_name = "logs"
}
