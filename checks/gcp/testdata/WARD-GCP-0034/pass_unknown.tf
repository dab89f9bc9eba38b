data "google_service_account" "ci" {
  account_id = "ci-deployer"
}

resource "google_project_iam_member" "grant" {
  project = "acme-prod"
  role    = "roles/owner"
  member  = "serviceAccount:${data.google_service_account.ci.email}"
}
