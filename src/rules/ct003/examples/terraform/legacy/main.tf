# CT-003: provider v3's inline arguments on aws_s3_bucket.
resource "aws_s3_bucket" "legacy_public" {
  bucket = "legacy-public-trail-logs"
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "legacy_public" {
  bucket             = aws_s3_bucket.legacy_public.id
  ignore_public_acls = false
}

resource "aws_cloudtrail" "legacy" {
  name           = "legacy"
  s3_bucket_name = aws_s3_bucket.legacy_public.id
}
