# CT-005 on Terraform: include_global_service_events defaults to true in the AWS provider, so a trail without it
# passes (the finding points at the resource). A resource with count = 0 does not exist and gets no
# finding; count and for_each give the addresses with [0] and ["key"].

resource "aws_cloudtrail" "explicit_true" {
  name                          = "explicit-true"
  s3_bucket_name                = "audit-logs"
  include_global_service_events = true
}

resource "aws_cloudtrail" "explicit_false" {
  name                          = "explicit-false"
  s3_bucket_name                = "audit-logs"
  include_global_service_events = false
}

resource "aws_cloudtrail" "defaulted" {
  name           = "defaulted"
  s3_bucket_name = "audit-logs"
}

resource "aws_cloudtrail" "counted" {
  count                         = 1
  name                          = "counted"
  s3_bucket_name                = "audit-logs"
  include_global_service_events = false
}

resource "aws_cloudtrail" "per_key" {
  for_each                      = toset(["audit"])
  name                          = each.key
  s3_bucket_name                = "audit-logs"
  include_global_service_events = true
}

resource "aws_cloudtrail" "absent" {
  count                         = 0
  name                          = "absent"
  s3_bucket_name                = "audit-logs"
  include_global_service_events = false
}

resource "aws_cloudtrail" "multi_region_without_global_events" {
  name                          = "multi-region-without-global-events"
  s3_bucket_name                = "audit-logs"
  is_multi_region_trail         = true
  include_global_service_events = false
}
