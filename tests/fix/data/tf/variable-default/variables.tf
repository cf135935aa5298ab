variable "record_management_events" {
  description = "Whether the trail records management events"
  type        = bool
  default     = false
}
