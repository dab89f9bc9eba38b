data "google_project" "this" {}

resource "google_container_cluster" "primary" {
  name               = "primary"
  location           = "us-central1"
  initial_node_count = 1

  workload_identity_config {
    workload_pool = "${data.google_project.this.project_id}.svc.id.goog"
  }
}
