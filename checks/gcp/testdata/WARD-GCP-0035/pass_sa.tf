resource "google_service_account" "app" {
  account_id   = "app"
  display_name = "App"
}

resource "google_service_account_iam_member" "deployer" {
  service_account_id = google_service_account.app.name
  role               = "roles/iam.serviceAccountUser"
  member             = "group:deployers@acme.example"
}
