package aws

import "github.com/wardsec/ward/internal/state/cloud"

// Field constructors keep the data kinds readable.
func dBool(name string, def bool, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.BoolField, Default: def, Doc: doc}
}

func dStr(name, def, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.StringField, Default: def, Doc: doc}
}

func dInt(name string, def any, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.IntField, Default: def, Doc: doc}
}

func dStrs(name, doc string) cloud.Field {
	return cloud.Field{Name: name, Type: cloud.StringsField, Doc: doc}
}

const (
	dDocKMSKey      = `KMS key (ID, ARN or alias) encrypting the data; "" when the service's default (AWS managed) key is used.`
	dDocLogExports  = "log types exported to CloudWatch Logs."
	dDocDeletion    = "whether deletion protection is enabled."
	dDocBackupDays  = "days automated backups are retained; 0 disables them."
	dDocEngine      = "database engine (mysql, postgres, aurora-mysql, ...)."
	dDocIAMAuth     = "whether IAM database authentication is enabled."
	dDocPublic      = "whether the resource gets a publicly resolvable, internet-reachable endpoint."
	dDocInheritsEnc = "true when storage comes from a source (Aurora cluster membership, read replica, snapshot restore): storage_encrypted then follows the source and is not set here."
)

// dataSchemas declare the databases, storage, keys, secrets and messaging kinds.
func dataSchemas() []cloud.Schema {
	return []cloud.Schema{
		{Kind: "aws.rds.instance", Doc: "An RDS DB instance (aws_db_instance, AWS::RDS::DBInstance).", Fields: []cloud.Field{
			dStr("engine", "", dDocEngine),
			dBool("cluster_member", false, "true when the instance belongs to an Aurora DB cluster (CloudFormation DBClusterIdentifier): storage, backups, IAM auth and log exports are then cluster settings."),
			dBool("read_replica", false, "true when the instance replicates another DB instance."),
			dBool("inherits_storage", false, dDocInheritsEnc),
			dBool("storage_encrypted", false, "whether storage is encrypted at rest (RDS default false)."),
			dStr("kms_key_id", "", dDocKMSKey),
			dBool("publicly_accessible", false, dDocPublic+" Terraform's default is false; CloudFormation's depends on the subnet group, false is assumed."),
			dInt("backup_retention_period", 1, dDocBackupDays+" The RDS API default is 1."),
			dBool("iam_database_authentication_enabled", false, dDocIAMAuth),
			dBool("deletion_protection", false, dDocDeletion),
			dBool("performance_insights_enabled", false, "whether Performance Insights is enabled."),
			dStr("performance_insights_kms_key_id", "", "KMS key encrypting Performance Insights data; \"\" means the AWS managed aws/rds key."),
			dBool("auto_minor_version_upgrade", true, "whether minor engine upgrades are applied automatically."),
			dBool("multi_az", false, "whether the instance has a standby in another Availability Zone."),
			dStrs("enabled_cloudwatch_logs_exports", dDocLogExports),
			dStr("parameter_group_name", "", "DB parameter group; \"\" means the engine's default group."),
		}},
		{Kind: "aws.rds.cluster_instance", Doc: "An instance of an Aurora DB cluster (aws_rds_cluster_instance); storage, backups and authentication are settings of its aws.rds.cluster.", Fields: []cloud.Field{
			dStr("engine", "", dDocEngine),
			dBool("publicly_accessible", false, dDocPublic),
			dBool("performance_insights_enabled", false, "whether Performance Insights is enabled."),
			dStr("performance_insights_kms_key_id", "", "KMS key encrypting Performance Insights data; \"\" means the AWS managed aws/rds key."),
			dBool("auto_minor_version_upgrade", true, "whether minor engine upgrades are applied automatically."),
		}},
		{Kind: "aws.rds.cluster", Doc: "An RDS DB cluster: Aurora or Multi-AZ DB cluster (aws_rds_cluster, AWS::RDS::DBCluster).", Fields: []cloud.Field{
			dStr("engine", "aurora-mysql", dDocEngine),
			dStr("engine_mode", "provisioned", "provisioned, serverless (Aurora Serverless v1, always encrypted), parallelquery or global."),
			dBool("inherits_storage", false, "true when the cluster is restored from a snapshot or a point in time, or replicates another cluster: its encryption follows the source."),
			dBool("storage_encrypted", false, "whether storage is encrypted at rest (default false, except Aurora Serverless v1)."),
			dStr("kms_key_id", "", dDocKMSKey),
			dInt("backup_retention_period", 1, dDocBackupDays+" The default is 1; Aurora keeps at least 1 day."),
			dStrs("enabled_cloudwatch_logs_exports", dDocLogExports),
			dBool("iam_database_authentication_enabled", false, dDocIAMAuth),
			dBool("deletion_protection", false, dDocDeletion),
		}},
		{Kind: "aws.rds.parameter_group", Doc: "An RDS DB parameter group or DB cluster parameter group (aws_db_parameter_group, aws_rds_cluster_parameter_group, AWS::RDS::DBParameterGroup, AWS::RDS::DBClusterParameterGroup). Parameters it does not set keep the family's default.", Fields: []cloud.Field{
			dStr("family", "", "parameter group family (postgres16, mysql8.0, aurora-postgresql15, sqlserver-se-15.0, ...)."),
			dBool("cluster", false, "true for a DB cluster parameter group."),
			{Name: "parameters", Type: cloud.ListField, Doc: "parameters set by the group.", Fields: []cloud.Field{
				dStr("parameter", "", "parameter name (rds.force_ssl, require_secure_transport, ...)."),
				dStr("value", "", "parameter value as written."),
			}},
			dBool("parameters_listed", true, "false when the source gives parameters as a map the model cannot list (CloudFormation Parameters, whose keys such as rds.force_ssl contain dots): parameters is then empty and only the named fields below are read."),
			dStr("require_secure_transport", "", "the require_secure_transport parameter when read from a parameter map (CloudFormation); with parameters_listed it is in parameters."),
		}},
		{Kind: "aws.dynamodb.table", Doc: "A DynamoDB table (aws_dynamodb_table, AWS::DynamoDB::Table). Tables are always encrypted at rest; the choice is the key.", Fields: []cloud.Field{
			dBool("kms_encryption_enabled", false, "whether encryption uses a KMS key (AWS managed aws/dynamodb or customer managed); false means an AWS owned key."),
			dStr("kms_key_arn", "", "customer managed KMS key; \"\" means aws/dynamodb when kms_encryption_enabled."),
			dBool("point_in_time_recovery", false, "whether point-in-time recovery (continuous backups) is enabled."),
			dBool("deletion_protection", false, dDocDeletion),
		}},
		{Kind: "aws.dax.cluster", Doc: "A DynamoDB Accelerator cluster (aws_dax_cluster, AWS::DAX::Cluster).", Fields: []cloud.Field{
			dBool("encryption_enabled", false, "whether server-side encryption at rest is enabled."),
			dStr("endpoint_encryption_type", "NONE", "cluster endpoint encryption: NONE or TLS."),
		}},
		{Kind: "aws.redshift.cluster", Doc: "A provisioned Redshift cluster (aws_redshift_cluster, AWS::Redshift::Cluster).", Fields: []cloud.Field{
			dBool("encrypted", true, "whether the cluster is encrypted at rest; AWS encrypts new clusters by default since January 2025 (Terraform provider v6 default true)."),
			dStr("kms_key_id", "", dDocKMSKey),
			dBool("publicly_accessible", false, dDocPublic+" The AWS and Terraform provider v6 default is false."),
			dBool("logging_enabled", false, "whether audit logging (to S3 or CloudWatch) is enabled, inline or by aws_redshift_logging."),
			dInt("automated_snapshot_retention_period", 1, "days automated snapshots are kept; 0 disables them."),
			dStr("parameter_group_name", "", "cluster parameter group; \"\" means the default group."),
		}},
		{Kind: "aws.redshift.parameter_group", Doc: "A Redshift cluster parameter group (aws_redshift_parameter_group, AWS::Redshift::ClusterParameterGroup).", Fields: []cloud.Field{
			dStr("family", "", "parameter group family (redshift-1.0, redshift-2.0)."),
			{Name: "parameters", Type: cloud.ListField, Doc: "parameters set by the group.", Fields: []cloud.Field{
				dStr("parameter", "", "parameter name (require_ssl, enable_user_activity_logging, ...)."),
				dStr("value", "", "parameter value as written."),
			}},
		}},
		{Kind: "aws.elasticache.replication_group", Doc: "An ElastiCache (Redis OSS / Valkey) replication group (aws_elasticache_replication_group, AWS::ElastiCache::ReplicationGroup).", Fields: []cloud.Field{
			dStr("engine", "redis", "engine: redis or valkey."),
			dBool("at_rest_encryption_enabled", false, "whether data at rest is encrypted."),
			dBool("transit_encryption_enabled", false, "whether connections use TLS."),
			dBool("auth_configured", false, "whether clients must authenticate: an AUTH token or RBAC user groups."),
			dStr("kms_key_id", "", dDocKMSKey),
			dInt("snapshot_retention_limit", 0, "days automatic snapshots are kept; 0 disables them."),
		}},
		{Kind: "aws.elasticache.cluster", Doc: "An ElastiCache cache cluster (aws_elasticache_cluster, AWS::ElastiCache::CacheCluster).", Fields: []cloud.Field{
			dStr("engine", "", "engine: memcached, redis or valkey (\"\" when the cluster joins a replication group)."),
			dStr("node_type", "", "cache node type (cache.t1.micro nodes cannot take snapshots)."),
			dStr("replication_group_id", "", "replication group the cluster belongs to; its backups are the group's settings."),
			dInt("snapshot_retention_limit", 0, "days automatic snapshots are kept; 0 disables them."),
		}},
		{Kind: "aws.efs.file_system", Doc: "An EFS file system (aws_efs_file_system, AWS::EFS::FileSystem).", Fields: []cloud.Field{
			dBool("encrypted", false, "whether the file system is encrypted at rest."),
			dStr("kms_key_id", "", dDocKMSKey),
		}},
		{Kind: "aws.docdb.cluster", Doc: "A DocumentDB cluster (aws_docdb_cluster, AWS::DocDB::DBCluster).", Fields: []cloud.Field{
			dBool("storage_encrypted", false, "whether storage is encrypted at rest (default false)."),
			dStr("kms_key_id", "", dDocKMSKey),
			dStrs("enabled_cloudwatch_logs_exports", dDocLogExports+" (audit, profiler)"),
			dInt("backup_retention_period", 1, dDocBackupDays),
			dBool("deletion_protection", false, dDocDeletion),
		}},
		{Kind: "aws.neptune.cluster", Doc: "A Neptune cluster (aws_neptune_cluster, AWS::Neptune::DBCluster).", Fields: []cloud.Field{
			dBool("storage_encrypted", false, "whether storage is encrypted at rest (default false)."),
			dStr("kms_key_id", "", dDocKMSKey),
			dStrs("enabled_cloudwatch_logs_exports", dDocLogExports+" (audit, slowquery)"),
			dBool("iam_database_authentication_enabled", false, dDocIAMAuth),
			dInt("backup_retention_period", 1, dDocBackupDays),
			dBool("deletion_protection", false, dDocDeletion),
		}},
		{Kind: "aws.kms.key", Doc: "A customer managed KMS key (aws_kms_key, AWS::KMS::Key).", Fields: []cloud.Field{
			dBool("enable_key_rotation", false, "whether automatic key material rotation is enabled."),
			dStr("key_usage", "ENCRYPT_DECRYPT", "ENCRYPT_DECRYPT, SIGN_VERIFY, GENERATE_VERIFY_MAC or KEY_AGREEMENT."),
			dStr("key_spec", "SYMMETRIC_DEFAULT", "SYMMETRIC_DEFAULT, RSA_*, ECC_*, HMAC_*, SM2; only SYMMETRIC_DEFAULT keys can rotate automatically."),
			dBool("multi_region", false, "whether the key is a multi-Region primary key."),
		}},
		{Kind: "aws.secretsmanager.secret", Doc: "A Secrets Manager secret (aws_secretsmanager_secret, AWS::SecretsManager::Secret) with its rotation (aws_secretsmanager_secret_rotation, AWS::SecretsManager::RotationSchedule) merged in.", Fields: []cloud.Field{
			dStr("kms_key_id", "", `KMS key encrypting the secret; "" means the AWS managed aws/secretsmanager key.`),
			dBool("rotation_enabled", false, "whether a rotation schedule is configured."),
		}},
		{Kind: "aws.sqs.queue", Doc: "An SQS queue (aws_sqs_queue, AWS::SQS::Queue).", Fields: []cloud.Field{
			dStr("kms_master_key_id", "", `KMS key for SSE-KMS; "" when SSE-KMS is not used ("alias/aws/sqs" is the AWS managed key).`),
			dBool("sqs_managed_sse_enabled", true, "whether SSE-SQS (SQS owned keys) is enabled; SQS enables it by default for new queues since October 2022 (and ignores it when a KMS key is set)."),
		}},
		{Kind: "aws.sqs.queue_policy", Doc: "An SQS queue policy (aws_sqs_queue_policy, AWS::SQS::QueuePolicy, aws_sqs_queue.policy).", Fields: []cloud.Field{
			dStr("policy_json", "", "the policy as a JSON string (Terraform); \"\" when given as an object."),
			{Name: "statements", Type: cloud.ListField, Doc: "the statements of a policy given as an object (CloudFormation PolicyDocument).", Fields: []cloud.Field{
				dStr("effect", "Allow", "Allow or Deny."),
				dStrs("actions", "the Action list."),
				dBool("principal_all", false, "whether the Principal is the string \"*\" (anyone)."),
				dStrs("principal_aws", "the AWS principals of a Principal object."),
				dBool("conditions", false, "whether the statement has a Condition."),
			}},
		}},
		{Kind: "aws.sns.topic", Doc: "An SNS topic (aws_sns_topic, AWS::SNS::Topic).", Fields: []cloud.Field{
			dStr("kms_master_key_id", "", `KMS key for server-side encryption; "" means unencrypted ("alias/aws/sns" is the AWS managed key).`),
		}},
		{Kind: "aws.kinesis.stream", Doc: "A Kinesis data stream (aws_kinesis_stream, AWS::Kinesis::Stream).", Fields: []cloud.Field{
			dStr("encryption_type", "NONE", "NONE or KMS."),
			dStr("kms_key_id", "", "KMS key for KMS encryption (\"alias/aws/kinesis\" is the AWS managed key)."),
		}},
		{Kind: "aws.athena.workgroup", Doc: "An Athena workgroup (aws_athena_workgroup, AWS::Athena::WorkGroup).", Fields: []cloud.Field{
			dBool("enforce_configuration", false, "whether the workgroup's settings override client-side settings (Terraform's default is true inside a configuration block; without any configuration nothing is enforced)."),
			dStr("encryption_option", "", "query result encryption: SSE_S3, SSE_KMS or CSE_KMS; \"\" when not configured."),
		}},
		{Kind: "aws.athena.database", Doc: "An Athena database (aws_athena_database).", Fields: []cloud.Field{
			dStr("encryption_option", "", "encryption of the query results of the database's creation: SSE_S3, SSE_KMS or CSE_KMS; \"\" when not configured."),
		}},
		{Kind: "aws.mq.broker", Doc: "An Amazon MQ broker (aws_mq_broker, AWS::AmazonMQ::Broker).", Fields: []cloud.Field{
			dStr("engine_type", "", "ActiveMQ or RabbitMQ."),
			dBool("publicly_accessible", false, dDocPublic),
			dBool("audit_logs", false, "whether audit logs are published to CloudWatch Logs (ActiveMQ only)."),
			dBool("general_logs", false, "whether general logs are published to CloudWatch Logs."),
		}},
	}
}
