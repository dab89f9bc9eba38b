resource "google_container_cluster" "primary" {
  name                     = "primary"
  location                 = "us-central1"
  remove_default_node_pool = true
  initial_node_count       = 1
}

resource "google_container_node_pool" "apps" {
  name       = "apps"
  cluster    = google_container_cluster.primary.id
  location   = "us-central1"
  node_count = 2

  node_config {
    machine_type = "e2-standard-4"
    image_type   = "COS_CONTAINERD"
  }
}
