resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/logging.logWriter"
  member  = "serviceAccount:ci-deployer@acme-prod.iam.gserviceaccount.com"
}
