resource "google_compute_instance" "web" {
  name         = "web-1"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  boot_disk {
    initialize_params {
      image = "debian-cloud/debian-12"
    }
  }

  network_interface {
    subnetwork = "projects/acme-prod/regions/us-central1/subnetworks/app"
  }

  shielded_instance_config {
    enable_secure_boot = true
  }
}
