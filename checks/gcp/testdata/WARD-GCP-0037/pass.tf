resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/storage.objectViewer"
  member  = "serviceAccount:web-vm@acme-prod.iam.gserviceaccount.com"
}
