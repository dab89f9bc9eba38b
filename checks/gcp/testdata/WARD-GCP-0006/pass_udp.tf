resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "allow_udp" {
  name    = "allow-udp"
  network = google_compute_network.main.name

  allow {
    protocol = "udp"
    ports    = ["22"]
  }

  source_ranges = ["0.0.0.0/0"]
}
