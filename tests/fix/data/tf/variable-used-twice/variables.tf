variable "read_write_type" {
  type    = string
  default = "ReadOnly"
}
