module "reads" {
  source          = "./modules/trail"
  read_write_type = "ReadOnly"
}

module "all" {
  source          = "./modules/trail"
  read_write_type = "All"
}
