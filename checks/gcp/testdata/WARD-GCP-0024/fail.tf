resource "google_compute_disk" "data" {
  name = "data"
  type = "pd-ssd"
  zone = "us-central1-a"
  size = 100

  disk_encryption_key {
    raw_key = "SGVsbG8gZnJvbSBHb29nbGUgQ2xvdWQgUGxhdGZvcm0="
  }
}
