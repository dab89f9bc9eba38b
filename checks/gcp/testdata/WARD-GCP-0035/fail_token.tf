resource "google_folder_iam_member" "grant" {
  folder  = "folders/1234567890"
  role    = "roles/iam.serviceAccountTokenCreator"
  member  = "user:alice@acme.example"
}
