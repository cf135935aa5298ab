# CT-007 on Terraform: kms_key_id has no default in the AWS provider; a trail without it (or with null or an
# empty string) has only S3's default encryption and fails. A reference to a declared aws_kms_key is a key,
# even though its ARN is known only after apply.

resource "aws_kms_key" "trail" {
  description         = "Encrypts the CloudTrail log files"
  enable_key_rotation = true
}

resource "aws_cloudtrail" "declared_key" {
  name           = "declared-key"
  s3_bucket_name = "audit-logs"
  kms_key_id     = aws_kms_key.trail.arn
}

resource "aws_cloudtrail" "literal_key" {
  name           = "literal-key"
  s3_bucket_name = "audit-logs"
  kms_key_id     = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

resource "aws_cloudtrail" "no_key" {
  name           = "no-key"
  s3_bucket_name = "audit-logs"
}

resource "aws_cloudtrail" "empty_key" {
  name           = "empty-key"
  s3_bucket_name = "audit-logs"
  kms_key_id     = ""
}

resource "aws_cloudtrail" "null_key" {
  name           = "null-key"
  s3_bucket_name = "audit-logs"
  kms_key_id     = null
}

resource "aws_cloudtrail" "absent" {
  count          = 0
  name           = "absent"
  s3_bucket_name = "audit-logs"
}
