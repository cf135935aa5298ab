# CT-002 on Terraform: enable_log_file_validation defaults to false in the AWS provider, so a trail without it
# fails (the finding points at the resource). A resource with count = 0 does not exist and gets no
# finding; count and for_each give the addresses with [0] and ["key"].

resource "aws_cloudtrail" "explicit_true" {
  name                       = "explicit-true"
  s3_bucket_name             = "audit-logs"
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "explicit_false" {
  name                       = "explicit-false"
  s3_bucket_name             = "audit-logs"
  enable_log_file_validation = false
}

resource "aws_cloudtrail" "defaulted" {
  name           = "defaulted"
  s3_bucket_name = "audit-logs"
}

resource "aws_cloudtrail" "counted" {
  count                      = 1
  name                       = "counted"
  s3_bucket_name             = "audit-logs"
  enable_log_file_validation = false
}

resource "aws_cloudtrail" "per_key" {
  for_each                   = toset(["audit"])
  name                       = each.key
  s3_bucket_name             = "audit-logs"
  enable_log_file_validation = true
}

resource "aws_cloudtrail" "absent" {
  count                      = 0
  name                       = "absent"
  s3_bucket_name             = "audit-logs"
  enable_log_file_validation = false
}
