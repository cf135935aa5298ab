# Every CT-010 case of ../shared/DESIGN.md section 2, one aws_cloudtrail per case. The resource name says the verdict
# expected; tests/sources/terraform/adapter_ct010_test.cpp checks each one.

variable "management" {
  type = bool # no default and no value: unknown
}

resource "aws_cloudtrail" "pass_no_selectors" {
  name           = "default-selector"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "pass_all_explicit" {
  name           = "explicit"
  s3_bucket_name = "logs"

  event_selector {
    read_write_type           = "All"
    include_management_events = true
  }
}

resource "aws_cloudtrail" "pass_include_absent" {
  name           = "include-absent"
  s3_bucket_name = "logs"

  event_selector {
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
}

resource "aws_cloudtrail" "fail_management_off" {
  name           = "data-only"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = false
    data_resource {
      type   = "AWS::Lambda::Function"
      values = ["arn:aws:lambda"]
    }
  }
}

resource "aws_cloudtrail" "fail_read_only" {
  name           = "read-only"
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = "ReadOnly"
  }
}

resource "aws_cloudtrail" "fail_write_only" {
  name           = "write-only"
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = "WriteOnly"
  }
}

resource "aws_cloudtrail" "pass_read_and_write_split" {
  name           = "split"
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = "ReadOnly"
  }
  event_selector {
    read_write_type = "WriteOnly"
  }
}

resource "aws_cloudtrail" "pass_kms_excluded" {
  name           = "no-kms"
  s3_bucket_name = "logs"

  event_selector {
    exclude_management_event_sources = ["kms.amazonaws.com"]
  }
}

resource "aws_cloudtrail" "pass_advanced_management" {
  name           = "advanced"
  s3_bucket_name = "logs"

  advanced_event_selector {
    name = "Log all management events"
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }
}

resource "aws_cloudtrail" "fail_advanced_data_only" {
  name           = "advanced-data"
  s3_bucket_name = "logs"

  # The name says management; the fields say data events. Only the fields count.
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

resource "aws_cloudtrail" "fail_advanced_read_only" {
  name           = "advanced-read"
  s3_bucket_name = "logs"

  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }
}

resource "aws_cloudtrail" "pass_advanced_read_and_write" {
  name           = "advanced-split"
  s3_bucket_name = "logs"

  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
    field_selector {
      field  = "readOnly"
      equals = ["true"]
    }
  }
  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
    field_selector {
      field      = "readOnly"
      not_equals = ["true"]
    }
  }
}

resource "aws_cloudtrail" "pass_advanced_rdsdata_excluded" {
  name           = "advanced-no-rdsdata"
  s3_bucket_name = "logs"

  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
    field_selector {
      field      = "eventSource"
      not_equals = ["rdsdata.amazonaws.com"]
    }
  }
}

resource "aws_cloudtrail" "fail_advanced_narrowed" {
  name           = "advanced-narrowed"
  s3_bucket_name = "logs"

  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
    field_selector {
      field  = "eventSource"
      equals = ["ec2.amazonaws.com"]
    }
  }
}

resource "aws_cloudtrail" "fail_advanced_category_starts_with" {
  name           = "advanced-starts-with"
  s3_bucket_name = "logs"

  advanced_event_selector {
    field_selector {
      field       = "eventCategory"
      starts_with = ["Data"]
    }
  }
}

resource "aws_cloudtrail" "unknown_include" {
  name           = "unknown"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = var.management
  }
}

# The KMS key is known only after apply, but it cannot change CT-010's verdict.
resource "aws_kms_key" "trail" {}

resource "aws_cloudtrail" "pass_unknown_irrelevant" {
  name           = "irrelevant-unknown"
  s3_bucket_name = "logs"
  kms_key_id     = aws_kms_key.trail.arn
}

resource "aws_cloudtrail" "pass_not_logging" {
  name           = "stopped"
  s3_bucket_name = "logs"
  enable_logging = false
}

resource "aws_cloudtrail" "gone" {
  count          = 0
  name           = "never-created"
  s3_bucket_name = "logs"
}

resource "aws_cloudtrail" "error_both_kinds" {
  name           = "both"
  s3_bucket_name = "logs"

  event_selector {
    read_write_type = "All"
  }
  advanced_event_selector {
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }
}
