resource "google_bigquery_dataset" "analytics" {
  dataset_id    = "analytics"
  friendly_name = "Analytics"
  location      = "EU"

  access {
    role          = "OWNER"
    user_by_email = "data-admin@acme-prod.iam.gserviceaccount.com"
  }

  access {
    role           = "READER"
    group_by_email = "analysts@acme.example"
  }
}
