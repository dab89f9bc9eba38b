// Package azure adapts Terraform azurerm resources to the Azure kinds of the
// cloud model (internal/state/cloud/azure).
//
// "x|const:true ?? x" reads whether the block or attribute x is set, and
// stays known when x is set to an unknown (another resource's id): true when
// x is present, else x's absence, which takes the field's default.
package azure

import (
	"github.com/wardsec/ward/internal/adapt/spec"
	cloudazure "github.com/wardsec/ward/internal/state/cloud/azure"
)

// Set returns the Azure adapter.
func Set() spec.Set {
	return spec.Set{Schemas: cloudazure.Schemas(), Mappings: mappings(), Links: links()}
}

// ruleExprs maps the fields of a security rule; prefix is "" for the
// azure.network.security_rule kind and "rules." for the security group's
// list elements.
func ruleExprs(prefix string, m map[string]string) map[string]string {
	for _, f := range []string{"direction", "access", "protocol", "priority",
		"source_address_prefix", "source_address_prefixes", "destination_address_prefix",
		"destination_address_prefixes", "destination_port_range", "destination_port_ranges"} {
		m[prefix+f] = f
	}
	m[prefix+"rule_name"] = "name"
	return m
}

func dbServerExprs(m map[string]string) map[string]string {
	for _, f := range []string{"ssl_enforcement_enabled", "ssl_minimal_tls_version_enforced",
		"public_network_access_enabled", "geo_redundant_backup_enabled", "infrastructure_encryption_enabled"} {
		m[f] = f
	}
	m["threat_detection_enabled"] = "threat_detection_policy.enabled"
	return m
}

func appExprs() map[string]string {
	return map[string]string{
		"https_only":               "https_only",
		"min_tls_version":          "site_config.minimum_tls_version ?? site_config.min_tls_version",
		"ftps_state":               "site_config.ftps_state",
		"http2_enabled":            "site_config.http2_enabled",
		"client_cert_enabled":      "client_certificate_enabled ?? client_cert_enabled",
		"auth_enabled":             "auth_settings_v2.auth_enabled ?? auth_settings.enabled",
		"identity":                 "identity|const:true ?? identity",
		"remote_debugging_enabled": "site_config.remote_debugging_enabled",
	}
}

func mappings() []spec.Mapping {
	ms := []spec.Mapping{
		{Kind: "azure.storage.account", Type: "azurerm_storage_account", Name: "name", Fields: map[string]string{
			"account_kind":                      "account_kind",
			"account_replication_type":          "account_replication_type",
			"https_traffic_only_enabled":        "https_traffic_only_enabled ?? enable_https_traffic_only",
			"min_tls_version":                   "min_tls_version",
			"allow_nested_items_to_be_public":   "allow_nested_items_to_be_public ?? allow_blob_public_access",
			"public_network_access_enabled":     "public_network_access_enabled",
			"shared_access_key_enabled":         "shared_access_key_enabled",
			"infrastructure_encryption_enabled": "infrastructure_encryption_enabled",
			"customer_managed_key":              "customer_managed_key|const:true ?? customer_managed_key",
			"network_rules.default_action":      "network_rules.default_action",
			"network_rules.bypass":              "network_rules.bypass",
			"queue_logging.enabled":             "queue_properties.logging|const:true ?? queue_properties.logging",
			"queue_logging.read":                "queue_properties.logging.read",
			"queue_logging.write":               "queue_properties.logging.write",
			"queue_logging.delete":              "queue_properties.logging.delete",
			"blob_soft_delete.enabled":          "blob_properties.delete_retention_policy|const:true ?? blob_properties.delete_retention_policy",
			"blob_soft_delete.days":             "blob_properties.delete_retention_policy.days",
		}},
		{Kind: "azure.storage.network_rules", Type: "azurerm_storage_account_network_rules", Name: "storage_account_name", Fields: map[string]string{
			"default_action": "default_action", "bypass": "bypass",
		}},
		{Kind: "azure.storage.container", Type: "azurerm_storage_container", Name: "name", Fields: map[string]string{
			"container_access_type": "container_access_type",
		}},
		{Kind: "azure.network.security_group", Type: "azurerm_network_security_group", Name: "name",
			Fields: ruleExprs("rules.", map[string]string{"rules": "security_rule"})},
		{Kind: "azure.network.security_rule", Type: "azurerm_network_security_rule", Name: "name",
			Fields: ruleExprs("", map[string]string{"network_security_group_name": "network_security_group_name"})},
		{Kind: "azure.network.interface", Type: "azurerm_network_interface", Name: "name", Fields: map[string]string{
			"ip_forwarding_enabled": "ip_forwarding_enabled ?? enable_ip_forwarding",
			"public_ip":             "ip_configuration.public_ip_address_id|const:true ?? ip_configuration.public_ip_address_id",
		}},
		{Kind: "azure.network.watcher_flow_log", Type: "azurerm_network_watcher_flow_log", Name: "name", Fields: map[string]string{
			"enabled":           "enabled",
			"retention_enabled": "retention_policy.enabled",
			"retention_days":    "retention_policy.days",
		}},
		{Kind: "azure.keyvault.vault", Type: "azurerm_key_vault", Name: "name", Fields: map[string]string{
			"purge_protection_enabled":      "purge_protection_enabled",
			"soft_delete_retention_days":    "soft_delete_retention_days",
			"public_network_access_enabled": "public_network_access_enabled",
			"enable_rbac_authorization":     "rbac_authorization_enabled ?? enable_rbac_authorization",
			"network_acls.declared":         "network_acls|const:true ?? network_acls",
			"network_acls.default_action":   "network_acls.default_action",
		}},
		{Kind: "azure.keyvault.key", Type: "azurerm_key_vault_key", Name: "name", Fields: map[string]string{
			"key_type": "key_type", "key_size": "key_size", "expiration_date": "expiration_date",
		}},
		{Kind: "azure.keyvault.secret", Type: "azurerm_key_vault_secret", Name: "name", Fields: map[string]string{
			"content_type": "content_type", "expiration_date": "expiration_date",
		}},
		{Kind: "azure.database.postgresql_server", Type: "azurerm_postgresql_server", Name: "name", Fields: dbServerExprs(map[string]string{})},
		{Kind: "azure.database.mysql_server", Type: "azurerm_mysql_server", Name: "name", Fields: dbServerExprs(map[string]string{})},
		{Kind: "azure.database.mysql_server", Type: "azurerm_mariadb_server", Name: "name", Fields: dbServerExprs(map[string]string{}),
			Defaults: map[string]any{"engine": "mariadb"}},
		{Kind: "azure.container.kubernetes_cluster", Type: "azurerm_kubernetes_cluster", Name: "name", Fields: map[string]string{
			"role_based_access_control_enabled": "role_based_access_control_enabled ?? role_based_access_control.enabled",
			"api_server_authorized_ip_ranges":   "api_server_access_profile.authorized_ip_ranges ?? api_server_authorized_ip_ranges",
			"private_cluster_enabled":           "private_cluster_enabled",
			"network_policy":                    "network_profile.network_policy",
			"azure_policy_enabled":              "azure_policy_enabled ?? addon_profile.azure_policy.enabled",
			"oms_agent_enabled":                 "oms_agent|const:true ?? addon_profile.oms_agent.enabled",
			"local_account_disabled":            "local_account_disabled",
			"disk_encryption_set_id":            "disk_encryption_set_id",
		}},
		{Kind: "azure.container.registry", Type: "azurerm_container_registry", Name: "name", Fields: map[string]string{
			"admin_enabled": "admin_enabled", "public_network_access_enabled": "public_network_access_enabled",
		}},
		{Kind: "azure.compute.virtual_machine", Type: "azurerm_linux_virtual_machine", Name: "name", Defaults: map[string]any{"os": "linux"}, Fields: map[string]string{
			"disable_password_authentication": "disable_password_authentication",
			"custom_data":                     "custom_data",
			"encryption_at_host_enabled":      "encryption_at_host_enabled",
		}},
		{Kind: "azure.compute.virtual_machine", Type: "azurerm_windows_virtual_machine", Name: "name", Defaults: map[string]any{"os": "windows"}, Fields: map[string]string{
			"custom_data":                "custom_data",
			"encryption_at_host_enabled": "encryption_at_host_enabled",
		}},
		{Kind: "azure.compute.virtual_machine", Type: "azurerm_virtual_machine", Name: "name", Fields: map[string]string{
			"os":                              "os_profile_linux_config|const:linux ?? os_profile_windows_config|const:windows ?? os_profile_windows_config",
			"disable_password_authentication": "os_profile_linux_config.disable_password_authentication",
			"custom_data":                     "os_profile.custom_data",
		}},
		{Kind: "azure.compute.managed_disk", Type: "azurerm_managed_disk", Name: "name", Fields: map[string]string{
			"encryption_settings_enabled": "encryption_settings.enabled",
			"disk_encryption_set_id":      "disk_encryption_set_id",
		}},
		{Kind: "azure.securitycenter.subscription_pricing", Type: "azurerm_security_center_subscription_pricing", Fields: map[string]string{
			"tier": "tier", "resource_type": "resource_type",
		}},
		{Kind: "azure.securitycenter.contact", Type: "azurerm_security_center_contact", Name: "name", Fields: map[string]string{
			"email": "email", "phone": "phone", "alert_notifications": "alert_notifications", "alerts_to_admins": "alerts_to_admins",
		}},
		{Kind: "azure.monitor.log_profile", Type: "azurerm_monitor_log_profile", Name: "name", Fields: map[string]string{
			"categories": "categories", "locations": "locations",
			"retention_enabled": "retention_policy.enabled", "retention_days": "retention_policy.days",
		}},
		{Kind: "azure.authorization.role_definition", Type: "azurerm_role_definition", Name: "name", Fields: map[string]string{
			"scope": "scope", "actions": "permissions.actions", "assignable_scopes": "assignable_scopes",
		}},
		{Kind: "azure.datafactory.factory", Type: "azurerm_data_factory", Name: "name", Fields: map[string]string{
			"public_network_enabled": "public_network_enabled",
		}},
		{Kind: "azure.synapse.workspace", Type: "azurerm_synapse_workspace", Name: "name", Fields: map[string]string{
			"managed_virtual_network_enabled": "managed_virtual_network_enabled",
			"public_network_access_enabled":   "public_network_access_enabled",
		}},
		{Kind: "azure.datalake.store", Type: "azurerm_data_lake_store", Name: "name", Fields: map[string]string{
			"encryption_state": "encryption_state",
		}},
		{Kind: "azure.sql.auditing_policy", Type: "azurerm_mssql_server_extended_auditing_policy", Defaults: map[string]any{"scope": "server"}, Fields: map[string]string{
			"enabled": "enabled", "retention_in_days": "retention_in_days",
		}},
		{Kind: "azure.sql.auditing_policy", Type: "azurerm_mssql_database_extended_auditing_policy", Defaults: map[string]any{"scope": "database"}, Fields: map[string]string{
			"enabled": "enabled", "retention_in_days": "retention_in_days",
		}},
	}
	for _, t := range []string{"azurerm_mssql_server", "azurerm_sql_server"} {
		ms = append(ms, spec.Mapping{Kind: "azure.sql.server", Type: t, Name: "name", Fields: map[string]string{
			"minimum_tls_version":           "minimum_tls_version",
			"public_network_access_enabled": "public_network_access_enabled",
			"azuread_administrator":         "azuread_administrator|const:true ?? azuread_administrator",
			"auditing_enabled":              "extended_auditing_policy|const:true ?? extended_auditing_policy",
			"auditing_retention_days":       "extended_auditing_policy.retention_in_days",
			// azurerm_sql_server's inline threat_detection_policy.
			"security_alert_policy.enabled":              "threat_detection_policy.state|eq:Enabled",
			"security_alert_policy.disabled_alerts":      "threat_detection_policy.disabled_alerts",
			"security_alert_policy.email_addresses":      "threat_detection_policy.email_addresses",
			"security_alert_policy.email_account_admins": "threat_detection_policy.email_account_admins|eq:Enabled",
		}})
	}
	for _, fw := range []struct{ t, engine string }{
		{"azurerm_mssql_firewall_rule", "sql"}, {"azurerm_sql_firewall_rule", "sql"},
		{"azurerm_postgresql_firewall_rule", "postgresql"}, {"azurerm_postgresql_flexible_server_firewall_rule", "postgresql"},
		{"azurerm_mysql_firewall_rule", "mysql"}, {"azurerm_mysql_flexible_server_firewall_rule", "mysql"},
		{"azurerm_mariadb_firewall_rule", "mariadb"},
	} {
		t, engine := fw.t, fw.engine
		ms = append(ms, spec.Mapping{Kind: "azure.sql.firewall_rule", Type: t, Name: "name", Defaults: map[string]any{"engine": engine}, Fields: map[string]string{
			"start_ip_address": "start_ip_address", "end_ip_address": "end_ip_address",
		}})
	}
	for _, t := range []string{"azurerm_app_service", "azurerm_linux_web_app", "azurerm_windows_web_app"} {
		m := spec.Mapping{Kind: "azure.appservice.app", Type: t, Name: "name", Fields: appExprs()}
		if t == "azurerm_app_service" {
			m.Defaults = map[string]any{"ftps_state": "AllAllowed"}
		}
		ms = append(ms, m)
	}
	for _, t := range []string{"azurerm_function_app", "azurerm_linux_function_app", "azurerm_windows_function_app"} {
		m := spec.Mapping{Kind: "azure.appservice.app", Type: t, Name: "name", Fields: appExprs(), Defaults: map[string]any{"app_kind": "function"}}
		if t == "azurerm_function_app" {
			m.Defaults["ftps_state"] = "AllAllowed"
		}
		ms = append(ms, m)
	}
	return ms
}

func links() []spec.Link {
	ls := []spec.Link{
		{Kind: "azure.storage.account", Type: "azurerm_storage_account_network_rules", Attr: "storage_account_id ?? storage_account_name", Fields: map[string]string{
			"network_rules.default_action": "default_action", "network_rules.bypass": "bypass",
			"network_rules.separate": "|const:true",
		}},
		{Kind: "azure.storage.account", Type: "azurerm_storage_account_customer_managed_key", Attr: "storage_account_id", Fields: map[string]string{
			"customer_managed_key": "|const:true",
		}},
		{Kind: "azure.network.security_group", Type: "azurerm_network_security_rule", Attr: "network_security_group_name",
			Fields: ruleExprs("rules.", map[string]string{"rules": "", "rules.separate": "|const:true"})},
		{Kind: "azure.database.postgresql_server", Type: "azurerm_postgresql_configuration", Attr: "server_name", Fields: map[string]string{
			"parameters": "", "parameters.name": "name", "parameters.value": "value",
		}},
		{Kind: "azure.sql.server", Type: "azurerm_mssql_server_extended_auditing_policy", Attr: "server_id", Fields: map[string]string{
			"auditing_enabled": "enabled ?? |const:true",
		}},
		{Kind: "azure.sql.server", Type: "azurerm_mssql_server_security_alert_policy", Attr: "server_name", Fields: map[string]string{
			"security_alert_policy.enabled":              "state|eq:Enabled",
			"security_alert_policy.disabled_alerts":      "disabled_alerts",
			"security_alert_policy.email_addresses":      "email_addresses",
			"security_alert_policy.email_account_admins": "email_account_admins",
		}},
	}
	return ls
}
