resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/compute.admin"
  member  = "group:sre@acme.example"
}
