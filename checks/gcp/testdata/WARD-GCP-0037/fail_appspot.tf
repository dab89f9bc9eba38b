resource "google_folder_iam_binding" "grant" {
  folder  = "folders/1234567890"
  role    = "roles/cloudsql.client"
  members = [
    "serviceAccount:acme-prod@appspot.gserviceaccount.com",
  ]
}
