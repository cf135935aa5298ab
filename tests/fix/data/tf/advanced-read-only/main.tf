resource "aws_cloudtrail" "management_reads" {
  name           = "management-reads"
  s3_bucket_name = "audit-logs"

  advanced_event_selector {
    name = "Management reads"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }

    # Only read events, to save cost.
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }
}
