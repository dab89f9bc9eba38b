package azure

import (
	"context"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/parse/terraform"
	"github.com/wardsec/ward/internal/state"
)

func TestSetValid(t *testing.T) {
	if err := Set().Validate(); err != nil {
		t.Fatal(err)
	}
}

// docs adapts a Terraform source and keys the documents by address.
func docs(t *testing.T, src string) map[string]*state.Document {
	t.Helper()
	res, err := terraform.Evaluate(context.Background(), fstest.MapFS{"main.tf": {Data: []byte(src)}}, ".", terraform.Config{})
	if err != nil {
		t.Fatal(err)
	}
	ds, errs := Set().Adapt(res.Resources)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := map[string]*state.Document{}
	for _, d := range ds {
		out[d.Kind+" "+d.Value.(map[string]any)["address"].(string)] = d
	}
	return out
}

func value(t *testing.T, ds map[string]*state.Document, key string) map[string]any {
	t.Helper()
	d, ok := ds[key]
	if !ok {
		t.Fatalf("no document %s among %v", key, keys(ds))
	}
	return d.Value.(map[string]any)
}

func keys(m map[string]*state.Document) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestStorageAccount(t *testing.T) {
	ds := docs(t, `
resource "azurerm_storage_account" "a" {
  name                      = "acct"
  enable_https_traffic_only = false
  allow_blob_public_access  = false
  queue_properties {
    logging {
      read    = true
      write   = true
      delete  = false
      version = "1.0"
    }
  }
}
resource "azurerm_storage_account_network_rules" "r" {
  storage_account_id = azurerm_storage_account.a.id
  default_action     = "Deny"
}
resource "azurerm_storage_account_customer_managed_key" "k" {
  storage_account_id = azurerm_storage_account.a.id
  key_vault_id       = "kv"
  key_name           = "k"
}
`)
	v := value(t, ds, "azure.storage.account azurerm_storage_account.a")
	if v["https_traffic_only_enabled"] != false || v["allow_nested_items_to_be_public"] != false || v["min_tls_version"] != "TLS1_2" || v["customer_managed_key"] != true {
		t.Errorf("account = %v", v)
	}
	want := map[string]any{"default_action": "Deny", "bypass": []any{"AzureServices"}, "separate": true}
	if diff := cmp.Diff(want, v["network_rules"]); diff != "" {
		t.Errorf("network_rules (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(map[string]any{"enabled": true, "read": true, "write": true, "delete": false}, v["queue_logging"]); diff != "" {
		t.Errorf("queue_logging (-want +got):\n%s", diff)
	}
	if r := value(t, ds, "azure.storage.network_rules azurerm_storage_account_network_rules.r"); r["default_action"] != "Deny" {
		t.Errorf("network rules document = %v", r)
	}
}

func TestSecurityGroupRules(t *testing.T) {
	ds := docs(t, `
resource "azurerm_network_security_group" "g" {
  name = "nsg"
  security_rule {
    name                   = "ssh"
    direction              = "Inbound"
    access                 = "Allow"
    protocol               = "Tcp"
    destination_port_range = "22"
    source_address_prefix  = "*"
  }
}
resource "azurerm_network_security_rule" "r" {
  name                        = "rdp"
  network_security_group_name = azurerm_network_security_group.g.name
  direction                   = "Inbound"
  access                      = "Allow"
  protocol                    = "Tcp"
  destination_port_ranges     = ["3389", "5985-5986"]
  source_address_prefixes     = ["10.0.0.0/8"]
}
`)
	rules := value(t, ds, "azure.network.security_group azurerm_network_security_group.g")["rules"].([]any)
	if len(rules) != 2 {
		t.Fatalf("rules = %v", rules)
	}
	in, sep := rules[0].(map[string]any), rules[1].(map[string]any)
	if in["separate"] != false || in["destination_port_range"] != "22" || in["rule_name"] != "ssh" {
		t.Errorf("inline rule = %v", in)
	}
	if sep["separate"] != true || !cmp.Equal(sep["destination_port_ranges"], []any{"3389", "5985-5986"}) || sep["destination_port_range"] != "" {
		t.Errorf("separate rule = %v", sep)
	}
	if r := value(t, ds, "azure.network.security_rule azurerm_network_security_rule.r"); r["rule_name"] != "rdp" {
		t.Errorf("rule document = %v", r)
	}
}

func TestSQLServerLinks(t *testing.T) {
	ds := docs(t, `
resource "azurerm_mssql_server" "s" {
  name    = "sql"
  version = "12.0"
}
resource "azurerm_mssql_server_security_alert_policy" "p" {
  server_name     = azurerm_mssql_server.s.name
  state           = "Enabled"
  disabled_alerts = ["Sql_Injection"]
}
resource "azurerm_mssql_server_extended_auditing_policy" "a" {
  server_id         = azurerm_mssql_server.s.id
  retention_in_days = 30
}
resource "azurerm_sql_server" "old" {
  name    = "old"
  version = "12.0"
  threat_detection_policy {
    state                = "Enabled"
    email_account_admins = "Enabled"
  }
}
`)
	v := value(t, ds, "azure.sql.server azurerm_mssql_server.s")
	want := map[string]any{"enabled": true, "disabled_alerts": []any{"Sql_Injection"}, "email_addresses": []any{}, "email_account_admins": false}
	if diff := cmp.Diff(want, v["security_alert_policy"]); diff != "" {
		t.Errorf("security_alert_policy (-want +got):\n%s", diff)
	}
	if v["auditing_enabled"] != true {
		t.Errorf("auditing_enabled = %v, want true from the separate policy", v["auditing_enabled"])
	}
	if p := value(t, ds, "azure.sql.auditing_policy azurerm_mssql_server_extended_auditing_policy.a"); p["scope"] != "server" || p["enabled"] != true {
		t.Errorf("auditing policy = %v", p)
	}
	old := value(t, ds, "azure.sql.server azurerm_sql_server.old")["security_alert_policy"].(map[string]any)
	if old["enabled"] != true || old["email_account_admins"] != true {
		t.Errorf("inline threat detection = %v", old)
	}
}

func TestPostgresParametersAndAKS(t *testing.T) {
	ds := docs(t, `
resource "azurerm_postgresql_server" "p" {
  name                    = "pg"
  ssl_enforcement_enabled = true
}
resource "azurerm_postgresql_configuration" "c" {
  name        = "log_checkpoints"
  server_name = azurerm_postgresql_server.p.name
  value       = "off"
}
resource "azurerm_kubernetes_cluster" "k" {
  name = "aks"
  addon_profile {
    oms_agent {
      enabled = true
    }
  }
  role_based_access_control {
    enabled = false
  }
}
resource "azurerm_virtual_machine" "vm" {
  name = "vm"
  os_profile_linux_config {
    disable_password_authentication = false
  }
}
`)
	params := value(t, ds, "azure.database.postgresql_server azurerm_postgresql_server.p")["parameters"]
	if diff := cmp.Diff([]any{map[string]any{"name": "log_checkpoints", "value": "off"}}, params); diff != "" {
		t.Errorf("parameters (-want +got):\n%s", diff)
	}
	k := value(t, ds, "azure.container.kubernetes_cluster azurerm_kubernetes_cluster.k")
	if k["oms_agent_enabled"] != true || k["role_based_access_control_enabled"] != false {
		t.Errorf("aks = %v", k)
	}
	vm := value(t, ds, "azure.compute.virtual_machine azurerm_virtual_machine.vm")
	if vm["os"] != "linux" || vm["disable_password_authentication"] != false {
		t.Errorf("vm = %v", vm)
	}
}
