package google

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/wardsec/ward/internal/parse/terraform"
	"github.com/wardsec/ward/internal/state"
)

func tfDocs(t *testing.T, src string) map[string]*state.Document {
	t.Helper()
	res, err := terraform.Evaluate(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", terraform.Config{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Errors) > 0 {
		t.Fatalf("evaluate: %v", res.Errors)
	}
	docs, errs := Set().Adapt(res.Resources)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := map[string]*state.Document{}
	for _, d := range docs {
		out[d.Value.(map[string]any)["address"].(string)] = d
	}
	return out
}

func TestValidate(t *testing.T) {
	if err := Set().Validate(); err != nil {
		t.Fatal(err)
	}
}

func get(v any, path ...any) any {
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, _ := v.(map[string]any)
			v = m[k]
		case int:
			l, _ := v.([]any)
			if k >= len(l) {
				return "<missing>"
			}
			v = l[k]
		}
	}
	return v
}

func TestMappings(t *testing.T) {
	docs := tfDocs(t, `
data "google_service_account" "ci" {
  account_id = "ci"
}
resource "google_storage_bucket" "app" {
  name     = "acme-app"
  location = "EU"
  logging {
    log_bucket = google_storage_bucket.logs.name
  }
}
resource "google_storage_bucket" "logs" {
  name     = "acme-logs"
  location = "EU"
}
resource "google_storage_bucket_iam_binding" "b" {
  bucket  = google_storage_bucket.app.name
  role    = "roles/storage.objectViewer"
  members = ["allUsers", "group:a@acme.example"]
}
resource "google_storage_bucket_acl" "acl" {
  bucket      = "acme-app"
  role_entity = ["READER:allAuthenticatedUsers"]
}
resource "google_project_iam_member" "ci" {
  project = "p"
  role    = "roles/owner"
  member  = "serviceAccount:${data.google_service_account.ci.email}"
}
resource "google_compute_instance" "vm" {
  name         = "vm"
  machine_type = "e2-small"
  zone         = "us-central1-a"
  boot_disk {
    initialize_params { image = "debian-cloud/debian-12" }
  }
  network_interface {
    network = "default"
    access_config {}
  }
  metadata = {
    enable-oslogin         = "FALSE"
    block-project-ssh-keys = "TRUE"
    serial-port-enable     = false
  }
}
resource "google_compute_firewall" "fw" {
  name           = "fw"
  network        = "default"
  enable_logging = true
  allow {
    protocol = "TCP"
    ports    = ["22"]
  }
}
resource "google_container_cluster" "c" {
  name            = "c"
  location        = "us-central1"
  networking_mode = "ROUTES"
  ip_allocation_policy {}
  node_config {
    metadata = {
      disable-legacy-endpoints = false
    }
  }
}
resource "google_container_cluster" "d" {
  name     = "d"
  location = "us-central1"
  ip_allocation_policy {}
}
resource "google_sql_database_instance" "db" {
  name             = "db"
  database_version = "POSTGRES_15"
  settings {
    tier = "db-f1-micro"
    ip_configuration {
      ssl_mode = "ENCRYPTED_ONLY"
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
  }
}
`)
	cases := []struct {
		addr string
		path []any
		want any
	}{
		{"google_storage_bucket.app", []any{"iam_bindings", 0, "members", 0}, "allUsers"},
		{"google_storage_bucket.app", []any{"iam_bindings", 0, "role"}, "roles/storage.objectViewer"},
		{"google_storage_bucket.app", []any{"acls", 0, "role_entities", 0}, "READER:allAuthenticatedUsers"},
		{"google_storage_bucket.app", []any{"is_log_bucket"}, false},
		{"google_storage_bucket.logs", []any{"is_log_bucket"}, true},
		{"google_compute_instance.vm", []any{"metadata", "enable_oslogin"}, "false"},
		{"google_compute_instance.vm", []any{"metadata", "block_project_ssh_keys"}, true},
		{"google_compute_instance.vm", []any{"metadata", "serial_port_enable"}, false},
		{"google_compute_instance.vm", []any{"network_interfaces", 0, "public_ip"}, true},
		{"google_compute_instance.vm", []any{"service_account", "configured"}, false},
		{"google_compute_instance.vm", []any{"shielded_instance_config", "enable_vtpm"}, true},
		{"google_compute_firewall.fw", []any{"log_enabled"}, true},
		{"google_compute_firewall.fw", []any{"allow", 0, "protocol"}, "tcp"},
		{"google_compute_firewall.fw", []any{"direction"}, "INGRESS"},
		{"google_container_cluster.c", []any{"ip_aliasing"}, false},
		{"google_container_cluster.d", []any{"ip_aliasing"}, true},
		{"google_container_cluster.c", []any{"node_config", "disable_legacy_endpoints"}, "false"},
		{"google_container_cluster.c", []any{"node_config", "configured"}, true},
		{"google_container_cluster.d", []any{"node_config", "configured"}, false},
		{"google_sql_database_instance.db", []any{"ssl_mode"}, "ENCRYPTED_ONLY"},
		{"google_sql_database_instance.db", []any{"ipv4_enabled"}, true},
		{"google_sql_database_instance.db", []any{"database_flags", 0, "flag"}, "log_connections"},
		{"google_sql_database_instance.db", []any{"database_flags", 0, "value"}, "on"},
	}
	for _, c := range cases {
		d, ok := docs[c.addr]
		if !ok {
			t.Errorf("no document for %s", c.addr)
			continue
		}
		if got := get(d.Value, c.path...); got != c.want {
			t.Errorf("%s %v = %#v, want %#v", c.addr, c.path, got, c.want)
		}
	}
	// A member read from a data source is unknown, never a value.
	iam := docs["google_project_iam_member.ci"]
	if _, ok := iam.Unknown[state.Key([]any{"members"})]; !ok {
		t.Errorf("members should be unknown: %v", iam.Unknown)
	}
}
