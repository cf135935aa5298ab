# The same configuration as equivalent.tf.json, written in the native syntax the way the JSON syntax
# means it (a JSON string is a template, so `"${local.name}"` here where one would write `local.name`).
variable "region" {
  type        = string
  default     = "us-east-1"
  description = "Where the trail lives"
}

variable "selectors" {
  type    = list(object({ rw = string }))
  default = [{ rw = "All" }]
}

locals {
  name    = "trail-${var.region}"
  retries = 2
  ratio   = 0.5
  offset  = -1
  flags   = ["a", 1, true, null]
  tags    = { Name = "x", "with space" = "y", "${var.region}" = "z" }
  listing = "%{ for s in var.selectors }${s.rw},%{ endfor }"
}

resource "aws_cloudtrail" "this" {
  name                  = "${local.name}"
  s3_bucket_name        = "logs"
  is_multi_region_trail = true
  depends_on            = [aws_s3_bucket.logs]
  provider              = aws.west

  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }
  event_selector {
    read_write_type = "WriteOnly"
  }

  advanced_event_selector {
    name = "management"
    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  dynamic "event_selector" {
    for_each = "${var.selectors}"
    iterator = sel
    content {
      read_write_type = "${sel.value.rw}"
      data_resource {
        type = "AWS::Lambda::Function"
      }
    }
  }

  lifecycle {
    ignore_changes = [tags]
  }

  provisioner "local-exec" {
    command = "echo one"
  }
  provisioner "local-exec" {
    command = "echo two"
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
  tags   = { Team = "sec" }
}

module "child" {
  source    = "./child"
  providers = { aws = aws.west }
  trail     = "${aws_cloudtrail.this.arn}"
}

provider "aws" {
  region = "us-east-1"
}
provider "aws" {
  alias  = "west"
  region = "us-west-2"
  default_tags {
    tags = { Owner = "stance" }
  }
}

terraform {
  required_version = ">= 1.5"
  required_providers {
    aws = { source = "hashicorp/aws", version = "~> 5.0" }
  }
  backend "s3" {
    bucket = "state"
  }
}

output "arn" {
  value       = "${aws_cloudtrail.this.arn}"
  description = "The trail"
}
