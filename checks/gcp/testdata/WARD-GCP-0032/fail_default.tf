resource "google_project" "app" {
  name       = "App Production"
  project_id = "acme-app-prod"
  org_id     = "123456789012"
}
