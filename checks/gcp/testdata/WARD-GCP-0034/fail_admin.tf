resource "google_organization_iam_binding" "grant" {
  org_id  = "123456789012"
  role    = "roles/resourcemanager.projectIamAdmin"
  members = [
    "serviceAccount:ci-deployer@acme-prod.iam.gserviceaccount.com",
  ]
}
