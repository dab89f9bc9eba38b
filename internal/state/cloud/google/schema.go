// Package google is the Google Cloud part of the typed cloud model: storage buckets, firewall rules, IAM bindings, compute instances, Cloud SQL, GKE, KMS.
// See docs/cloud-model.md.
package google

import "github.com/wardsec/ward/internal/state/cloud"

// Schemas returns the declared Google Cloud kinds.
func Schemas() []cloud.Schema {
	var out []cloud.Schema
	out = append(out, storageSchemas()...)
	out = append(out, computeSchemas()...)
	out = append(out, iamSchemas()...)
	out = append(out, dataSchemas()...)
	out = append(out, containerSchemas()...)
	return out
}

// Field constructors shared by the schema files.
func b(name string, def bool, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.BoolField, Default: def, Doc: doc}
}

func s(name, def, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.StringField, Default: def, Doc: doc}
}

func ss(name, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.StringsField, Doc: doc}
}

func obj(name, doc string, fields ...cloud.Field) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.ObjectField, Doc: doc, Fields: fields}
}

func list(name, doc string, fields ...cloud.Field) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.ListField, Doc: doc, Fields: fields}
}

// iamBindings is the list of IAM role grants merged into a resource from its
// separate *_iam_member / *_iam_binding resources.
func iamBindings() cloud.Field {
	return list("iam_bindings", "IAM grants on the resource from separate *_iam_member and *_iam_binding resources.",
		s("role", "", "The granted role, e.g. roles/storage.objectViewer."),
		ss("members", "The members: user:, group:, serviceAccount:, domain:, allUsers, allAuthenticatedUsers."),
	)
}

func storageSchemas() []cloud.Schema {
	return []cloud.Schema{
		{Kind: "google.storage.bucket", Doc: "A Cloud Storage bucket.", Fields: []cloud.Field{
			s("location", "", "The bucket location."),
			b("uniform_bucket_level_access", false, "Uniform bucket-level access is on (object ACLs are disabled)."),
			s("public_access_prevention", "inherited", "enforced or inherited."),
			b("versioning_enabled", false, "Object versioning is on."),
			obj("logging", "Usage and storage logging.",
				s("log_bucket", "", "The bucket receiving the logs; empty for no logging."),
			),
			b("is_log_bucket", false, "Another bucket of the configuration writes its logs here."),
			obj("encryption", "Default encryption.",
				s("default_kms_key_name", "", "The Cloud KMS key encrypting new objects; empty for Google-managed keys."),
			),
			{Name: "retention_period", Type: cloud.IntField, Doc: "Retention policy period in seconds; null for no retention policy."},
			b("retention_locked", false, "The retention policy is locked."),
			iamBindings(),
			list("acls", "ACLs from google_storage_bucket_acl and google_storage_bucket_access_control.",
				s("predefined_acl", "", "A canned ACL: private, publicRead, publicReadWrite, authenticatedRead, projectPrivate, bucketOwnerRead, bucketOwnerFullControl."),
				ss("role_entities", "Entries ROLE:entity (google_storage_bucket_acl) or the entity alone (access control)."),
			),
		}},
	}
}

func computeSchemas() []cloud.Schema {
	rule := func(name, doc string) cloud.Field {
		return list(name, doc,
			s("protocol", "", "tcp, udp, icmp, esp, ah, sctp, ipip, all, or an IP protocol number."),
			ss("ports", "Ports and ranges (\"22\", \"1000-2000\"); empty means every port."),
		)
	}
	diskKey := func() []cloud.Field {
		return []cloud.Field{
			s("kms_key_self_link", "", "The Cloud KMS key (CMEK) encrypting the disk; empty for none."),
			b("raw_key_set", false, "A customer-supplied key (CSEK) is written in the configuration in plain text."),
			b("rsa_key_set", false, "A customer-supplied key wrapped with Google's RSA key is given."),
		}
	}
	return []cloud.Schema{
		{Kind: "google.compute.firewall", Doc: "A VPC firewall rule.", Fields: []cloud.Field{
			s("network", "", "The VPC network."),
			s("direction", "INGRESS", "INGRESS or EGRESS."),
			b("disabled", false, "The rule is disabled."),
			{Name: "priority", Type: cloud.IntField, Default: 1000, Doc: "Priority, 0 (highest) to 65535."},
			ss("source_ranges", "Source CIDRs of an ingress rule."),
			ss("source_tags", "Source network tags of an ingress rule."),
			ss("source_service_accounts", "Source service accounts of an ingress rule."),
			ss("destination_ranges", "Destination CIDRs of an egress rule."),
			ss("target_tags", "Target network tags; empty for every instance of the network."),
			rule("allow", "Allowed protocols and ports."),
			rule("deny", "Denied protocols and ports."),
			b("log_enabled", false, "Firewall rules logging is on (log_config, or the legacy enable_logging)."),
		}},
		{Kind: "google.compute.instance", Doc: "A Compute Engine VM instance.", Fields: []cloud.Field{
			s("machine_type", "", "The machine type."),
			b("can_ip_forward", false, "The instance may send and receive packets for other addresses."),
			obj("service_account", "The service account the instance runs as.",
				b("configured", false, "A service_account block is given (without one the instance has no service account)."),
				s("email", "", "The service account email; empty means the Compute Engine default service account."),
				ss("scopes", "OAuth scopes, e.g. cloud-platform or https://www.googleapis.com/auth/cloud-platform."),
			),
			obj("metadata", "Instance metadata keys that change security behaviour.",
				b("block_project_ssh_keys", false, "block-project-ssh-keys: project-wide SSH keys cannot log in."),
				b("serial_port_enable", false, "serial-port-enable: the interactive serial console is on."),
				s("enable_oslogin", "", "enable-oslogin in lower case (true/false); empty when the instance keeps the project setting."),
			),
			obj("shielded_instance_config", "Shielded VM options.",
				b("enable_secure_boot", false, "Secure Boot is on."),
				b("enable_vtpm", true, "The virtual TPM is on."),
				b("enable_integrity_monitoring", true, "Integrity monitoring is on."),
			),
			b("confidential_compute", false, "Confidential Computing is on."),
			list("network_interfaces", "The network interfaces.",
				s("network", "", "The VPC network."),
				s("subnetwork", "", "The subnetwork."),
				b("public_ip", false, "An access_config gives the interface an external IPv4 address."),
				b("public_ipv6", false, "An ipv6_access_config gives the interface an external IPv6 address."),
			),
			obj("boot_disk", "The boot disk.", append(diskKey(),
				s("source", "", "An existing disk attached as boot disk (its own encryption applies); empty when created with the instance."),
			)...),
			list("attached_disks", "Additional attached disks.", append(diskKey(),
				s("source", "", "The attached disk."),
			)...),
		}},
		{Kind: "google.compute.disk", Doc: "A Compute Engine persistent disk.", Fields: []cloud.Field{
			s("type", "pd-standard", "The disk type."),
			obj("disk_encryption_key", "Disk encryption.", diskKey()...),
		}},
		{Kind: "google.compute.project_metadata", Doc: "Project-wide Compute Engine metadata (google_compute_project_metadata).", Fields: []cloud.Field{
			s("enable_oslogin", "", "enable-oslogin in lower case; empty when not set (OS Login off)."),
			b("block_project_ssh_keys", false, "block-project-ssh-keys."),
			b("serial_port_enable", false, "serial-port-enable."),
		}},
		{Kind: "google.compute.network", Doc: "A VPC network.", Fields: []cloud.Field{
			b("auto_create_subnetworks", true, "Auto mode: one subnetwork per region with default ranges."),
			s("routing_mode", "REGIONAL", "REGIONAL or GLOBAL."),
		}},
		{Kind: "google.compute.subnetwork", Doc: "A VPC subnetwork.", Fields: []cloud.Field{
			s("network", "", "The VPC network."),
			s("ip_cidr_range", "", "The primary range."),
			s("purpose", "PRIVATE", "PRIVATE, or a proxy-only / special purpose (REGIONAL_MANAGED_PROXY, GLOBAL_MANAGED_PROXY, INTERNAL_HTTPS_LOAD_BALANCER, PRIVATE_SERVICE_CONNECT, PRIVATE_NAT) that does not carry VM traffic."),
			b("private_ip_google_access", false, "VMs without external IPs can reach Google APIs."),
			b("flow_logs_enabled", false, "VPC flow logs are on (log_config, or the legacy enable_flow_logs)."),
		}},
		{Kind: "google.compute.ssl_policy", Doc: "An SSL policy of HTTPS and SSL proxy load balancers.", Fields: []cloud.Field{
			s("profile", "COMPATIBLE", "COMPATIBLE, MODERN, RESTRICTED or CUSTOM."),
			s("min_tls_version", "TLS_1_0", "TLS_1_0, TLS_1_1, TLS_1_2 or TLS_1_3."),
			ss("custom_features", "Cipher suites of a CUSTOM profile."),
		}},
	}
}

func iamSchemas() []cloud.Schema {
	grant := func(kind, scope string) cloud.Schema {
		return cloud.Schema{Kind: kind, Doc: "An IAM grant at " + scope + " level (google_" + scope + "_iam_member or _iam_binding).", Fields: []cloud.Field{
			s("scope", scope, "project, folder or organization."),
			s("role", "", "The granted role, e.g. roles/editor."),
			ss("members", "The members: user:, group:, serviceAccount:, domain:, allUsers, allAuthenticatedUsers."),
			b("conditional", false, "The grant has an IAM condition."),
		}}
	}
	return []cloud.Schema{
		grant("google.project.iam", "project"),
		grant("google.folder.iam", "folder"),
		grant("google.organization.iam", "organization"),
		{Kind: "google.project.project", Doc: "A project (google_project).", Fields: []cloud.Field{
			s("project_id", "", "The project ID."),
			b("auto_create_network", true, "The default network is created with the project."),
		}},
		{Kind: "google.iam.service_account_key", Doc: "A user-managed service account key (google_service_account_key).", Fields: []cloud.Field{
			s("service_account_id", "", "The service account."),
			b("user_managed", true, "The key is managed by the user (always true for this resource)."),
			b("uploaded", false, "The public key is uploaded (public_key_data) rather than generated by Google."),
		}},
		{Kind: "google.iam.workload_identity_pool_provider", Doc: "A workload identity pool provider (external identities: OIDC, AWS, SAML).", Fields: []cloud.Field{
			s("attribute_condition", "", "The CEL condition external credentials must satisfy; empty for none."),
		}},
	}
}

func dataSchemas() []cloud.Schema {
	return []cloud.Schema{
		{Kind: "google.sql.instance", Doc: "A Cloud SQL instance.", Fields: []cloud.Field{
			s("database_version", "", "e.g. POSTGRES_15, MYSQL_8_0, SQLSERVER_2019_STANDARD."),
			b("is_replica", false, "The instance is a read replica (master_instance_name)."),
			b("ipv4_enabled", true, "The instance has a public IPv4 address."),
			s("private_network", "", "The VPC network of the private IP."),
			list("authorized_networks", "Networks allowed to connect to the public IP.",
				s("label", "", "The network's display name."),
				s("value", "", "CIDR or address."),
			),
			s("ssl_mode", "", "ALLOW_UNENCRYPTED_AND_ENCRYPTED, ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED; empty when not set."),
			b("require_ssl", false, "The legacy require_ssl setting."),
			b("backup_enabled", false, "Automated backups are on."),
			list("database_flags", "Database flags.",
				s("flag", "", "Flag name, e.g. log_connections."),
				s("value", "", "Flag value as written."),
			),
		}},
		{Kind: "google.kms.crypto_key", Doc: "A Cloud KMS crypto key.", Fields: []cloud.Field{
			s("purpose", "ENCRYPT_DECRYPT", "ENCRYPT_DECRYPT, ASYMMETRIC_SIGN, ASYMMETRIC_DECRYPT, MAC."),
			s("rotation_period", "", "Automatic rotation period such as \"7776000s\"; empty for no automatic rotation."),
		}},
		{Kind: "google.bigquery.dataset", Doc: "A BigQuery dataset.", Fields: []cloud.Field{
			list("access", "Access entries (access blocks and google_bigquery_dataset_access).",
				s("role", "", "READER, WRITER, OWNER or a role name."),
				s("special_group", "", "projectOwners, projectReaders, projectWriters, allAuthenticatedUsers."),
				s("iam_member", "", "An IAM member such as allUsers."),
				s("domain", "", "A domain."),
			),
			iamBindings(),
			s("default_kms_key_name", "", "The default CMEK of new tables; empty for Google-managed keys."),
		}},
		{Kind: "google.dns.managed_zone", Doc: "A Cloud DNS managed zone.", Fields: []cloud.Field{
			s("visibility", "public", "public or private."),
			s("dnssec_state", "off", "DNSSEC state: on, off or transfer."),
			list("key_specs", "DNSSEC default key specifications.",
				s("algorithm", "", "ecdsap256sha256, ecdsap384sha384, rsasha1, rsasha256, rsasha512."),
				s("key_type", "", "keySigning or zoneSigning."),
			),
		}},
	}
}

// nodeConfig describes GKE node settings, shared by a cluster's default
// pool and node pools.
func nodeConfig() cloud.Field {
	return obj("node_config", "Node settings.",
		b("configured", false, "A node_config block is given."),
		s("service_account", "", "The nodes' service account; empty or \"default\" for the Compute Engine default service account."),
		s("image_type", "", "Node image, e.g. COS_CONTAINERD, UBUNTU_CONTAINERD; empty for the GKE default (COS_CONTAINERD)."),
		s("workload_metadata_mode", "", "GKE_METADATA (metadata server, workload identity), GCE_METADATA (exposed); or the legacy SECURE/EXPOSE/GKE_METADATA_SERVER; empty when not set."),
		s("disable_legacy_endpoints", "", "The disable-legacy-endpoints metadata value in lower case; empty when not set (legacy endpoints are off by default)."),
		b("secure_boot", false, "Shielded node Secure Boot is on."),
		b("integrity_monitoring", true, "Shielded node integrity monitoring is on."),
	)
}

func containerSchemas() []cloud.Schema {
	return []cloud.Schema{
		{Kind: "google.container.cluster", Doc: "A GKE cluster.", Fields: []cloud.Field{
			b("enable_autopilot", false, "Autopilot cluster (GKE manages nodes and hardening)."),
			b("master_authorized_networks_enabled", false, "master_authorized_networks_config is given: only listed networks reach the control plane."),
			list("master_authorized_cidrs", "The authorized networks.",
				s("cidr_block", "", "The CIDR."),
			),
			b("gcp_public_cidrs_access_enabled", false, "Google Cloud public IP ranges may reach the control plane."),
			b("private_nodes", false, "Nodes have only internal IPs."),
			b("private_endpoint", false, "The control plane has only a private endpoint."),
			b("network_policy_enabled", false, "The Calico network policy add-on is on."),
			s("datapath_provider", "", "ADVANCED_DATAPATH for Dataplane V2 (network policy built in); LEGACY_DATAPATH or empty otherwise."),
			b("enable_legacy_abac", false, "Legacy ABAC authorization is on."),
			b("issue_client_certificate", false, "A client certificate is issued for the control plane."),
			b("basic_auth", false, "Basic authentication (master_auth username) is configured."),
			s("logging_service", "logging.googleapis.com/kubernetes", "Cloud Logging service; none disables logging."),
			s("monitoring_service", "monitoring.googleapis.com/kubernetes", "Cloud Monitoring service; none disables monitoring."),
			s("workload_pool", "", "The workload identity pool; empty when workload identity is off."),
			b("enable_shielded_nodes", true, "Shielded GKE nodes."),
			s("database_encryption_state", "DECRYPTED", "Application-layer secrets encryption: ENCRYPTED with a Cloud KMS key, or DECRYPTED."),
			b("labeled", false, "resource_labels are set."),
			b("enable_intranode_visibility", false, "Intranode visibility (pod-to-pod traffic on one node goes through the VPC)."),
			b("ip_aliasing", false, "VPC-native networking (ip_allocation_policy, or networking_mode VPC_NATIVE)."),
			s("release_channel", "", "UNSPECIFIED, RAPID, REGULAR, STABLE or EXTENDED; empty when not set."),
			b("remove_default_node_pool", false, "The default node pool is deleted after creation."),
			nodeConfig(),
			obj("autoprovisioning", "Node auto-provisioning defaults (cluster_autoscaling).",
				b("configured", false, "auto_provisioning_defaults is given."),
				s("service_account", "", "The service account of auto-provisioned nodes; empty for the default."),
			),
		}},
		{Kind: "google.container.node_pool", Doc: "A GKE node pool.", Fields: []cloud.Field{
			s("cluster", "", "The cluster."),
			b("auto_repair", true, "Nodes are repaired automatically."),
			b("auto_upgrade", true, "Nodes are upgraded automatically."),
			nodeConfig(),
		}},
	}
}
