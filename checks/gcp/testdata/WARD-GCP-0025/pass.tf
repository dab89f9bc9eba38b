resource "google_compute_disk" "data" {
  name = "data"
  type = "pd-ssd"
  zone = "us-central1-a"
  size = 100

  disk_encryption_key {
    kms_key_self_link = "projects/acme-prod/locations/us-central1/keyRings/compute/cryptoKeys/disks"
  }
}
