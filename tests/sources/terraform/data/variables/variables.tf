variable "from_default" {
  default = "default"
}

variable "from_env" {
  type    = string
  default = "default"
}

variable "from_tfvars" {}

variable "tfvars_over_env" {}

variable "auto_order" {}

variable "from_var_file" {}

variable "from_var" {
  default = "default"
}

variable "cli_order" {}

variable "typed_list" {
  type    = list(string)
  default = []
}

variable "typed_bool" {
  type    = bool
  default = true
}

variable "number_to_string" {
  type    = string
  default = 42
}

variable "selectors" {
  type = list(object({
    read_write_type = optional(string, "All")
    management      = optional(bool, true)
  }))
  default = [{ management = true }]
}
