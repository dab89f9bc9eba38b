resource "google_project_iam_binding" "grant" {
  project = "acme-prod"
  role    = "roles/viewer"
  members = [
    "user:alice.smith@gmail.com",
    "group:auditors@acme.example",
  ]
}
