resource "aws_cloudtrail" "removed" {
  count = 0
}
