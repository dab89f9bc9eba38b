resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "allow_app" {
  name    = "allow-app"
  network = google_compute_network.main.name
  direction = "INGRESS"

  allow {
    protocol = "tcp"
    ports    = ["8000-8010", "8443"]
  }

  source_ranges = ["10.0.0.0/16"]
}
