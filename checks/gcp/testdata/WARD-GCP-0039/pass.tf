resource "google_project_iam_binding" "grant" {
  project = "acme-prod"
  role    = "roles/viewer"
  members = [
    "user:alice.smith@acme.example",
    "group:auditors@acme.example",
  ]
}
