variable "event_selectors" {
  default = [
    {
      read_write_type           = "All"
      include_management_events = true
    },
  ]
}
