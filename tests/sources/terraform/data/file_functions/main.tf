# Terraform's filesystem functions (tests/sources/terraform/eval_file_functions_test.cpp): relative paths
# from the root module's directory, path.module relative to it.
locals {
  selectors = jsondecode(file("${path.module}/selectors.json"))
}

resource "aws_cloudtrail" "from_file" {
  name           = "from-file"
  s3_bucket_name = "logs"

  tags = {
    root      = path.root
    module    = path.module
    md5       = filemd5("selectors.json")
    exists    = fileexists("selectors.json")
    not_there = fileexists("nowhere.json")
    template  = templatefile("${path.module}/name.tftpl", { env = "prod", regions = ["eu-west-1", "us-east-1"] })
  }

  dynamic "event_selector" {
    for_each = local.selectors
    content {
      read_write_type           = event_selector.value.read_write_type
      include_management_events = event_selector.value.management
    }
  }
}

# A file that is not there when stance scans (a build artifact): unknown, never a guess.
resource "aws_cloudtrail" "missing_file" {
  name           = "missing-file"
  s3_bucket_name = "logs"

  event_selector {
    include_management_events = jsondecode(file("build/selectors.json")).management
  }
}

module "child" {
  source = "./modules/child"
}

# fileset: the files below a directory that match a pattern, relative to it, sorted. The files here are
# main.tf, name.tftpl, selectors.json, modules/child/main.tf and modules/child/note.txt.
resource "aws_cloudtrail" "from_fileset" {
  name           = "from-fileset"
  s3_bucket_name = "logs"

  tags = {
    json   = join(",", fileset(path.module, "*.json"))
    all    = join(",", fileset(path.module, "**"))
    below  = join(",", fileset("${path.module}/modules", "**/*.{txt,tf}"))
    top    = join(",", fileset(path.module, "*"))
    class  = join(",", fileset(path.module, "[ms]*.{tf,json}"))
    dot    = join(",", fileset(path.module, "./modules/../*.tftpl"))
    deep   = join(",", fileset(path.module, "modules/*/n?te.*"))
    none   = length(fileset(path.module, "nothing/*"))
    absent = length(fileset("${path.module}/no-such-directory", "*"))
  }

  event_selector {
    read_write_type = length(fileset(path.module, "*.json")) == 1 ? "All" : "ReadOnly"
  }
}

