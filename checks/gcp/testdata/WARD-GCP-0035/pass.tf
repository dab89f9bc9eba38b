resource "google_project_iam_binding" "grant" {
  project = "acme-prod"
  role    = "roles/iam.serviceAccountViewer"
  members = [
    "group:developers@acme.example",
  ]
}
