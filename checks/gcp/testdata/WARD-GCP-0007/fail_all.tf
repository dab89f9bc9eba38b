resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "allow_all" {
  name    = "allow-all"
  network = google_compute_network.main.name

  allow {
    protocol = "all"
  }

  source_ranges = ["0.0.0.0/0"]
}
