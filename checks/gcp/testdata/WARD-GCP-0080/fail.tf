resource "google_dns_managed_zone" "public" {
  name     = "acme-example"
  dns_name = "acme.example."

  dnssec_config {
    state = "off"
  }
}
