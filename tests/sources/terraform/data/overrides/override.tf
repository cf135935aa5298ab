resource "aws_cloudtrail" "replaced_selectors" {
  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }
}

resource "aws_cloudtrail" "renamed" {
  name = "renamed-by-override"
}

locals {
  owner = "override"
}
