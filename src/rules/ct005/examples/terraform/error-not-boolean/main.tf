# "yes" is not a Terraform bool (Terraform converts only the strings "true" and "false"): an error,
# not a guess.

resource "aws_cloudtrail" "error_yes" {
  name                          = "error-yes"
  s3_bucket_name                = "audit-logs"
  include_global_service_events = "yes"
}
