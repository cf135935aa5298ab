module "inner" {
  source     = "../trail"
  trail_name = "inner"
}
