# Basic selectors written in the call: one element reads only.
module "reads" {
  source = "../module"

  event_selectors = [
    {
      read_write_type           = "ReadOnly"
      include_management_events = true
    }
  ]
}
