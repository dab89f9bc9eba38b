resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/viewer"
  member  = "allAuthenticatedUsers"
}
