# Basic selectors through a variable: this caller passes.
module "basic" {
  source = "../module"

  event_selectors = var.event_selectors
}
