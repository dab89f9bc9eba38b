resource "google_compute_project_metadata" "default" {
  metadata = {
    block-project-ssh-keys = "TRUE"
  }
}
