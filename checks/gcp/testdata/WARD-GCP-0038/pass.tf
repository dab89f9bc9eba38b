resource "google_project_iam_binding" "grant" {
  project = "acme-prod"
  role    = "roles/compute.viewer"
  members = [
    "group:sre@acme.example",
    "serviceAccount:web-vm@acme-prod.iam.gserviceaccount.com",
  ]
}
