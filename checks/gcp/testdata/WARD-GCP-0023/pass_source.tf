resource "google_compute_disk" "boot" {
  name  = "web-boot"
  zone  = "us-central1-a"
  image = "debian-cloud/debian-12"

  disk_encryption_key {
    kms_key_self_link = "projects/acme-prod/locations/us-central1/keyRings/compute/cryptoKeys/disks"
  }
}

resource "google_compute_instance" "web" {
  name         = "web-1"
  machine_type = "e2-medium"
  zone         = "us-central1-a"

  boot_disk {
    source = google_compute_disk.boot.self_link
  }

  network_interface {
    subnetwork = "projects/acme-prod/regions/us-central1/subnetworks/app"
  }
}
