# A trail module shared by several callers: each decides its selectors through the module's arguments.
variable "event_selectors" {
  type    = any
  default = []
}

variable "advanced_event_selectors" {
  type    = any
  default = []
}

resource "aws_cloudtrail" "this" {
  name           = "audit"
  s3_bucket_name = "audit-logs"

  dynamic "event_selector" {
    for_each = var.event_selectors
    content {
      read_write_type           = try(event_selector.value.read_write_type, "All")
      include_management_events = try(event_selector.value.include_management_events, true)
    }
  }

  dynamic "advanced_event_selector" {
    for_each = var.advanced_event_selectors
    content {
      name = try(advanced_event_selector.value.name, null)

      dynamic "field_selector" {
        for_each = try(advanced_event_selector.value.field_selectors, [])
        content {
          field       = try(field_selector.value.field, null)
          equals      = try(field_selector.value.equals, null)
          starts_with = try(field_selector.value.starts_with, null)
        }
      }
    }
  }
}
