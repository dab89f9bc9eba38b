resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/compute.viewer"
  member  = "group:developers@acme.example"
}
