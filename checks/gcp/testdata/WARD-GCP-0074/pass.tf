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

  management {
    auto_repair  = true
    auto_upgrade = true
  }
}
