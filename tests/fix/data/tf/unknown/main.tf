# Whether management events are recorded is decided at deployment: nothing to edit before then.
variable "record_management_events" {
  type = bool
}

resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type           = "All"
    include_management_events = var.record_management_events
  }
}

# A remote module's outputs are not read.
module "settings" {
  source  = "app.terraform.io/example/trail-settings/aws"
  version = "1.0.0"
}

resource "aws_cloudtrail" "remote" {
  name           = "remote"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type = module.settings.read_write_type
  }
}
