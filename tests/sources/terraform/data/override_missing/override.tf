resource "aws_cloudtrail" "not_declared" {
  enable_logging = false
}

locals {
  nowhere = 1
}
