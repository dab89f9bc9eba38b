resource "google_container_cluster" "autopilot" {
  name             = "autopilot"
  location         = "us-central1"
  enable_autopilot = true
}
