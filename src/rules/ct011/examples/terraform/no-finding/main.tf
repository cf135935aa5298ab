# CT-011 reads GetTrailStatus, which exists only for a deployed trail: Terraform gives no CT-011 finding.

resource "aws_cloudtrail" "configured" {
  name           = "configured"
  s3_bucket_name = "audit-logs"
}
