resource "google_folder_iam_binding" "grant" {
  folder  = "folders/1234567890"
  role    = "roles/owner"
  members = [
    "user:alice@acme.example",
  ]
}
