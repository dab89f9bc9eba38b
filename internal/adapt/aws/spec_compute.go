package aws

import "github.com/wardsec/ward/internal/adapt/spec"

// computeMappings fill the audit logging, load balancers, serverless, containers, APIs and CDN kinds.
func computeMappings() []spec.Mapping {
	var out []spec.Mapping
	add := func(kind, typ, name string, fields map[string]string) {
		out = append(out, spec.Mapping{Kind: kind, Type: typ, Name: name, Fields: fields})
	}

	// CloudTrail.
	add("aws.cloudtrail.trail", "aws_cloudtrail", "name", map[string]string{
		"is_multi_region_trail":         "is_multi_region_trail",
		"enable_log_file_validation":    "enable_log_file_validation",
		"kms_key_id":                    "kms_key_id",
		"cloud_watch_logs_group_arn":    "cloud_watch_logs_group_arn",
		"include_global_service_events": "include_global_service_events",
		"s3_bucket_name":                "s3_bucket_name",
		"is_logging":                    "enable_logging",
	})
	add("aws.cloudtrail.trail", "AWS::CloudTrail::Trail", "TrailName", map[string]string{
		"is_multi_region_trail":         "IsMultiRegionTrail",
		"enable_log_file_validation":    "EnableLogFileValidation",
		"kms_key_id":                    "KMSKeyId ?? KmsKeyId",
		"cloud_watch_logs_group_arn":    "CloudWatchLogsLogGroupArn",
		"include_global_service_events": "IncludeGlobalServiceEvents",
		"s3_bucket_name":                "S3BucketName",
		"is_logging":                    "IsLogging",
	})

	// The buckets trails deliver to (the trail links itself in).
	add("aws.cloudtrail.log_bucket", "aws_s3_bucket", "bucket", map[string]string{
		"public_acl":     "acl|in:public-read,public-read-write,authenticated-read",
		"access_logging": "logging|present",
	})
	add("aws.cloudtrail.log_bucket", "AWS::S3::Bucket", "BucketName", map[string]string{
		"public_acl":     "AccessControl|in:PublicRead,PublicReadWrite,AuthenticatedRead",
		"access_logging": "LoggingConfiguration|present",
	})

	// CloudWatch Logs.
	add("aws.cloudwatch.log_group", "aws_cloudwatch_log_group", "name", map[string]string{
		"kms_key_id": "kms_key_id", "retention_in_days": "retention_in_days",
	})
	add("aws.cloudwatch.log_group", "AWS::Logs::LogGroup", "LogGroupName", map[string]string{
		"kms_key_id": "KmsKeyId", "retention_in_days": "RetentionInDays",
	})

	// Elastic Load Balancing.
	for _, t := range []string{"aws_lb", "aws_alb"} {
		add("aws.elb.load_balancer", t, "name", map[string]string{
			"type":                       "load_balancer_type",
			"internal":                   "internal",
			"access_logs_enabled":        "access_logs.enabled",
			"drop_invalid_header_fields": "drop_invalid_header_fields",
			"deletion_protection":        "enable_deletion_protection",
		})
	}
	add("aws.elb.load_balancer", "AWS::ElasticLoadBalancingV2::LoadBalancer", "Name", map[string]string{
		"type":             "Type",
		"internal":         "Scheme|eq:internal",
		"attributes":       "LoadBalancerAttributes",
		"attributes.key":   "Key",
		"attributes.value": "Value",
	})
	for _, t := range []string{"aws_lb_listener", "aws_alb_listener"} {
		add("aws.elb.listener", t, "", map[string]string{
			"protocol":                          "protocol",
			"port":                              "port",
			"ssl_policy":                        "ssl_policy",
			"default_actions":                   "default_action",
			"default_actions.type":              "type",
			"default_actions.redirect_protocol": "redirect.protocol",
		})
	}
	add("aws.elb.listener", "AWS::ElasticLoadBalancingV2::Listener", "", map[string]string{
		"protocol":                          "Protocol",
		"port":                              "Port",
		"ssl_policy":                        "SslPolicy",
		"default_actions":                   "DefaultActions",
		"default_actions.type":              "Type",
		"default_actions.redirect_protocol": "RedirectConfig.Protocol",
	})
	add("aws.elb.classic", "aws_elb", "name", map[string]string{
		"internal":                    "internal",
		"listeners":                   "listener",
		"listeners.lb_protocol":       "lb_protocol",
		"listeners.lb_port":           "lb_port",
		"listeners.instance_protocol": "instance_protocol",
	})
	add("aws.elb.classic", "AWS::ElasticLoadBalancing::LoadBalancer", "LoadBalancerName", map[string]string{
		"internal":                    "Scheme|eq:internal",
		"listeners":                   "Listeners",
		"listeners.lb_protocol":       "Protocol",
		"listeners.lb_port":           "LoadBalancerPort",
		"listeners.instance_protocol": "InstanceProtocol",
	})

	// Lambda.
	add("aws.lambda.function", "aws_lambda_function", "function_name", map[string]string{
		"tracing_mode": "tracing_config.mode", "runtime": "runtime",
		"environment": "environment.variables|entries", "environment.key": "key", "environment.value": "value",
	})
	add("aws.lambda.function", "AWS::Lambda::Function", "FunctionName", map[string]string{
		"tracing_mode": "TracingConfig.Mode", "runtime": "Runtime",
		"environment": "Environment.Variables|entries", "environment.key": "key", "environment.value": "value",
	})
	add("aws.lambda.function", "AWS::Serverless::Function", "FunctionName", map[string]string{
		"tracing_mode": "Tracing", "runtime": "Runtime",
		"environment": "Environment.Variables|entries", "environment.key": "key", "environment.value": "value",
	})
	add("aws.lambda.function_url", "aws_lambda_function_url", "", map[string]string{
		"authorization_type": "authorization_type",
	})
	add("aws.lambda.function_url", "AWS::Lambda::Url", "", map[string]string{
		"authorization_type": "AuthType",
	})
	add("aws.lambda.permission", "aws_lambda_permission", "statement_id", map[string]string{
		"action": "action", "principal": "principal", "source_arn": "source_arn",
		"source_account": "source_account", "principal_org_id": "principal_org_id",
		"function_url_auth_type": "function_url_auth_type",
	})
	add("aws.lambda.permission", "AWS::Lambda::Permission", "", map[string]string{
		"action": "Action", "principal": "Principal", "source_arn": "SourceArn",
		"source_account": "SourceAccount", "principal_org_id": "PrincipalOrgID",
		"function_url_auth_type": "FunctionUrlAuthType",
	})

	// EKS.
	add("aws.eks.cluster", "aws_eks_cluster", "name", map[string]string{
		"endpoint_public_access":      "vpc_config.endpoint_public_access",
		"endpoint_private_access":     "vpc_config.endpoint_private_access",
		"public_access_cidrs":         "vpc_config.public_access_cidrs",
		"encryption_config":           "encryption_config",
		"encryption_config.resources": "resources",
		"encryption_config.key_arn":   "provider.key_arn",
		"enabled_log_types":           "enabled_cluster_log_types",
		"enabled_log_types.type":      "",
	})
	add("aws.eks.cluster", "AWS::EKS::Cluster", "Name", map[string]string{
		"endpoint_public_access":      "ResourcesVpcConfig.EndpointPublicAccess",
		"endpoint_private_access":     "ResourcesVpcConfig.EndpointPrivateAccess",
		"public_access_cidrs":         "ResourcesVpcConfig.PublicAccessCidrs",
		"encryption_config":           "EncryptionConfig",
		"encryption_config.resources": "Resources",
		"encryption_config.key_arn":   "Provider.KeyArn",
		"enabled_log_types":           "Logging.ClusterLogging.EnabledTypes",
		"enabled_log_types.type":      "Type",
	})

	// ECR.
	add("aws.ecr.repository", "aws_ecr_repository", "name", map[string]string{
		"scan_on_push":         "image_scanning_configuration.scan_on_push",
		"image_tag_mutability": "image_tag_mutability",
		"encryption_type":      "encryption_configuration.encryption_type",
		"kms_key":              "encryption_configuration.kms_key",
	})
	add("aws.ecr.repository", "AWS::ECR::Repository", "RepositoryName", map[string]string{
		"scan_on_push":                    "ImageScanningConfiguration.ScanOnPush",
		"image_tag_mutability":            "ImageTagMutability",
		"encryption_type":                 "EncryptionConfiguration.EncryptionType",
		"kms_key":                         "EncryptionConfiguration.KmsKey",
		"policy":                          "RepositoryPolicyText",
		"policy_statements":               "RepositoryPolicyText.Statement",
		"policy_statements.effect":        "Effect",
		"policy_statements.principal":     "Principal",
		"policy_statements.principal_aws": "Principal.AWS",
		"policy_statements.has_condition": "Condition|present",
	})

	// ECS.
	add("aws.ecs.cluster", "aws_ecs_cluster", "name", map[string]string{
		"settings": "setting", "settings.setting_name": "name", "settings.value": "value",
	})
	add("aws.ecs.cluster", "AWS::ECS::Cluster", "ClusterName", map[string]string{
		"settings": "ClusterSettings", "settings.setting_name": "Name", "settings.value": "Value",
	})
	add("aws.ecs.task_definition", "aws_ecs_task_definition", "family", map[string]string{
		"container_definitions":          "container_definitions",
		"volumes":                        "volume",
		"volumes.volume_name":            "name",
		"volumes.efs":                    "efs_volume_configuration|present",
		"volumes.efs_transit_encryption": "efs_volume_configuration.transit_encryption",
	})
	add("aws.ecs.task_definition", "AWS::ECS::TaskDefinition", "Family", map[string]string{
		"containers":                          "ContainerDefinitions",
		"containers.container_name":           "Name",
		"containers.privileged":               "Privileged",
		"containers.readonly_root_filesystem": "ReadonlyRootFilesystem",
		"containers.environment":              "Environment",
		"containers.environment.var_name":     "Name",
		"containers.environment.value":        "Value",
		"volumes":                             "Volumes",
		"volumes.volume_name":                 "Name",
		"volumes.efs":                         "EFSVolumeConfiguration|present",
		"volumes.efs_transit_encryption":      "EFSVolumeConfiguration.TransitEncryption",
	})

	// API Gateway (and the SAM API resources).
	add("aws.apigateway.stage", "aws_api_gateway_stage", "stage_name", map[string]string{
		"api_version":            "|const:v1",
		"access_log_destination": "access_log_settings.destination_arn",
		"xray_tracing_enabled":   "xray_tracing_enabled",
		"cache_cluster_enabled":  "cache_cluster_enabled",
	})
	add("aws.apigateway.stage", "aws_apigatewayv2_stage", "name", map[string]string{
		"api_version":            "|const:v2",
		"access_log_destination": "access_log_settings.destination_arn",
	})
	for _, t := range []string{"AWS::ApiGateway::Stage", "AWS::Serverless::Api"} {
		add("aws.apigateway.stage", t, "StageName", map[string]string{
			"api_version":                          "|const:v1",
			"access_log_destination":               "AccessLogSetting.DestinationArn",
			"xray_tracing_enabled":                 "TracingEnabled",
			"cache_cluster_enabled":                "CacheClusterEnabled",
			"method_settings":                      "MethodSettings",
			"method_settings.method_path":          "ResourcePath",
			"method_settings.caching_enabled":      "CachingEnabled",
			"method_settings.cache_data_encrypted": "CacheDataEncrypted",
		})
	}
	add("aws.apigateway.stage", "AWS::ApiGatewayV2::Stage", "StageName", map[string]string{
		"api_version":            "|const:v2",
		"access_log_destination": "AccessLogSettings.DestinationArn",
	})
	add("aws.apigateway.stage", "AWS::Serverless::HttpApi", "StageName", map[string]string{
		"api_version":            "|const:v2",
		"access_log_destination": "AccessLogSettings.DestinationArn",
	})
	add("aws.apigateway.method", "aws_api_gateway_method", "", map[string]string{
		"http_method": "http_method", "authorization": "authorization", "api_key_required": "api_key_required",
	})
	add("aws.apigateway.method", "AWS::ApiGateway::Method", "", map[string]string{
		"http_method": "HttpMethod", "authorization": "AuthorizationType", "api_key_required": "ApiKeyRequired",
	})
	add("aws.apigateway.domain_name", "aws_api_gateway_domain_name", "domain_name", map[string]string{
		"security_policy": "security_policy",
	})
	add("aws.apigateway.domain_name", "aws_apigatewayv2_domain_name", "domain_name", map[string]string{
		"security_policy": "domain_name_configuration.security_policy",
	})
	add("aws.apigateway.domain_name", "AWS::ApiGateway::DomainName", "DomainName", map[string]string{
		"security_policy": "SecurityPolicy",
	})
	add("aws.apigateway.domain_name", "AWS::ApiGatewayV2::DomainName", "DomainName", map[string]string{
		"security_policy": "DomainNameConfigurations.SecurityPolicy",
	})

	// CloudFront.
	add("aws.cloudfront.distribution", "aws_cloudfront_distribution", "", map[string]string{
		"default_viewer_protocol_policy":                    "default_cache_behavior.viewer_protocol_policy",
		"ordered_cache_behaviors":                           "ordered_cache_behavior",
		"ordered_cache_behaviors.path_pattern":              "path_pattern",
		"ordered_cache_behaviors.viewer_protocol_policy":    "viewer_protocol_policy",
		"viewer_certificate.cloudfront_default_certificate": "viewer_certificate.cloudfront_default_certificate ?? viewer_certificate|absent",
		"viewer_certificate.minimum_protocol_version":       "viewer_certificate.minimum_protocol_version",
		"logging_enabled":                                   "logging_config|present",
		"web_acl_id":                                        "web_acl_id",
	})
	add("aws.cloudfront.distribution", "AWS::CloudFront::Distribution", "", map[string]string{
		"default_viewer_protocol_policy":                    "DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy",
		"ordered_cache_behaviors":                           "DistributionConfig.CacheBehaviors",
		"ordered_cache_behaviors.path_pattern":              "PathPattern",
		"ordered_cache_behaviors.viewer_protocol_policy":    "ViewerProtocolPolicy",
		"viewer_certificate.cloudfront_default_certificate": "DistributionConfig.ViewerCertificate.CloudFrontDefaultCertificate ?? DistributionConfig.ViewerCertificate|absent",
		"viewer_certificate.minimum_protocol_version":       "DistributionConfig.ViewerCertificate.MinimumProtocolVersion",
		"logging_enabled":                                   "DistributionConfig.Logging|present",
		"web_acl_id":                                        "DistributionConfig.WebACLId",
	})

	// OpenSearch / Elasticsearch.
	for _, t := range []string{"aws_elasticsearch_domain", "aws_opensearch_domain"} {
		add("aws.elasticsearch.domain", t, "domain_name", map[string]string{
			"encrypt_at_rest":         "encrypt_at_rest.enabled",
			"node_to_node_encryption": "node_to_node_encryption.enabled",
			"enforce_https":           "domain_endpoint_options.enforce_https ?? domain_endpoint_options|present",
			"tls_security_policy":     "domain_endpoint_options.tls_security_policy",
			"log_publishing":          "log_publishing_options",
			"log_publishing.log_type": "log_type",
			"log_publishing.enabled":  "enabled",
		})
	}
	for _, t := range []string{"AWS::Elasticsearch::Domain", "AWS::OpenSearchService::Domain"} {
		add("aws.elasticsearch.domain", t, "DomainName", map[string]string{
			"encrypt_at_rest":         "EncryptionAtRestOptions.Enabled",
			"node_to_node_encryption": "NodeToNodeEncryptionOptions.Enabled",
			"enforce_https":           "DomainEndpointOptions.EnforceHTTPS",
			"tls_security_policy":     "DomainEndpointOptions.TLSSecurityPolicy",
			"log_publishing":          "LogPublishingOptions.AUDIT_LOGS",
			"log_publishing.log_type": "|const:AUDIT_LOGS",
			"log_publishing.enabled":  "Enabled",
		})
	}

	// MSK.
	add("aws.msk.cluster", "aws_msk_cluster", "cluster_name", map[string]string{
		"client_broker":                  "encryption_info.encryption_in_transit.client_broker",
		"in_cluster":                     "encryption_info.encryption_in_transit.in_cluster",
		"encryption_at_rest_kms_key_arn": "encryption_info.encryption_at_rest_kms_key_arn",
		"logging.cloudwatch":             "logging_info.broker_logs.cloudwatch_logs.enabled",
		"logging.firehose":               "logging_info.broker_logs.firehose.enabled",
		"logging.s3":                     "logging_info.broker_logs.s3.enabled",
	})
	add("aws.msk.cluster", "AWS::MSK::Cluster", "ClusterName", map[string]string{
		"client_broker":                  "EncryptionInfo.EncryptionInTransit.ClientBroker",
		"in_cluster":                     "EncryptionInfo.EncryptionInTransit.InCluster",
		"encryption_at_rest_kms_key_arn": "EncryptionInfo.EncryptionAtRest.DataVolumeKMSKeyId",
		"logging.cloudwatch":             "LoggingInfo.BrokerLogs.CloudWatchLogs.Enabled",
		"logging.firehose":               "LoggingInfo.BrokerLogs.Firehose.Enabled",
		"logging.s3":                     "LoggingInfo.BrokerLogs.S3.Enabled",
	})

	// AWS Config.
	add("aws.config.aggregator", "aws_config_configuration_aggregator", "name", map[string]string{
		"all_regions": "account_aggregation_source.all_regions ?? organization_aggregation_source.all_regions",
	})
	add("aws.config.aggregator", "AWS::Config::ConfigurationAggregator", "ConfigurationAggregatorName", map[string]string{
		"all_regions": "AccountAggregationSources.AllAwsRegions ?? OrganizationAggregationSource.AllAwsRegions",
	})
	add("aws.config.recorder", "aws_config_configuration_recorder", "name", map[string]string{
		"all_supported":                 "recording_group.all_supported",
		"include_global_resource_types": "recording_group.include_global_resource_types",
	})
	add("aws.config.recorder", "AWS::Config::ConfigurationRecorder", "Name", map[string]string{
		"all_supported":                 "RecordingGroup.AllSupported",
		"include_global_resource_types": "RecordingGroup.IncludeGlobalResourceTypes",
	})

	// CodeBuild.
	add("aws.codebuild.project", "aws_codebuild_project", "name", map[string]string{
		"artifacts_encryption_disabled":           "artifacts.encryption_disabled",
		"secondary_artifacts":                     "secondary_artifacts",
		"secondary_artifacts.identifier":          "artifact_identifier",
		"secondary_artifacts.encryption_disabled": "encryption_disabled",
	})
	add("aws.codebuild.project", "AWS::CodeBuild::Project", "Name", map[string]string{
		"artifacts_encryption_disabled":           "Artifacts.EncryptionDisabled",
		"secondary_artifacts":                     "SecondaryArtifacts",
		"secondary_artifacts.identifier":          "ArtifactIdentifier",
		"secondary_artifacts.encryption_disabled": "EncryptionDisabled",
	})

	// WorkSpaces.
	add("aws.workspaces.workspace", "aws_workspaces_workspace", "", map[string]string{
		"root_volume_encryption_enabled": "root_volume_encryption_enabled",
		"user_volume_encryption_enabled": "user_volume_encryption_enabled",
	})
	add("aws.workspaces.workspace", "AWS::WorkSpaces::Workspace", "", map[string]string{
		"root_volume_encryption_enabled": "RootVolumeEncryptionEnabled",
		"user_volume_encryption_enabled": "UserVolumeEncryptionEnabled",
	})
	return out
}

// computeLinks merge separate resources into the compute kinds.
func computeLinks() []spec.Link {
	return []spec.Link{
		{Kind: "aws.cloudtrail.log_bucket", Type: "aws_cloudtrail", Attr: "s3_bucket_name", Fields: map[string]string{
			"trail_bucket": "|const:true",
		}},
		{Kind: "aws.cloudtrail.log_bucket", Type: "AWS::CloudTrail::Trail", Attr: "S3BucketName", Fields: map[string]string{
			"trail_bucket": "|const:true",
		}},
		{Kind: "aws.cloudtrail.log_bucket", Type: "aws_s3_bucket_acl", Attr: "bucket", Fields: map[string]string{
			"public_acl": "acl|in:public-read,public-read-write,authenticated-read",
		}},
		{Kind: "aws.cloudtrail.log_bucket", Type: "aws_s3_bucket_logging", Attr: "bucket", Fields: map[string]string{
			"access_logging": "target_bucket|present",
		}},
		{Kind: "aws.ecr.repository", Type: "aws_ecr_repository_policy", Attr: "repository", Fields: map[string]string{
			"policy": "policy",
		}},
		{Kind: "aws.apigateway.stage", Type: "aws_api_gateway_method_settings", Attr: "stage_name", Fields: map[string]string{
			"method_settings":                      "",
			"method_settings.method_path":          "method_path",
			"method_settings.caching_enabled":      "settings.caching_enabled",
			"method_settings.cache_data_encrypted": "settings.cache_data_encrypted",
		}},
	}
}
