# CT-008: server access logging by aws_s3_bucket_logging (joined by reference or name) or the legacy block.
resource "aws_s3_bucket" "access_logs" {
  bucket = "access-logs"
}

resource "aws_s3_bucket" "logged" {
  bucket = "logged-trail-logs"
}

resource "aws_s3_bucket_logging" "logged" {
  bucket        = "logged-trail-logs"
  target_bucket = aws_s3_bucket.access_logs.id
  target_prefix = "cloudtrail/"
}

resource "aws_s3_bucket" "legacy" {
  bucket = "legacy-trail-logs"
  logging {
    target_bucket = "access-logs"
  }
}

resource "aws_s3_bucket" "unlogged" {
  bucket = "unlogged-trail-logs"
}

resource "aws_cloudtrail" "logged" {
  name           = "logged"
  s3_bucket_name = aws_s3_bucket.logged.id
}

resource "aws_cloudtrail" "legacy" {
  name           = "legacy"
  s3_bucket_name = aws_s3_bucket.legacy.id
}

resource "aws_cloudtrail" "unlogged" {
  name           = "unlogged"
  s3_bucket_name = aws_s3_bucket.unlogged.id
}
