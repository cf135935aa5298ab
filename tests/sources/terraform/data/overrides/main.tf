# Override files merged the way Terraform does (tests/sources/terraform/eval_overrides_test.cpp).
variable "management" {
  default = false
}

locals {
  owner = "base"
}

# override.tf replaces the event_selector blocks: pass, located in override.tf.
resource "aws_cloudtrail" "replaced_selectors" {
  name           = "replaced"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = false
  }
  event_selector {
    read_write_type = "ReadOnly"
  }
}

# override.tf changes only the name: the selectors here still decide (fail, located in main.tf).
resource "aws_cloudtrail" "renamed" {
  name           = "renamed"
  s3_bucket_name = "logs"
  tags           = { owner = local.owner }

  event_selector {
    include_management_events = false
  }
}

# x_override.tf sets count = 0: the trail does not exist.
resource "aws_cloudtrail" "removed" {
  name           = "removed"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = false
  }
}

# The variable's default is overridden to true in override.tf.json.
resource "aws_cloudtrail" "from_variable" {
  name           = "from-variable"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = var.management
  }
}
