data "google_compute_subnetwork" "proxy" {
  name   = "proxy-only"
  region = "us-central1"
}

resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_compute_firewall" "allow_proxy" {
  name    = "allow-proxy"
  network = google_compute_network.main.name

  allow {
    protocol = "tcp"
    ports    = ["8080"]
  }

  source_ranges = [data.google_compute_subnetwork.proxy.ip_cidr_range]
}
