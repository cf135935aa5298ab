# CT-012 on Terraform: enable_logging defaults to true in the AWS provider, so a trail without it passes.
# A resource with count = 0 does not exist and gets no finding; count = 1 gives the address with [0].

resource "aws_cloudtrail" "pass_default" {
  name           = "pass-default"
  s3_bucket_name = "audit-logs"
}

resource "aws_cloudtrail" "pass_explicit" {
  name           = "pass-explicit"
  s3_bucket_name = "audit-logs"
  enable_logging = true
}

resource "aws_cloudtrail" "fail_stopped" {
  name           = "fail-stopped"
  s3_bucket_name = "audit-logs"
  enable_logging = false
}

resource "aws_cloudtrail" "counted" {
  count          = 1
  name           = "counted"
  s3_bucket_name = "audit-logs"
  enable_logging = false
}

resource "aws_cloudtrail" "absent" {
  count          = 0
  name           = "absent"
  s3_bucket_name = "audit-logs"
  enable_logging = false
}
