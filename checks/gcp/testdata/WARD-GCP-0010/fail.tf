resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "allow_app_range" {
  name    = "allow-app-range"
  network = google_compute_network.main.name
  direction = "INGRESS"

  allow {
    protocol = "tcp"
    ports    = ["8000-8100"]
  }

  source_ranges = ["10.0.0.0/16"]
}
