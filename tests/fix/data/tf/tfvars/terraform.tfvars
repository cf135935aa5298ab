# Production values
management_events = false
