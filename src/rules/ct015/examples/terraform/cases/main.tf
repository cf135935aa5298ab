# CT-015: enable_key_rotation of the trails' keys.
resource "aws_kms_key" "rotating" {
  enable_key_rotation = true
}

resource "aws_kms_key" "static" {
  description = "no rotation"
}

resource "aws_cloudtrail" "rotating" {
  name           = "rotating"
  s3_bucket_name = "logs"
  kms_key_id     = aws_kms_key.rotating.arn
}

resource "aws_cloudtrail" "static" {
  name           = "static"
  s3_bucket_name = "logs"
  kms_key_id     = aws_kms_key.static.arn
}

resource "aws_cloudtrail" "static_again" {
  name           = "static-again"
  s3_bucket_name = "logs"
  kms_key_id     = aws_kms_key.static.key_id
}

resource "aws_cloudtrail" "external" {
  name           = "external"
  s3_bucket_name = "logs"
  kms_key_id     = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}
