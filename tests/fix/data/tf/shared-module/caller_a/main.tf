# Data events only: no management events are recorded.
module "advanced" {
  source = "../module"

  advanced_event_selectors = [
    {
      name = "S3EventSelector"
      field_selectors = [
        {
          field  = "eventCategory"
          equals = ["Data"]
        },
        {
          field  = "resources.type"
          equals = ["AWS::S3::Object"]
        },
      ]
    },
  ]
}
