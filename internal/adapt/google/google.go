// Package google adapts Terraform resources to the Google Cloud kinds of the
// cloud model (internal/state/cloud/google).
package google

import (
	"github.com/wardsec/ward/internal/adapt/spec"
	cloudgoogle "github.com/wardsec/ward/internal/state/cloud/google"
)

// Set returns the Google Cloud adapter.
func Set() spec.Set {
	return spec.Set{Schemas: cloudgoogle.Schemas(), Mappings: mappings(), Links: links()}
}

// merge returns the union of field maps (later ones win).
func merge(ms ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// nodeConfig maps a node_config block (of a cluster or a node pool).
func nodeConfig() map[string]string {
	return map[string]string{
		"node_config.configured":               "node_config|present",
		"node_config.service_account":          "node_config.service_account",
		"node_config.image_type":               "node_config.image_type",
		"node_config.workload_metadata_mode":   "node_config.workload_metadata_config.mode ?? node_config.workload_metadata_config.node_metadata",
		"node_config.disable_legacy_endpoints": "node_config.metadata.disable-legacy-endpoints|lower",
		"node_config.secure_boot":              "node_config.shielded_instance_config.enable_secure_boot",
		"node_config.integrity_monitoring":     "node_config.shielded_instance_config.enable_integrity_monitoring",
	}
}

func mappings() []spec.Mapping {
	var out []spec.Mapping
	add := func(kind, typ, name string, fields map[string]string) {
		out = append(out, spec.Mapping{Kind: kind, Type: typ, Name: name, Fields: fields})
	}

	// Cloud Storage.
	add("google.storage.bucket", "google_storage_bucket", "name", map[string]string{
		"location":                        "location",
		"uniform_bucket_level_access":     "uniform_bucket_level_access ?? bucket_policy_only",
		"public_access_prevention":        "public_access_prevention",
		"versioning_enabled":              "versioning.enabled",
		"logging.log_bucket":              "logging.log_bucket",
		"encryption.default_kms_key_name": "encryption.default_kms_key_name",
		"retention_period":                "retention_policy.retention_period",
		"retention_locked":                "retention_policy.is_locked",
	})

	// Compute Engine.
	add("google.compute.firewall", "google_compute_firewall", "name", map[string]string{
		"network":                 "network",
		"direction":               "direction",
		"disabled":                "disabled",
		"priority":                "priority",
		"source_ranges":           "source_ranges",
		"source_tags":             "source_tags",
		"source_service_accounts": "source_service_accounts",
		"destination_ranges":      "destination_ranges",
		"target_tags":             "target_tags",
		"allow":                   "allow",
		"allow.protocol":          "protocol|lower",
		"allow.ports":             "ports",
		"deny":                    "deny",
		"deny.protocol":           "protocol|lower",
		"deny.ports":              "ports",
		"log_enabled":             "log_config|present ?? enable_logging",
	})
	diskKey := func(prefix, block string) map[string]string {
		return map[string]string{
			prefix + "kms_key_self_link": block + "kms_key_self_link",
			prefix + "raw_key_set":       block + "disk_encryption_key_raw|nonempty",
			prefix + "rsa_key_set":       block + "disk_encryption_key_rsa|nonempty",
		}
	}
	for _, typ := range []string{"google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template"} {
		name := "name"
		if typ != "google_compute_instance" {
			name = "name ?? name_prefix"
		}
		fields := merge(map[string]string{
			"machine_type":                                         "machine_type",
			"can_ip_forward":                                       "can_ip_forward",
			"service_account.configured":                           "service_account|present",
			"service_account.email":                                "service_account.email",
			"service_account.scopes":                               "service_account.scopes",
			"metadata.block_project_ssh_keys":                      "metadata.block-project-ssh-keys",
			"metadata.serial_port_enable":                          "metadata.serial-port-enable",
			"metadata.enable_oslogin":                              "metadata.enable-oslogin|lower",
			"shielded_instance_config.enable_secure_boot":          "shielded_instance_config.enable_secure_boot",
			"shielded_instance_config.enable_vtpm":                 "shielded_instance_config.enable_vtpm",
			"shielded_instance_config.enable_integrity_monitoring": "shielded_instance_config.enable_integrity_monitoring",
			"confidential_compute":                                 "confidential_instance_config.enable_confidential_compute",
			"network_interfaces":                                   "network_interface",
			"network_interfaces.network":                           "network",
			"network_interfaces.subnetwork":                        "subnetwork",
			"network_interfaces.public_ip":                         "access_config|nonempty",
			"network_interfaces.public_ipv6":                       "ipv6_access_config|nonempty",
			"attached_disks":                                       "attached_disk",
			"attached_disks.source":                                "source",
		}, diskKey("attached_disks.", ""))
		if typ == "google_compute_instance" {
			fields = merge(fields, diskKey("boot_disk.", "boot_disk."), map[string]string{
				"boot_disk.source": "boot_disk.source",
			})
		} else {
			// Templates describe every disk in disk blocks; the first is
			// the boot disk.
			fields = merge(fields, map[string]string{
				"boot_disk.kms_key_self_link": "disk.disk_encryption_key.kms_key_self_link",
				"boot_disk.source":            "disk.source",
			})
			delete(fields, "attached_disks")
			delete(fields, "attached_disks.source")
			for k := range diskKey("attached_disks.", "") {
				delete(fields, k)
			}
		}
		add("google.compute.instance", typ, name, fields)
	}
	add("google.compute.disk", "google_compute_disk", "name", map[string]string{
		"type":                                  "type",
		"disk_encryption_key.kms_key_self_link": "disk_encryption_key.kms_key_self_link",
		"disk_encryption_key.raw_key_set":       "disk_encryption_key.raw_key|nonempty",
		"disk_encryption_key.rsa_key_set":       "disk_encryption_key.rsa_encrypted_key|nonempty",
	})
	add("google.compute.project_metadata", "google_compute_project_metadata", "project", map[string]string{
		"enable_oslogin":         "metadata.enable-oslogin|lower",
		"block_project_ssh_keys": "metadata.block-project-ssh-keys",
		"serial_port_enable":     "metadata.serial-port-enable",
	})
	add("google.compute.network", "google_compute_network", "name", map[string]string{
		"auto_create_subnetworks": "auto_create_subnetworks",
		"routing_mode":            "routing_mode",
	})
	add("google.compute.subnetwork", "google_compute_subnetwork", "name", map[string]string{
		"network":                  "network",
		"ip_cidr_range":            "ip_cidr_range",
		"purpose":                  "purpose",
		"private_ip_google_access": "private_ip_google_access",
		"flow_logs_enabled":        "log_config|present ?? enable_flow_logs",
	})
	add("google.compute.ssl_policy", "google_compute_ssl_policy", "name", map[string]string{
		"profile":         "profile",
		"min_tls_version": "min_tls_version",
		"custom_features": "custom_features",
	})

	// IAM.
	for _, scope := range []struct{ kind, tf string }{
		{"google.project.iam", "google_project"},
		{"google.folder.iam", "google_folder"},
		{"google.organization.iam", "google_organization"},
	} {
		for _, suffix := range []string{"_iam_member", "_iam_binding"} {
			add(scope.kind, scope.tf+suffix, "", map[string]string{
				"role":        "role",
				"members":     "members ?? member",
				"conditional": "condition|present",
			})
		}
	}
	add("google.project.project", "google_project", "project_id", map[string]string{
		"project_id":          "project_id",
		"auto_create_network": "auto_create_network",
	})
	add("google.iam.service_account_key", "google_service_account_key", "", map[string]string{
		"service_account_id": "service_account_id",
		"uploaded":           "public_key_data|nonempty",
	})
	add("google.iam.workload_identity_pool_provider", "google_iam_workload_identity_pool_provider", "workload_identity_pool_provider_id", map[string]string{
		"attribute_condition": "attribute_condition",
	})

	// Cloud SQL.
	add("google.sql.instance", "google_sql_database_instance", "name", map[string]string{
		"database_version":          "database_version",
		"is_replica":                "master_instance_name|present",
		"ipv4_enabled":              "settings.ip_configuration.ipv4_enabled",
		"private_network":           "settings.ip_configuration.private_network",
		"authorized_networks":       "settings.ip_configuration.authorized_networks",
		"authorized_networks.label": "name",
		"authorized_networks.value": "value",
		"ssl_mode":                  "settings.ip_configuration.ssl_mode",
		"require_ssl":               "settings.ip_configuration.require_ssl",
		"backup_enabled":            "settings.backup_configuration.enabled",
		"database_flags":            "settings.database_flags",
		"database_flags.flag":       "name",
		"database_flags.value":      "value",
	})

	// Cloud KMS, BigQuery, Cloud DNS.
	add("google.kms.crypto_key", "google_kms_crypto_key", "name", map[string]string{
		"purpose":         "purpose",
		"rotation_period": "rotation_period",
	})
	add("google.bigquery.dataset", "google_bigquery_dataset", "dataset_id", map[string]string{
		"access":               "access",
		"access.role":          "role",
		"access.special_group": "special_group",
		"access.iam_member":    "iam_member",
		"access.domain":        "domain",
		"default_kms_key_name": "default_encryption_configuration.kms_key_name",
	})
	add("google.dns.managed_zone", "google_dns_managed_zone", "name", map[string]string{
		"visibility":          "visibility|lower",
		"dnssec_state":        "dnssec_config.state|lower",
		"key_specs":           "dnssec_config.default_key_specs",
		"key_specs.algorithm": "algorithm|lower",
		"key_specs.key_type":  "key_type",
	})

	// GKE.
	add("google.container.cluster", "google_container_cluster", "name", merge(map[string]string{
		"enable_autopilot":                   "enable_autopilot",
		"master_authorized_networks_enabled": "master_authorized_networks_config|present",
		"master_authorized_cidrs":            "master_authorized_networks_config.cidr_blocks",
		"master_authorized_cidrs.cidr_block": "cidr_block",
		"gcp_public_cidrs_access_enabled":    "master_authorized_networks_config.gcp_public_cidrs_access_enabled",
		"private_nodes":                      "private_cluster_config.enable_private_nodes",
		"private_endpoint":                   "private_cluster_config.enable_private_endpoint",
		"network_policy_enabled":             "network_policy.enabled",
		"datapath_provider":                  "datapath_provider",
		"enable_legacy_abac":                 "enable_legacy_abac",
		"issue_client_certificate":           "master_auth.client_certificate_config.issue_client_certificate",
		"basic_auth":                         "master_auth.username|nonempty",
		"logging_service":                    "logging_service",
		"monitoring_service":                 "monitoring_service",
		"workload_pool":                      "workload_identity_config.workload_pool ?? workload_identity_config.identity_namespace",
		"enable_shielded_nodes":              "enable_shielded_nodes",
		"database_encryption_state":          "database_encryption.state",
		"labeled":                            "resource_labels|nonempty",
		"enable_intranode_visibility":        "enable_intranode_visibility",
		"ip_aliasing":                        "networking_mode|eq:VPC_NATIVE ?? ip_allocation_policy|present",
		"release_channel":                    "release_channel.channel",
		"remove_default_node_pool":           "remove_default_node_pool",
		"autoprovisioning.configured":        "cluster_autoscaling.auto_provisioning_defaults|present",
		"autoprovisioning.service_account":   "cluster_autoscaling.auto_provisioning_defaults.service_account",
	}, nodeConfig()))
	add("google.container.node_pool", "google_container_node_pool", "name", merge(map[string]string{
		"cluster":      "cluster",
		"auto_repair":  "management.auto_repair",
		"auto_upgrade": "management.auto_upgrade",
	}, nodeConfig()))
	return out
}

func links() []spec.Link {
	var out []spec.Link
	grant := map[string]string{
		"iam_bindings":         "",
		"iam_bindings.role":    "role",
		"iam_bindings.members": "members ?? member",
	}
	for _, t := range []string{"google_storage_bucket_iam_member", "google_storage_bucket_iam_binding"} {
		out = append(out, spec.Link{Kind: "google.storage.bucket", Type: t, Attr: "bucket", Fields: grant})
	}
	out = append(out,
		spec.Link{Kind: "google.storage.bucket", Type: "google_storage_bucket_acl", Attr: "bucket", Fields: map[string]string{
			"acls": "", "acls.predefined_acl": "predefined_acl", "acls.role_entities": "role_entity",
		}},
		spec.Link{Kind: "google.storage.bucket", Type: "google_storage_bucket_access_control", Attr: "bucket", Fields: map[string]string{
			"acls": "", "acls.role_entities": "entity",
		}},
		// A bucket named as another bucket's log bucket.
		spec.Link{Kind: "google.storage.bucket", Type: "google_storage_bucket", Attr: "logging.log_bucket", Fields: map[string]string{
			"is_log_bucket": "|const:true",
		}},
	)
	for _, t := range []string{"google_bigquery_dataset_iam_member", "google_bigquery_dataset_iam_binding"} {
		out = append(out, spec.Link{Kind: "google.bigquery.dataset", Type: t, Attr: "dataset_id", Fields: grant})
	}
	out = append(out, spec.Link{Kind: "google.bigquery.dataset", Type: "google_bigquery_dataset_access", Attr: "dataset_id", Fields: map[string]string{
		"access": "", "access.role": "role", "access.special_group": "special_group", "access.iam_member": "iam_member", "access.domain": "domain",
	}})
	return out
}
