# Advanced data selector named "Management events": judged by its fields, so a real management selector
# is added (under another name).
resource "aws_cloudtrail" "misnamed" {
  name           = "misnamed"
  s3_bucket_name = "audit-logs"

  advanced_event_selector {
    name = "Management events"

    field_selector {
      field  = "eventCategory"
      equals = ["Data"]
    }

    field_selector {
      field  = "resources.type"
      equals = ["AWS::S3::Object"]
    }
  }
}
