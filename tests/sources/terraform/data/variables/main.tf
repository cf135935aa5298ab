# Values from every source Terraform reads, checked through the trail's tags and selectors
# (tests/sources/terraform/eval_variables_test.cpp).
resource "aws_cloudtrail" "vars" {
  name           = "vars"
  s3_bucket_name = "logs"

  tags = {
    from_default     = var.from_default
    from_env         = var.from_env
    from_tfvars      = var.from_tfvars
    tfvars_over_env  = var.tfvars_over_env
    auto_order       = var.auto_order
    from_var_file    = var.from_var_file
    from_var         = var.from_var
    cli_order        = var.cli_order
    typed_list       = "${length(var.typed_list)}:%{for s in var.typed_list}${s};%{endfor}"
    typed_bool       = var.typed_bool
    number_to_string = var.number_to_string
  }

  dynamic "event_selector" {
    for_each = var.selectors
    content {
      read_write_type           = event_selector.value.read_write_type
      include_management_events = event_selector.value.management
    }
  }
}
