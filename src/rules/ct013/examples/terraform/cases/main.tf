# CT-013: object_lock_enabled, aws_s3_bucket_object_lock_configuration (provider v5), the legacy block.
resource "aws_s3_bucket" "locked" {
  bucket              = "locked-trail-logs"
  object_lock_enabled = true
}

resource "aws_s3_bucket" "configured" {
  bucket = "configured-trail-logs"
}

resource "aws_s3_bucket_object_lock_configuration" "configured" {
  bucket = aws_s3_bucket.configured.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 365
    }
  }
}

resource "aws_s3_bucket" "legacy" {
  bucket = "legacy-trail-logs"
  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_s3_bucket" "unlocked" {
  bucket = "unlocked-trail-logs"
}

resource "aws_cloudtrail" "locked" {
  name           = "locked"
  s3_bucket_name = aws_s3_bucket.locked.id
}

resource "aws_cloudtrail" "configured" {
  name           = "configured"
  s3_bucket_name = aws_s3_bucket.configured.id
}

resource "aws_cloudtrail" "legacy" {
  name           = "legacy"
  s3_bucket_name = aws_s3_bucket.legacy.bucket
}

resource "aws_cloudtrail" "unlocked" {
  name           = "unlocked"
  s3_bucket_name = aws_s3_bucket.unlocked.id
}
