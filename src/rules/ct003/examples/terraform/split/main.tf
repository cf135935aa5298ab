# CT-003: provider v4+ split resources joined to their buckets by reference and by name.
resource "aws_s3_bucket" "private" {
  bucket = "private-trail-logs"
}

# A public canned ACL, neutralised: the public access block ignores public ACLs.
resource "aws_s3_bucket" "neutralised" {
  bucket = "neutralised-trail-logs"
}

resource "aws_s3_bucket_acl" "neutralised" {
  bucket = aws_s3_bucket.neutralised.id
  acl    = "public-read"
}

resource "aws_s3_bucket_public_access_block" "neutralised" {
  bucket                  = aws_s3_bucket.neutralised.id
  block_public_acls       = false
  ignore_public_acls      = true
  block_public_policy     = false
  restrict_public_buckets = false
}

# A policy that allows anyone, joined by the bucket's name; Block Public Access is off.
resource "aws_s3_bucket" "public_policy" {
  bucket = "public-policy-trail-logs"
}

resource "aws_s3_bucket_public_access_block" "public_policy" {
  bucket                  = "public-policy-trail-logs"
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "public_policy" {
  bucket = "public-policy-trail-logs"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AnyoneReads"
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::public-policy-trail-logs/*"
    }]
  })
}

# The same statement, confined to the account's organization. (Written with a literal ARN: a policy with a
# value known only after apply inside jsonencode() is unknown as a whole, as Terraform's plan shows it.)
resource "aws_s3_bucket" "confined" {
  bucket = "confined-trail-logs"
}

resource "aws_s3_bucket_public_access_block" "confined" {
  bucket                  = aws_s3_bucket.confined.bucket
  restrict_public_buckets = false
}

resource "aws_s3_bucket_policy" "confined" {
  bucket = aws_s3_bucket.confined.id
  policy = jsonencode({
    Statement = [{
      Sid       = "OrganizationReads"
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::confined-trail-logs/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-exampleorgid" } }
    }]
  })
}

resource "aws_cloudtrail" "private" {
  name           = "private"
  s3_bucket_name = aws_s3_bucket.private.id
}

# Two trails on one bucket: one finding naming both.
resource "aws_cloudtrail" "private_again" {
  name           = "private-again"
  s3_bucket_name = "private-trail-logs"
}

resource "aws_cloudtrail" "neutralised" {
  name           = "neutralised"
  s3_bucket_name = aws_s3_bucket.neutralised.id
}

resource "aws_cloudtrail" "public_policy" {
  name           = "public-policy"
  s3_bucket_name = aws_s3_bucket.public_policy.bucket
}

resource "aws_cloudtrail" "confined" {
  name           = "confined"
  s3_bucket_name = aws_s3_bucket.confined.id
}

# Not declared here.
resource "aws_cloudtrail" "external" {
  name           = "external"
  s3_bucket_name = "org-log-archive-999999999999"
}
