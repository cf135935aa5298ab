module "trail" {
  source          = "../../modules/trail"
  read_write_type = "ReadOnly"
}
