module "audit" {
  source = "./modules/trail"
  name   = "audit"
}
