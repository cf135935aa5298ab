# CT-004: versioning with MFA delete, in the split resource and the legacy block.
resource "aws_s3_bucket" "mfa" {
  bucket = "mfa-trail-logs"
}

resource "aws_s3_bucket_versioning" "mfa" {
  bucket = aws_s3_bucket.mfa.id
  mfa    = "arn:aws:iam::111122223333:mfa/root-account-mfa-device 123456"
  versioning_configuration {
    status     = "Enabled"
    mfa_delete = "Enabled"
  }
}

resource "aws_s3_bucket" "no_mfa" {
  bucket = "no-mfa-trail-logs"
}

resource "aws_s3_bucket_versioning" "no_mfa" {
  bucket = aws_s3_bucket.no_mfa.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket" "suspended" {
  bucket = "suspended-trail-logs"
}

resource "aws_s3_bucket_versioning" "suspended" {
  bucket = aws_s3_bucket.suspended.id
  versioning_configuration {
    status     = "Suspended"
    mfa_delete = "Enabled"
  }
}

# Provider v3's inline block.
resource "aws_s3_bucket" "legacy" {
  bucket = "legacy-trail-logs"
  versioning {
    enabled    = true
    mfa_delete = true
  }
}

resource "aws_cloudtrail" "mfa" {
  name           = "mfa"
  s3_bucket_name = aws_s3_bucket.mfa.id
}

resource "aws_cloudtrail" "no_mfa" {
  name           = "no-mfa"
  s3_bucket_name = aws_s3_bucket.no_mfa.id
}

resource "aws_cloudtrail" "suspended" {
  name           = "suspended"
  s3_bucket_name = aws_s3_bucket.suspended.id
}

resource "aws_cloudtrail" "legacy" {
  name           = "legacy"
  s3_bucket_name = aws_s3_bucket.legacy.id
}
