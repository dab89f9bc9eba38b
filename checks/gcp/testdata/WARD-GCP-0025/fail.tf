resource "google_compute_disk" "data" {
  name = "data"
  type = "pd-ssd"
  zone = "us-central1-a"
  size = 100
}
