resource "google_service_account" "ci" {
  account_id   = "ci-deployer"
  display_name = "CI deployer"
}

resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/owner"
  member  = "serviceAccount:ci-deployer@acme-prod.iam.gserviceaccount.com"
}
