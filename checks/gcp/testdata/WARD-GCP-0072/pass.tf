resource "google_container_cluster" "primary" {
  name               = "primary"
  location           = "us-central1"
  initial_node_count = 1

  node_config {
    machine_type    = "e2-standard-4"
    service_account = "gke-nodes@acme-prod.iam.gserviceaccount.com"
  }
}
