resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/storage.objectViewer"
  member  = "serviceAccount:123456789012-compute@developer.gserviceaccount.com"
}
