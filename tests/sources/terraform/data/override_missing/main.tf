resource "aws_cloudtrail" "base" {
  name           = "base"
  s3_bucket_name = "logs"
}
