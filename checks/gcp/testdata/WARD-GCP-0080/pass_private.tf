resource "google_compute_network" "main" {
  name                    = "main"
  auto_create_subnetworks = false
}

resource "google_dns_managed_zone" "internal" {
  name       = "internal"
  dns_name   = "internal.acme.example."
  visibility = "private"

  private_visibility_config {
    networks {
      network_url = google_compute_network.main.id
    }
  }
}
