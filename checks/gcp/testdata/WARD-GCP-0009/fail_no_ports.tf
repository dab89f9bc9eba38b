resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "allow_udp" {
  name    = "allow-udp"
  network = google_compute_network.main.name

  allow {
    protocol = "udp"
  }

  source_ranges = ["192.168.0.0/16"]
}
