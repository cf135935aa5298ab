locals {
  trails = {
    a = { rw = "ReadOnly" }
    b = { rw = "All" }
  }
  # Read twice (for_each here and the output below): its entries are left alone.
  shared = {
    c = { rw = "WriteOnly" }
  }
}

variable "regional" {
  default = {
    "eu-west-1" = {
      rw      = "WriteOnly"
      include = false
    }
  }
}

resource "aws_cloudtrail" "from_local" {
  for_each       = local.trails
  name           = each.key
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type = each.value.rw
  }
}

resource "aws_cloudtrail" "from_variable" {
  for_each       = var.regional
  name           = each.key
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type           = each.value.rw
    include_management_events = each.value.include
  }
}

resource "aws_cloudtrail" "shared" {
  for_each       = local.shared
  name           = each.key
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type = each.value.rw
  }
}

output "shared" {
  value = local.shared
}
