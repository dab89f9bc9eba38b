// Package azure is the Azure part of the typed cloud model: storage
// accounts, network security groups, Key Vault, SQL and open-source
// databases, AKS, container registries, App Service, virtual machines,
// Defender for Cloud, Monitor, role definitions, Data Factory, Synapse and
// Data Lake. The sources are the Terraform azurerm provider's resources.
//
// Defaults follow the azurerm provider v4 documentation where the provider
// documents one (e.g. storage min_tls_version TLS1_2; provider v3 and older
// defaulted to TLS1_0). See docs/cloud-model.md.
package azure

import "github.com/wardsec/ward/internal/state/cloud"

func fBool(name string, def bool, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.BoolField, Default: def, Doc: doc}
}

func fStr(name, def, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.StringField, Default: def, Doc: doc}
}

func fInt(name string, def any, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.IntField, Default: def, Doc: doc}
}

func fStrs(name, doc string, def ...string) cloud.Field {
	f := cloud.Field{Name: name, Type: cloud.StringsField, Doc: doc}
	if def != nil {
		f.Default = def
	}
	return f
}

func fObj(name, doc string, fields ...cloud.Field) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.ObjectField, Doc: doc, Fields: fields}
}

func fList(name, doc string, fields ...cloud.Field) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.ListField, Doc: doc, Fields: fields}
}

const docPublicNet = "whether the service endpoint accepts traffic from public networks (provider default true)."

// ruleFields are the fields of one network security rule, inline or
// separate.
func ruleFields(extra ...cloud.Field) []cloud.Field {
	return append([]cloud.Field{
		fStr("rule_name", "", "name of the rule."),
		fStr("direction", "", "Inbound or Outbound."),
		fStr("access", "", "Allow or Deny."),
		fStr("protocol", "", "Tcp, Udp, Icmp, Esp, Ah or * (any)."),
		fInt("priority", nil, "rule priority (lower is evaluated first)."),
		fStr("source_address_prefix", "", `single source prefix: a CIDR, an IP, * or a service tag such as Internet; "" when not set.`),
		fStrs("source_address_prefixes", "source prefixes (list form)."),
		fStr("destination_address_prefix", "", `single destination prefix; "" when not set.`),
		fStrs("destination_address_prefixes", "destination prefixes (list form)."),
		fStr("destination_port_range", "", `single destination port or range: "22", "20-25" or "*"; "" when not set.`),
		fStrs("destination_port_ranges", "destination ports or ranges (list form)."),
	}, extra...)
}

// dbServerFields are the fields shared by the single-server PostgreSQL,
// MySQL and MariaDB kinds.
func dbServerFields(extra ...cloud.Field) []cloud.Field {
	return append([]cloud.Field{
		fBool("ssl_enforcement_enabled", true, "whether connections must use TLS (required by the provider; true assumed when omitted)."),
		fStr("ssl_minimal_tls_version_enforced", "TLS1_2", "minimum TLS version: TLS1_0, TLS1_1, TLS1_2 or TLSEnforcementDisabled (provider default TLS1_2)."),
		fBool("public_network_access_enabled", true, docPublicNet),
		fBool("geo_redundant_backup_enabled", false, "whether backups are stored geo-redundantly (provider default false)."),
		fBool("infrastructure_encryption_enabled", false, "whether infrastructure (double) encryption is enabled."),
		fBool("threat_detection_enabled", false, "whether the threat_detection_policy block enables threat detection."),
	}, extra...)
}

// Schemas returns the declared Azure kinds.
func Schemas() []cloud.Schema {
	return []cloud.Schema{
		{Kind: "azure.storage.account", Doc: "A storage account (azurerm_storage_account, with azurerm_storage_account_network_rules and azurerm_storage_account_customer_managed_key merged in).", Fields: []cloud.Field{
			fStr("account_kind", "StorageV2", "StorageV2, BlobStorage, BlockBlobStorage, FileStorage or Storage."),
			fStr("account_replication_type", "", "LRS, GRS, RAGRS, ZRS, GZRS or RAGZRS."),
			fBool("https_traffic_only_enabled", true, "whether only HTTPS is accepted (https_traffic_only_enabled, enable_https_traffic_only before provider v4; default true)."),
			fStr("min_tls_version", "TLS1_2", "minimum TLS version: TLS1_0, TLS1_1, TLS1_2 or TLS1_3. Provider v4 default TLS1_2 (v3 and older defaulted to TLS1_0)."),
			fBool("allow_nested_items_to_be_public", true, "whether containers may opt into anonymous public access (allow_nested_items_to_be_public, allow_blob_public_access before v3; provider default true)."),
			fBool("public_network_access_enabled", true, docPublicNet),
			fBool("shared_access_key_enabled", true, "whether requests may be authorized with the account key (provider default true)."),
			fBool("infrastructure_encryption_enabled", false, "whether infrastructure (double) encryption is enabled (default false)."),
			fBool("customer_managed_key", false, "whether data is encrypted with a customer-managed Key Vault key (customer_managed_key block or azurerm_storage_account_customer_managed_key)."),
			fObj("network_rules", "the firewall (network_rules block or azurerm_storage_account_network_rules).",
				fStr("default_action", "Allow", "Allow or Deny for traffic no rule matches; Allow when no network rules are declared."),
				fStrs("bypass", "services allowed past the firewall: AzureServices, Logging, Metrics, None.", "AzureServices"),
				fBool("separate", false, "true when the rules come from a separate azurerm_storage_account_network_rules (also an azure.storage.network_rules document)."),
			),
			fObj("queue_logging", "Storage Analytics logging of the queue service (queue_properties.logging).",
				fBool("enabled", false, "whether queue_properties declares a logging block."),
				fBool("read", false, "whether read requests are logged."),
				fBool("write", false, "whether write requests are logged."),
				fBool("delete", false, "whether delete requests are logged."),
			),
			fObj("blob_soft_delete", "blob soft delete (blob_properties.delete_retention_policy).",
				fBool("enabled", false, "whether a delete_retention_policy block is declared."),
				fInt("days", 7, "days deleted blobs are kept (provider default 7)."),
			),
		}},
		{Kind: "azure.storage.network_rules", Doc: "Separate storage account network rules (azurerm_storage_account_network_rules); also merged into the azure.storage.account they name.", Fields: []cloud.Field{
			fStr("default_action", "", "Allow or Deny for traffic no rule matches."),
			fStrs("bypass", "services allowed past the firewall: AzureServices, Logging, Metrics, None.", "AzureServices"),
		}},
		{Kind: "azure.storage.container", Doc: "A blob container (azurerm_storage_container).", Fields: []cloud.Field{
			fStr("container_access_type", "private", "private, blob (anonymous read of blobs) or container (anonymous read and list); default private."),
		}},
		{Kind: "azure.network.security_group", Doc: "A network security group (azurerm_network_security_group) with its inline security_rule blocks and the azurerm_network_security_rule resources that name it.", Fields: []cloud.Field{
			fList("rules", "security rules: inline ones, then separate ones.", ruleFields(
				fBool("separate", false, "true for a rule declared as a separate azurerm_network_security_rule (that rule is also an azure.network.security_rule document)."),
			)...),
		}},
		{Kind: "azure.network.security_rule", Doc: "A separate network security rule (azurerm_network_security_rule); also merged into its azure.network.security_group.", Fields: ruleFields(
			fStr("network_security_group_name", "", "the security group the rule belongs to."),
		)},
		{Kind: "azure.network.interface", Doc: "A network interface (azurerm_network_interface).", Fields: []cloud.Field{
			fBool("ip_forwarding_enabled", false, "whether IP forwarding is enabled (ip_forwarding_enabled, enable_ip_forwarding before v4; default false)."),
			fBool("public_ip", false, "whether the first ip_configuration associates a public IP address."),
		}},
		{Kind: "azure.network.watcher_flow_log", Doc: "An NSG flow log (azurerm_network_watcher_flow_log).", Fields: []cloud.Field{
			fBool("enabled", true, "whether the flow log is enabled."),
			fBool("retention_enabled", false, "whether the retention_policy is enabled (false keeps no retention policy)."),
			fInt("retention_days", 0, "days flow logs are retained; 0 with retention enabled keeps them forever."),
		}},
		{Kind: "azure.keyvault.vault", Doc: "A key vault (azurerm_key_vault).", Fields: []cloud.Field{
			fBool("purge_protection_enabled", false, "whether purge protection is enabled (default false)."),
			fInt("soft_delete_retention_days", 90, "days soft-deleted objects are kept, 7 to 90 (default 90)."),
			fBool("public_network_access_enabled", true, docPublicNet),
			fBool("enable_rbac_authorization", false, "whether data-plane access uses Azure RBAC instead of access policies."),
			fObj("network_acls", "the network_acls block.",
				fBool("declared", false, "whether a network_acls block is declared."),
				fStr("default_action", "Allow", "Allow or Deny; Allow when no network_acls block is declared."),
			),
		}},
		{Kind: "azure.keyvault.key", Doc: "A key vault key (azurerm_key_vault_key).", Fields: []cloud.Field{
			fStr("key_type", "", "EC, EC-HSM, RSA or RSA-HSM."),
			fInt("key_size", nil, "RSA key size in bits."),
			fStr("expiration_date", "", `expiration date (RFC 3339); "" when the key never expires.`),
		}},
		{Kind: "azure.keyvault.secret", Doc: "A key vault secret (azurerm_key_vault_secret).", Fields: []cloud.Field{
			fStr("content_type", "", `content type describing the secret; "" when not set.`),
			fStr("expiration_date", "", `expiration date (RFC 3339); "" when the secret never expires.`),
		}},
		{Kind: "azure.sql.server", Doc: "An Azure SQL logical server (azurerm_mssql_server, azurerm_sql_server), with its server extended auditing policy and security alert policy merged in.", Fields: []cloud.Field{
			fStr("minimum_tls_version", "1.2", `minimum TLS version: 1.0, 1.1, 1.2, 1.3 or Disabled (provider v3+ default 1.2).`),
			fBool("public_network_access_enabled", true, docPublicNet),
			fBool("azuread_administrator", false, "whether a Microsoft Entra (Azure AD) administrator is configured."),
			fBool("auditing_enabled", false, "whether server auditing is configured (extended_auditing_policy block or azurerm_mssql_server_extended_auditing_policy)."),
			fInt("auditing_retention_days", 0, "days audit logs are kept by the inline extended_auditing_policy; 0 means unlimited."),
			fObj("security_alert_policy", "threat detection (azurerm_mssql_server_security_alert_policy, or the threat_detection_policy block of azurerm_sql_server).",
				fBool("enabled", false, "whether threat detection is enabled (state Enabled)."),
				fStrs("disabled_alerts", "alert types disabled: Sql_Injection, Sql_Injection_Vulnerability, Access_Anomaly, Data_Exfiltration, Unsafe_Action."),
				fStrs("email_addresses", "addresses alerts are sent to."),
				fBool("email_account_admins", false, "whether alerts are sent to the subscription administrators (default false)."),
			),
		}},
		{Kind: "azure.sql.auditing_policy", Doc: "A separate extended auditing policy of an SQL server or database (azurerm_mssql_server_extended_auditing_policy, azurerm_mssql_database_extended_auditing_policy).", Fields: []cloud.Field{
			fStr("scope", "", "server or database."),
			fBool("enabled", true, "whether the policy is enabled (default true)."),
			fInt("retention_in_days", 0, "days audit logs are kept; 0 means unlimited."),
		}},
		{Kind: "azure.sql.firewall_rule", Doc: "A server firewall rule of Azure SQL or an Azure Database for PostgreSQL/MySQL/MariaDB server (azurerm_mssql_firewall_rule, azurerm_sql_firewall_rule, azurerm_postgresql_firewall_rule, azurerm_postgresql_flexible_server_firewall_rule, azurerm_mysql_firewall_rule, azurerm_mysql_flexible_server_firewall_rule, azurerm_mariadb_firewall_rule).", Fields: []cloud.Field{
			fStr("engine", "", "sql, postgresql or mysql, mariadb."),
			fStr("start_ip_address", "", "first IPv4 address allowed; 0.0.0.0 to 0.0.0.0 means all Azure services."),
			fStr("end_ip_address", "", "last IPv4 address allowed."),
		}},
		{Kind: "azure.database.postgresql_server", Doc: "An Azure Database for PostgreSQL single server (azurerm_postgresql_server) with its server parameters (azurerm_postgresql_configuration) merged in.", Fields: dbServerFields(
			fList("parameters", "server parameters set by azurerm_postgresql_configuration; a parameter not listed keeps its Azure default (log_checkpoints, log_connections, log_disconnections and connection_throttling default to on).",
				fStr("name", "", "parameter name."),
				fStr("value", "", "parameter value (on/off for the logging and throttling parameters)."),
			),
		)},
		{Kind: "azure.database.mysql_server", Doc: "An Azure Database for MySQL or MariaDB single server (azurerm_mysql_server, azurerm_mariadb_server).", Fields: dbServerFields(
			fStr("engine", "mysql", "mysql or mariadb."),
		)},
		{Kind: "azure.container.kubernetes_cluster", Doc: "An AKS cluster (azurerm_kubernetes_cluster).", Fields: []cloud.Field{
			fBool("role_based_access_control_enabled", true, "whether Kubernetes RBAC is enabled (role_based_access_control_enabled, role_based_access_control.enabled before v3; default true)."),
			fStrs("api_server_authorized_ip_ranges", "CIDRs allowed to reach the API server (api_server_access_profile.authorized_ip_ranges, api_server_authorized_ip_ranges before v3); empty means any."),
			fBool("private_cluster_enabled", false, "whether the API server has only a private endpoint (default false)."),
			fStr("network_policy", "", `network policy engine: azure, calico or cilium; "" when none.`),
			fBool("azure_policy_enabled", false, "whether the Azure Policy add-on is enabled."),
			fBool("oms_agent_enabled", false, "whether Container Insights (oms_agent / addon_profile.oms_agent) sends logs to Log Analytics."),
			fBool("local_account_disabled", false, "whether local (static) cluster accounts are disabled (default false)."),
			fStr("disk_encryption_set_id", "", `disk encryption set encrypting node disks with a customer-managed key; "" when platform keys are used.`),
		}},
		{Kind: "azure.container.registry", Doc: "A container registry (azurerm_container_registry).", Fields: []cloud.Field{
			fBool("admin_enabled", false, "whether the admin user is enabled (default false)."),
			fBool("public_network_access_enabled", true, docPublicNet),
		}},
		{Kind: "azure.appservice.app", Doc: "A web or function app (azurerm_app_service, azurerm_linux_web_app, azurerm_windows_web_app, azurerm_function_app, azurerm_linux_function_app, azurerm_windows_function_app).", Fields: []cloud.Field{
			fStr("app_kind", "web", "web or function."),
			fBool("https_only", false, "whether HTTP requests are redirected to HTTPS (default false)."),
			fStr("min_tls_version", "1.2", "minimum inbound TLS version: 1.0, 1.1, 1.2 or 1.3 (site_config.min_tls_version / minimum_tls_version; default 1.2)."),
			fStr("ftps_state", "Disabled", "AllAllowed, FtpsOnly or Disabled; defaults: AllAllowed for azurerm_app_service and azurerm_function_app, Disabled for the v3 app resources."),
			fBool("http2_enabled", false, "whether HTTP/2 is enabled (default false)."),
			fBool("client_cert_enabled", false, "whether client certificates are requested (client_cert_enabled / client_certificate_enabled; default false)."),
			fBool("auth_enabled", false, "whether App Service authentication is enabled (auth_settings.enabled or auth_settings_v2.auth_enabled)."),
			fBool("identity", false, "whether a managed identity is assigned (identity block)."),
			fBool("remote_debugging_enabled", false, "whether remote debugging is enabled (default false)."),
		}},
		{Kind: "azure.compute.virtual_machine", Doc: "A virtual machine (azurerm_linux_virtual_machine, azurerm_windows_virtual_machine, azurerm_virtual_machine).", Fields: []cloud.Field{
			fStr("os", "", "linux or windows; \"\" when unknown (azurerm_virtual_machine without an OS profile)."),
			fBool("disable_password_authentication", true, "for Linux, whether password logins are disabled (default true)."),
			fStr("custom_data", "", "custom data passed to the machine (base64 for the v2 VM resources)."),
			fBool("encryption_at_host_enabled", false, "whether encryption at host is enabled."),
		}},
		{Kind: "azure.compute.managed_disk", Doc: "A managed disk (azurerm_managed_disk).", Fields: []cloud.Field{
			fBool("encryption_settings_enabled", true, "false only when encryption_settings (Azure Disk Encryption) is explicitly disabled; platform-managed server-side encryption applies otherwise."),
			fStr("disk_encryption_set_id", "", `disk encryption set (customer-managed key); "" when platform keys are used.`),
		}},
		{Kind: "azure.securitycenter.subscription_pricing", Doc: "A Defender for Cloud plan (azurerm_security_center_subscription_pricing).", Fields: []cloud.Field{
			fStr("tier", "", "Free or Standard."),
			fStr("resource_type", "VirtualMachines", "the resource type the plan covers (default VirtualMachines)."),
		}},
		{Kind: "azure.securitycenter.contact", Doc: "The Defender for Cloud security contact (azurerm_security_center_contact).", Fields: []cloud.Field{
			fStr("email", "", "contact email addresses."),
			fStr("phone", "", "contact phone number."),
			fBool("alert_notifications", false, "whether alert emails are sent to the contact."),
			fBool("alerts_to_admins", false, "whether alert emails are sent to subscription admins."),
		}},
		{Kind: "azure.monitor.log_profile", Doc: "An activity log profile (azurerm_monitor_log_profile).", Fields: []cloud.Field{
			fStrs("categories", "activity log categories exported: Action, Delete, Write."),
			fStrs("locations", "regions whose activity is exported (global covers global services)."),
			fBool("retention_enabled", false, "whether the retention_policy is enabled; false keeps logs forever."),
			fInt("retention_days", 0, "days logs are kept when retention is enabled; 0 keeps them forever."),
		}},
		{Kind: "azure.authorization.role_definition", Doc: "A custom role definition (azurerm_role_definition); only the first permissions block is read.", Fields: []cloud.Field{
			fStr("scope", "", "scope the role is defined at."),
			fStrs("actions", "control-plane actions allowed."),
			fStrs("assignable_scopes", "scopes the role can be assigned at (\"/\" is the root)."),
		}},
		{Kind: "azure.datafactory.factory", Doc: "A data factory (azurerm_data_factory).", Fields: []cloud.Field{
			fBool("public_network_enabled", true, "whether the factory is reachable from public networks (default true)."),
		}},
		{Kind: "azure.synapse.workspace", Doc: "A Synapse workspace (azurerm_synapse_workspace).", Fields: []cloud.Field{
			fBool("managed_virtual_network_enabled", false, "whether the workspace uses a managed virtual network (default false)."),
			fBool("public_network_access_enabled", true, docPublicNet),
		}},
		{Kind: "azure.datalake.store", Doc: "A Data Lake Storage Gen1 account (azurerm_data_lake_store).", Fields: []cloud.Field{
			fStr("encryption_state", "Enabled", "Enabled or Disabled (default Enabled)."),
		}},
	}
}
