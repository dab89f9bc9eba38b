resource "google_container_cluster" "primary" {
  name               = "primary"
  location           = "us-central1"
  initial_node_count = 1

  database_encryption {
    state    = "ENCRYPTED"
    key_name = "projects/acme-prod/locations/us-central1/keyRings/gke/cryptoKeys/secrets"
  }
}
