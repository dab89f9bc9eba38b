resource "google_compute_ssl_policy" "web" {
  name            = "web"
  min_tls_version = "TLS_1_2"
}
