resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "allow_admin" {
  name    = "allow-admin"
  network = google_compute_network.main.name

  allow {
    protocol = "tcp"
    ports    = ["80", "443", "3380-3390"]
  }

  source_ranges = ["10.0.0.0/8", "0.0.0.0/0"]
  target_tags   = ["admin"]
}
