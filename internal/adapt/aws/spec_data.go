package aws

import "github.com/wardsec/ward/internal/adapt/spec"

// dataMappings fill the databases, storage, keys, secrets and messaging kinds.
//
// "x|const:true ?? x" reads whether x is set, and stays known when x is set
// to an unknown (a replica whose source is another resource's identifier is
// a replica all the same): true when x is present, else x's absence, which
// takes the field's default.
func dataMappings() []spec.Mapping {
	return []spec.Mapping{
		// RDS instances.
		{Kind: "aws.rds.instance", Type: "aws_db_instance", Name: "identifier", Fields: map[string]string{
			"engine":            "engine",
			"read_replica":      "replicate_source_db|const:true ?? replicate_source_db",
			"inherits_storage":  "replicate_source_db|const:true ?? snapshot_identifier|const:true ?? restore_to_point_in_time|const:true ?? restore_to_point_in_time",
			"storage_encrypted": "storage_encrypted", "kms_key_id": "kms_key_id",
			"publicly_accessible":                 "publicly_accessible",
			"backup_retention_period":             "backup_retention_period",
			"iam_database_authentication_enabled": "iam_database_authentication_enabled",
			"deletion_protection":                 "deletion_protection",
			"performance_insights_enabled":        "performance_insights_enabled",
			"performance_insights_kms_key_id":     "performance_insights_kms_key_id",
			"auto_minor_version_upgrade":          "auto_minor_version_upgrade",
			"multi_az":                            "multi_az",
			"enabled_cloudwatch_logs_exports":     "enabled_cloudwatch_logs_exports",
			"parameter_group_name":                "parameter_group_name",
		}},
		{Kind: "aws.rds.instance", Type: "AWS::RDS::DBInstance", Name: "DBInstanceIdentifier", Fields: map[string]string{
			"engine":            "Engine",
			"cluster_member":    "DBClusterIdentifier|const:true ?? DBClusterIdentifier",
			"read_replica":      "SourceDBInstanceIdentifier|const:true ?? SourceDBClusterIdentifier|const:true ?? SourceDBClusterIdentifier",
			"inherits_storage":  "DBClusterIdentifier|const:true ?? SourceDBInstanceIdentifier|const:true ?? SourceDBClusterIdentifier|const:true ?? DBSnapshotIdentifier|const:true ?? DBClusterSnapshotIdentifier|const:true ?? DBClusterSnapshotIdentifier",
			"storage_encrypted": "StorageEncrypted", "kms_key_id": "KmsKeyId",
			"publicly_accessible":                 "PubliclyAccessible",
			"backup_retention_period":             "BackupRetentionPeriod",
			"iam_database_authentication_enabled": "EnableIAMDatabaseAuthentication",
			"deletion_protection":                 "DeletionProtection",
			"performance_insights_enabled":        "EnablePerformanceInsights",
			"performance_insights_kms_key_id":     "PerformanceInsightsKMSKeyId",
			"auto_minor_version_upgrade":          "AutoMinorVersionUpgrade",
			"multi_az":                            "MultiAZ",
			"enabled_cloudwatch_logs_exports":     "EnableCloudwatchLogsExports",
			"parameter_group_name":                "DBParameterGroupName",
		}},
		{Kind: "aws.rds.cluster_instance", Type: "aws_rds_cluster_instance", Name: "identifier", Fields: map[string]string{
			"engine":                          "engine",
			"publicly_accessible":             "publicly_accessible",
			"performance_insights_enabled":    "performance_insights_enabled",
			"performance_insights_kms_key_id": "performance_insights_kms_key_id",
			"auto_minor_version_upgrade":      "auto_minor_version_upgrade",
		}},
		// RDS clusters.
		{Kind: "aws.rds.cluster", Type: "aws_rds_cluster", Name: "cluster_identifier", Fields: map[string]string{
			"engine": "engine", "engine_mode": "engine_mode",
			"inherits_storage":  "snapshot_identifier|const:true ?? restore_to_point_in_time|const:true ?? replication_source_identifier|const:true ?? replication_source_identifier",
			"storage_encrypted": "storage_encrypted", "kms_key_id": "kms_key_id",
			"backup_retention_period":             "backup_retention_period",
			"enabled_cloudwatch_logs_exports":     "enabled_cloudwatch_logs_exports",
			"iam_database_authentication_enabled": "iam_database_authentication_enabled",
			"deletion_protection":                 "deletion_protection",
		}},
		{Kind: "aws.rds.cluster", Type: "AWS::RDS::DBCluster", Name: "DBClusterIdentifier", Fields: map[string]string{
			"engine": "Engine", "engine_mode": "EngineMode",
			"inherits_storage":  "SnapshotIdentifier|const:true ?? SourceDBClusterIdentifier|const:true ?? ReplicationSourceIdentifier|const:true ?? ReplicationSourceIdentifier",
			"storage_encrypted": "StorageEncrypted", "kms_key_id": "KmsKeyId",
			"backup_retention_period":             "BackupRetentionPeriod",
			"enabled_cloudwatch_logs_exports":     "EnableCloudwatchLogsExports",
			"iam_database_authentication_enabled": "EnableIAMDatabaseAuthentication",
			"deletion_protection":                 "DeletionProtection",
		}},
		// RDS parameter groups. CloudFormation writes parameters as a map
		// whose keys contain dots ("rds.force_ssl"), which paths cannot
		// name: only the parameters named without dots are read.
		{Kind: "aws.rds.parameter_group", Type: "aws_db_parameter_group", Name: "name", Fields: map[string]string{
			"family": "family", "parameters": "parameter", "parameters.parameter": "name", "parameters.value": "value",
		}},
		{Kind: "aws.rds.parameter_group", Type: "aws_rds_cluster_parameter_group", Name: "name", Fields: map[string]string{
			"family": "family", "cluster": "|const:true",
			"parameters": "parameter", "parameters.parameter": "name", "parameters.value": "value",
		}},
		{Kind: "aws.rds.parameter_group", Type: "AWS::RDS::DBParameterGroup", Name: "DBParameterGroupName", Fields: map[string]string{
			"family": "Family", "parameters_listed": "Parameters|absent",
			"require_secure_transport": "Parameters.require_secure_transport",
		}},
		{Kind: "aws.rds.parameter_group", Type: "AWS::RDS::DBClusterParameterGroup", Name: "DBClusterParameterGroupName", Fields: map[string]string{
			"family": "Family", "cluster": "|const:true", "parameters_listed": "Parameters|absent",
			"require_secure_transport": "Parameters.require_secure_transport",
		}},
		// DynamoDB and DAX.
		{Kind: "aws.dynamodb.table", Type: "aws_dynamodb_table", Name: "name", Fields: map[string]string{
			"kms_encryption_enabled": "server_side_encryption.enabled",
			"kms_key_arn":            "server_side_encryption.kms_key_arn",
			"point_in_time_recovery": "point_in_time_recovery.enabled",
			"deletion_protection":    "deletion_protection_enabled",
		}},
		{Kind: "aws.dynamodb.table", Type: "AWS::DynamoDB::Table", Name: "TableName", Fields: map[string]string{
			"kms_encryption_enabled": "SSESpecification.SSEEnabled",
			"kms_key_arn":            "SSESpecification.KMSMasterKeyId",
			"point_in_time_recovery": "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled",
			"deletion_protection":    "DeletionProtectionEnabled",
		}},
		{Kind: "aws.dax.cluster", Type: "aws_dax_cluster", Name: "cluster_name", Fields: map[string]string{
			"encryption_enabled":       "server_side_encryption.enabled",
			"endpoint_encryption_type": "cluster_endpoint_encryption_type",
		}},
		{Kind: "aws.dax.cluster", Type: "AWS::DAX::Cluster", Name: "ClusterName", Fields: map[string]string{
			"encryption_enabled":       "SSESpecification.SSEEnabled",
			"endpoint_encryption_type": "ClusterEndpointEncryptionType",
		}},
		// Redshift.
		{Kind: "aws.redshift.cluster", Type: "aws_redshift_cluster", Name: "cluster_identifier", Fields: map[string]string{
			"encrypted": "encrypted", "kms_key_id": "kms_key_id",
			"publicly_accessible":                 "publicly_accessible",
			"logging_enabled":                     "logging.enable",
			"automated_snapshot_retention_period": "automated_snapshot_retention_period",
			"parameter_group_name":                "cluster_parameter_group_name",
		}},
		{Kind: "aws.redshift.cluster", Type: "AWS::Redshift::Cluster", Name: "ClusterIdentifier", Fields: map[string]string{
			"encrypted": "Encrypted", "kms_key_id": "KmsKeyId",
			"publicly_accessible":                 "PubliclyAccessible",
			"logging_enabled":                     "LoggingProperties|const:true ?? LoggingProperties",
			"automated_snapshot_retention_period": "AutomatedSnapshotRetentionPeriod",
			"parameter_group_name":                "ClusterParameterGroupName",
		}},
		{Kind: "aws.redshift.parameter_group", Type: "aws_redshift_parameter_group", Name: "name", Fields: map[string]string{
			"family": "family", "parameters": "parameter", "parameters.parameter": "name", "parameters.value": "value",
		}},
		{Kind: "aws.redshift.parameter_group", Type: "AWS::Redshift::ClusterParameterGroup", Name: "ParameterGroupName", Fields: map[string]string{
			"family": "ParameterGroupFamily", "parameters": "Parameters",
			"parameters.parameter": "ParameterName", "parameters.value": "ParameterValue",
		}},
		// ElastiCache.
		{Kind: "aws.elasticache.replication_group", Type: "aws_elasticache_replication_group", Name: "replication_group_id", Fields: map[string]string{
			"engine":                     "engine",
			"at_rest_encryption_enabled": "at_rest_encryption_enabled",
			"transit_encryption_enabled": "transit_encryption_enabled",
			"auth_configured":            "auth_token|const:true ?? user_group_ids|nonempty",
			"kms_key_id":                 "kms_key_id",
			"snapshot_retention_limit":   "snapshot_retention_limit",
		}},
		{Kind: "aws.elasticache.replication_group", Type: "AWS::ElastiCache::ReplicationGroup", Name: "ReplicationGroupId", Fields: map[string]string{
			"engine":                     "Engine",
			"at_rest_encryption_enabled": "AtRestEncryptionEnabled",
			"transit_encryption_enabled": "TransitEncryptionEnabled",
			"auth_configured":            "AuthToken|const:true ?? UserGroupIds|nonempty",
			"kms_key_id":                 "KmsKeyId",
			"snapshot_retention_limit":   "SnapshotRetentionLimit",
		}},
		{Kind: "aws.elasticache.cluster", Type: "aws_elasticache_cluster", Name: "cluster_id", Fields: map[string]string{
			"engine": "engine", "node_type": "node_type", "replication_group_id": "replication_group_id",
			"snapshot_retention_limit": "snapshot_retention_limit",
		}},
		{Kind: "aws.elasticache.cluster", Type: "AWS::ElastiCache::CacheCluster", Name: "ClusterName", Fields: map[string]string{
			"engine": "Engine", "node_type": "CacheNodeType",
			"snapshot_retention_limit": "SnapshotRetentionLimit",
		}},
		// EFS.
		{Kind: "aws.efs.file_system", Type: "aws_efs_file_system", Name: "creation_token", Fields: map[string]string{
			"encrypted": "encrypted", "kms_key_id": "kms_key_id",
		}},
		{Kind: "aws.efs.file_system", Type: "AWS::EFS::FileSystem", Fields: map[string]string{
			"encrypted": "Encrypted", "kms_key_id": "KmsKeyId",
		}},
		// DocumentDB and Neptune.
		{Kind: "aws.docdb.cluster", Type: "aws_docdb_cluster", Name: "cluster_identifier", Fields: map[string]string{
			"storage_encrypted": "storage_encrypted", "kms_key_id": "kms_key_id",
			"enabled_cloudwatch_logs_exports": "enabled_cloudwatch_logs_exports",
			"backup_retention_period":         "backup_retention_period",
			"deletion_protection":             "deletion_protection",
		}},
		{Kind: "aws.docdb.cluster", Type: "AWS::DocDB::DBCluster", Name: "DBClusterIdentifier", Fields: map[string]string{
			"storage_encrypted": "StorageEncrypted", "kms_key_id": "KmsKeyId",
			"enabled_cloudwatch_logs_exports": "EnableCloudwatchLogsExports",
			"backup_retention_period":         "BackupRetentionPeriod",
			"deletion_protection":             "DeletionProtection",
		}},
		{Kind: "aws.neptune.cluster", Type: "aws_neptune_cluster", Name: "cluster_identifier", Fields: map[string]string{
			"storage_encrypted": "storage_encrypted", "kms_key_id": "kms_key_arn",
			"enabled_cloudwatch_logs_exports":     "enable_cloudwatch_logs_exports",
			"iam_database_authentication_enabled": "iam_database_authentication_enabled",
			"backup_retention_period":             "backup_retention_period",
			"deletion_protection":                 "deletion_protection",
		}},
		{Kind: "aws.neptune.cluster", Type: "AWS::Neptune::DBCluster", Name: "DBClusterIdentifier", Fields: map[string]string{
			"storage_encrypted": "StorageEncrypted", "kms_key_id": "KmsKeyId",
			"enabled_cloudwatch_logs_exports":     "EnableCloudwatchLogsExports",
			"iam_database_authentication_enabled": "IamAuthEnabled",
			"backup_retention_period":             "BackupRetentionPeriod",
			"deletion_protection":                 "DeletionProtection",
		}},
		// KMS and Secrets Manager.
		{Kind: "aws.kms.key", Type: "aws_kms_key", Fields: map[string]string{
			"enable_key_rotation": "enable_key_rotation", "key_usage": "key_usage",
			"key_spec": "customer_master_key_spec", "multi_region": "multi_region",
		}},
		{Kind: "aws.kms.key", Type: "AWS::KMS::Key", Fields: map[string]string{
			"enable_key_rotation": "EnableKeyRotation", "key_usage": "KeyUsage",
			"key_spec": "KeySpec", "multi_region": "MultiRegion",
		}},
		{Kind: "aws.secretsmanager.secret", Type: "aws_secretsmanager_secret", Name: "name", Fields: map[string]string{
			"kms_key_id": "kms_key_id",
		}},
		{Kind: "aws.secretsmanager.secret", Type: "AWS::SecretsManager::Secret", Name: "Name", Fields: map[string]string{
			"kms_key_id": "KmsKeyId",
		}},
		// SQS and SNS.
		{Kind: "aws.sqs.queue", Type: "aws_sqs_queue", Name: "name", Fields: map[string]string{
			"kms_master_key_id": "kms_master_key_id", "sqs_managed_sse_enabled": "sqs_managed_sse_enabled",
		}},
		{Kind: "aws.sqs.queue", Type: "AWS::SQS::Queue", Name: "QueueName", Fields: map[string]string{
			"kms_master_key_id": "KmsMasterKeyId", "sqs_managed_sse_enabled": "SqsManagedSseEnabled",
		}},
		{Kind: "aws.sqs.queue_policy", Type: "aws_sqs_queue", Name: "name", Fields: map[string]string{
			"policy_json": "policy",
		}},
		{Kind: "aws.sqs.queue_policy", Type: "aws_sqs_queue_policy", Fields: map[string]string{
			"policy_json": "policy",
		}},
		{Kind: "aws.sqs.queue_policy", Type: "AWS::SQS::QueuePolicy", Fields: map[string]string{
			"statements":               "PolicyDocument.Statement",
			"statements.effect":        "Effect",
			"statements.actions":       "Action",
			"statements.principal_all": "Principal|eq:*",
			"statements.principal_aws": "Principal.AWS",
			"statements.conditions":    "Condition|nonempty",
		}},
		{Kind: "aws.sns.topic", Type: "aws_sns_topic", Name: "name", Fields: map[string]string{
			"kms_master_key_id": "kms_master_key_id",
		}},
		{Kind: "aws.sns.topic", Type: "AWS::SNS::Topic", Name: "TopicName", Fields: map[string]string{
			"kms_master_key_id": "KmsMasterKeyId",
		}},
		// Kinesis, Athena, MQ.
		{Kind: "aws.kinesis.stream", Type: "aws_kinesis_stream", Name: "name", Fields: map[string]string{
			"encryption_type": "encryption_type", "kms_key_id": "kms_key_id",
		}},
		{Kind: "aws.kinesis.stream", Type: "AWS::Kinesis::Stream", Name: "Name", Fields: map[string]string{
			"encryption_type": "StreamEncryption.EncryptionType", "kms_key_id": "StreamEncryption.KeyId",
		}},
		{Kind: "aws.athena.workgroup", Type: "aws_athena_workgroup", Name: "name", Fields: map[string]string{
			// Inside a configuration block Terraform defaults to true.
			"enforce_configuration": "configuration.enforce_workgroup_configuration ?? configuration|present",
			"encryption_option":     "configuration.result_configuration.encryption_configuration.encryption_option",
		}},
		{Kind: "aws.athena.workgroup", Type: "AWS::Athena::WorkGroup", Name: "Name", Fields: map[string]string{
			"enforce_configuration": "WorkGroupConfiguration.EnforceWorkGroupConfiguration ?? WorkGroupConfiguration|present",
			"encryption_option":     "WorkGroupConfiguration.ResultConfiguration.EncryptionConfiguration.EncryptionOption",
		}},
		{Kind: "aws.athena.database", Type: "aws_athena_database", Name: "name", Fields: map[string]string{
			"encryption_option": "encryption_configuration.encryption_option",
		}},
		{Kind: "aws.mq.broker", Type: "aws_mq_broker", Name: "broker_name", Fields: map[string]string{
			"engine_type": "engine_type", "publicly_accessible": "publicly_accessible",
			"audit_logs": "logs.audit", "general_logs": "logs.general",
		}},
		{Kind: "aws.mq.broker", Type: "AWS::AmazonMQ::Broker", Name: "BrokerName", Fields: map[string]string{
			"engine_type": "EngineType", "publicly_accessible": "PubliclyAccessible",
			"audit_logs": "Logs.Audit", "general_logs": "Logs.General",
		}},
	}
}

// dataLinks merge separate resources into the data kinds.
func dataLinks() []spec.Link {
	return []spec.Link{
		{Kind: "aws.redshift.cluster", Type: "aws_redshift_logging", Attr: "cluster_identifier", Fields: map[string]string{
			"logging_enabled": "|const:true",
		}},
		{Kind: "aws.secretsmanager.secret", Type: "aws_secretsmanager_secret_rotation", Attr: "secret_id", Fields: map[string]string{
			"rotation_enabled": "|const:true",
		}},
		{Kind: "aws.secretsmanager.secret", Type: "AWS::SecretsManager::RotationSchedule", Attr: "SecretId", Fields: map[string]string{
			"rotation_enabled": "|const:true",
		}},
	}
}
