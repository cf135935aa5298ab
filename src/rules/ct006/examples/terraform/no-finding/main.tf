# CT-006 is an account rule, judged from live reads and snapshots only: Terraform gives no CT-006 finding.

resource "aws_cloudtrail" "configured" {
  name                  = "configured"
  s3_bucket_name        = "audit-logs"
  is_multi_region_trail = true
}
