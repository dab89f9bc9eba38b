package aws

import "github.com/wardsec/ward/internal/state/cloud"

// computeSchemas declare the audit logging, load balancers, serverless, containers, APIs and CDN kinds.
func computeSchemas() []cloud.Schema {
	b := func(name string, def bool, doc string) cloud.Field {
		return cloud.Field{Name: name, Type: cloud.BoolField, Default: def, Doc: doc}
	}
	s := func(name, def, doc string) cloud.Field {
		return cloud.Field{Name: name, Type: cloud.StringField, Default: def, Doc: doc}
	}
	return []cloud.Schema{
		{Kind: "aws.cloudtrail.trail", Doc: "A CloudTrail trail.", Fields: []cloud.Field{
			b("is_multi_region_trail", false, "The trail logs every region."),
			b("enable_log_file_validation", false, "Log file integrity validation (digest files) is on."),
			s("kms_key_id", "", "The KMS key encrypting the log files; empty for SSE-S3."),
			s("cloud_watch_logs_group_arn", "", "The CloudWatch Logs group the trail also delivers to; empty for none."),
			b("include_global_service_events", true, "Events of global services (IAM, STS) are logged."),
			s("s3_bucket_name", "", "The bucket receiving the log files."),
			b("is_logging", true, "The trail is logging (Terraform enable_logging, CloudFormation IsLogging)."),
		}},
		{Kind: "aws.cloudtrail.log_bucket", Doc: "An S3 bucket seen from CloudTrail: every bucket of the scan, with trail_bucket set when a trail delivers to it.", Fields: []cloud.Field{
			b("trail_bucket", false, "A CloudTrail trail of the scan delivers its logs to the bucket."),
			b("public_acl", false, "The bucket's canned ACL is public-read, public-read-write or authenticated-read."),
			b("access_logging", false, "Server access logging is configured."),
		}},
		{Kind: "aws.cloudwatch.log_group", Doc: "A CloudWatch Logs log group.", Fields: []cloud.Field{
			s("kms_key_id", "", "The KMS key encrypting the group; empty for the service-owned key."),
			{Name: "retention_in_days", Type: cloud.IntField, Default: 0, Doc: "Days events are kept; 0 means they never expire."},
		}},
		{Kind: "aws.elb.load_balancer", Doc: "An Elastic Load Balancing v2 load balancer (application, network or gateway).", Fields: []cloud.Field{
			s("type", "application", "application, network or gateway."),
			b("internal", false, "The load balancer is internal (scheme internal) rather than internet-facing."),
			b("access_logs_enabled", false, "Access logs are delivered to S3 (Terraform access_logs.enabled)."),
			b("drop_invalid_header_fields", false, "Invalid HTTP header fields are dropped (application load balancers)."),
			b("deletion_protection", false, "Deletion protection is on."),
			{Name: "attributes", Type: cloud.ListField, Doc: "CloudFormation LoadBalancerAttributes; a key given here settles the matching field.", Fields: []cloud.Field{
				s("key", "", "Attribute key, e.g. routing.http.drop_invalid_header_fields.enabled."),
				s("value", "", "Attribute value as a string."),
			}},
		}},
		{Kind: "aws.elb.listener", Doc: "A listener of an Elastic Load Balancing v2 load balancer.", Fields: []cloud.Field{
			s("protocol", "", "HTTP, HTTPS, TCP, TLS, UDP, TCP_UDP or GENEVE; empty when the source omits it (HTTP for an application load balancer, GENEVE for a gateway load balancer)."),
			{Name: "port", Type: cloud.IntField, Doc: "The listening port."},
			s("ssl_policy", "", "The security policy of an HTTPS or TLS listener; empty for the AWS default."),
			{Name: "default_actions", Type: cloud.ListField, Doc: "The default actions.", Fields: []cloud.Field{
				s("type", "", "forward, redirect, fixed-response, authenticate-cognito or authenticate-oidc."),
				s("redirect_protocol", "#{protocol}", "The protocol of a redirect action; #{protocol} keeps the request's."),
			}},
		}},
		{Kind: "aws.elb.classic", Doc: "A Classic Load Balancer.", Fields: []cloud.Field{
			b("internal", false, "The load balancer is internal."),
			{Name: "listeners", Type: cloud.ListField, Doc: "The listeners.", Fields: []cloud.Field{
				s("lb_protocol", "", "Front-end protocol: HTTP, HTTPS, TCP or SSL."),
				{Name: "lb_port", Type: cloud.IntField, Doc: "Front-end port."},
				s("instance_protocol", "", "Back-end protocol."),
			}},
		}},
		{Kind: "aws.lambda.function", Doc: "A Lambda function (also SAM AWS::Serverless::Function).", Fields: []cloud.Field{
			s("tracing_mode", "PassThrough", "X-Ray tracing mode: Active or PassThrough."),
			s("runtime", "", "The runtime; empty for container images."),
			{Name: "environment", Type: cloud.ListField, Doc: "Environment variables, in name order.", Fields: []cloud.Field{
				{Name: "key", Type: cloud.StringField, Doc: "The variable name."},
				{Name: "value", Type: cloud.StringField, Doc: "The value, as written."},
			}},
		}},
		{Kind: "aws.lambda.function_url", Doc: "A Lambda function URL.", Fields: []cloud.Field{
			s("authorization_type", "", "AWS_IAM or NONE (required by both sources)."),
		}},
		{Kind: "aws.lambda.permission", Doc: "A resource-based permission statement of a Lambda function.", Fields: []cloud.Field{
			s("action", "", "The action allowed, e.g. lambda:InvokeFunction."),
			s("principal", "", "The principal: a service, an account, an ARN or *."),
			s("source_arn", "", "The source ARN condition; empty for none."),
			s("source_account", "", "The source account condition; empty for none."),
			s("principal_org_id", "", "The organization condition; empty for none."),
			s("function_url_auth_type", "", "For lambda:InvokeFunctionUrl: AWS_IAM or NONE; empty when not set."),
		}},
		{Kind: "aws.eks.cluster", Doc: "An EKS cluster.", Fields: []cloud.Field{
			b("endpoint_public_access", true, "The API server endpoint is reachable from the internet."),
			b("endpoint_private_access", false, "The API server endpoint is reachable from the VPC."),
			{Name: "public_access_cidrs", Type: cloud.StringsField, Default: []string{"0.0.0.0/0"}, Doc: "CIDRs allowed to reach the public endpoint."},
			{Name: "encryption_config", Type: cloud.ListField, Doc: "Envelope encryption of Kubernetes resources.", Fields: []cloud.Field{
				{Name: "resources", Type: cloud.StringsField, Doc: "Resources encrypted, e.g. secrets."},
				s("key_arn", "", "The KMS key; empty when not given."),
			}},
			{Name: "enabled_log_types", Type: cloud.ListField, Doc: "Control-plane log types sent to CloudWatch.", Fields: []cloud.Field{
				s("type", "", "api, audit, authenticator, controllerManager or scheduler."),
			}},
		}},
		{Kind: "aws.ecr.repository", Doc: "An ECR repository with its repository policy merged in.", Fields: []cloud.Field{
			b("scan_on_push", false, "Images are scanned when pushed."),
			s("image_tag_mutability", "MUTABLE", "MUTABLE or IMMUTABLE (or the *_WITH_EXCLUSION variants)."),
			s("encryption_type", "AES256", "AES256 or KMS."),
			s("kms_key", "", "The KMS key of KMS encryption; empty for the AWS managed key."),
			s("policy", "", "The repository policy as a JSON string (Terraform aws_ecr_repository_policy, or a CloudFormation string); empty for none."),
			{Name: "policy_statements", Type: cloud.ListField, Doc: "Statements of a CloudFormation RepositoryPolicyText object.", Fields: []cloud.Field{
				s("effect", "Allow", "Allow or Deny."),
				s("principal", "", "The principal when written as a string (\"*\")."),
				{Name: "principal_aws", Type: cloud.StringsField, Doc: "The AWS principals of a Principal object."},
				b("has_condition", false, "The statement has a Condition."),
			}},
		}},
		{Kind: "aws.ecs.cluster", Doc: "An ECS cluster.", Fields: []cloud.Field{
			{Name: "settings", Type: cloud.ListField, Doc: "Cluster settings (name containerInsights).", Fields: []cloud.Field{
				s("setting_name", "", "Setting name."),
				s("value", "", "Setting value: enabled, enhanced or disabled."),
			}},
		}},
		{Kind: "aws.ecs.task_definition", Doc: "An ECS task definition.", Fields: []cloud.Field{
			s("container_definitions", "", "Terraform: the container definitions as a JSON string (checks parse it); empty in CloudFormation."),
			{Name: "containers", Type: cloud.ListField, Doc: "CloudFormation ContainerDefinitions.", Fields: []cloud.Field{
				s("container_name", "", "Container name."),
				b("privileged", false, "The container runs privileged."),
				b("readonly_root_filesystem", false, "The root filesystem is read-only."),
				{Name: "environment", Type: cloud.ListField, Doc: "Plain environment variables.", Fields: []cloud.Field{
					s("var_name", "", "Variable name."),
					s("value", "", "Variable value."),
				}},
			}},
			{Name: "volumes", Type: cloud.ListField, Doc: "Task volumes.", Fields: []cloud.Field{
				s("volume_name", "", "Volume name."),
				b("efs", false, "The volume is an EFS file system."),
				s("efs_transit_encryption", "DISABLED", "EFS transit encryption: ENABLED or DISABLED."),
			}},
		}},
		{Kind: "aws.apigateway.stage", Doc: "An API Gateway stage, REST (v1) or HTTP/WebSocket (v2); also SAM Api/HttpApi.", Fields: []cloud.Field{
			s("api_version", "v1", "v1 for REST APIs, v2 for HTTP and WebSocket APIs."),
			s("access_log_destination", "", "The access log destination ARN; empty when access logging is off."),
			b("xray_tracing_enabled", false, "X-Ray tracing is on (REST APIs only)."),
			b("cache_cluster_enabled", false, "A cache cluster is provisioned (REST APIs only)."),
			{Name: "method_settings", Type: cloud.ListField, Doc: "Method settings (Terraform aws_api_gateway_method_settings, CloudFormation MethodSettings).", Fields: []cloud.Field{
				s("method_path", "*/*", "The method path the settings apply to."),
				b("caching_enabled", false, "Responses are cached."),
				b("cache_data_encrypted", false, "The cached responses are encrypted."),
			}},
		}},
		{Kind: "aws.apigateway.method", Doc: "An API Gateway REST API method.", Fields: []cloud.Field{
			s("http_method", "", "GET, POST, OPTIONS, ANY, ..."),
			s("authorization", "NONE", "NONE, AWS_IAM, CUSTOM or COGNITO_USER_POOLS."),
			b("api_key_required", false, "An API key is required."),
		}},
		{Kind: "aws.apigateway.domain_name", Doc: "An API Gateway custom domain name.", Fields: []cloud.Field{
			s("security_policy", "", "The TLS security policy (TLS_1_0, TLS_1_2 or a SecurityPolicy_* name); empty when not set."),
		}},
		{Kind: "aws.cloudfront.distribution", Doc: "A CloudFront distribution.", Fields: []cloud.Field{
			s("default_viewer_protocol_policy", "", "allow-all, https-only or redirect-to-https of the default cache behaviour."),
			{Name: "ordered_cache_behaviors", Type: cloud.ListField, Doc: "The other cache behaviours.", Fields: []cloud.Field{
				s("path_pattern", "", "The path pattern."),
				s("viewer_protocol_policy", "", "allow-all, https-only or redirect-to-https."),
			}},
			{Name: "viewer_certificate", Type: cloud.ObjectField, Doc: "The viewer certificate.", Fields: []cloud.Field{
				b("cloudfront_default_certificate", false, "The *.cloudfront.net certificate is used (true when no viewer certificate is given)."),
				s("minimum_protocol_version", "TLSv1", "The minimum TLS version for viewers."),
			}},
			b("logging_enabled", false, "Standard (legacy) access logging to S3 is configured."),
			s("web_acl_id", "", "The WAF web ACL; empty for none."),
		}},
		{Kind: "aws.elasticsearch.domain", Doc: "An OpenSearch or Elasticsearch domain.", Fields: []cloud.Field{
			b("encrypt_at_rest", false, "Encryption at rest is on."),
			b("node_to_node_encryption", false, "Node-to-node encryption is on."),
			b("enforce_https", false, "The endpoint requires HTTPS."),
			s("tls_security_policy", "Policy-Min-TLS-1-0-2019-07", "The endpoint's TLS policy."),
			{Name: "log_publishing", Type: cloud.ListField, Doc: "Log publishing options (CloudFormation: only AUDIT_LOGS is read).", Fields: []cloud.Field{
				s("log_type", "", "INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS, ES_APPLICATION_LOGS or AUDIT_LOGS."),
				b("enabled", true, "Publishing is on."),
			}},
		}},
		{Kind: "aws.msk.cluster", Doc: "An MSK (managed Kafka) cluster.", Fields: []cloud.Field{
			s("client_broker", "TLS", "Client-broker encryption: TLS, TLS_PLAINTEXT or PLAINTEXT."),
			b("in_cluster", true, "Encryption between brokers."),
			s("encryption_at_rest_kms_key_arn", "", "The KMS key of encryption at rest; empty for the AWS managed key."),
			{Name: "logging", Type: cloud.ObjectField, Doc: "Broker log delivery.", Fields: []cloud.Field{
				b("cloudwatch", false, "To CloudWatch Logs."),
				b("firehose", false, "To Kinesis Data Firehose."),
				b("s3", false, "To S3."),
			}},
		}},
		{Kind: "aws.config.aggregator", Doc: "An AWS Config configuration aggregator.", Fields: []cloud.Field{
			b("all_regions", false, "The aggregation source covers all regions."),
		}},
		{Kind: "aws.config.recorder", Doc: "An AWS Config configuration recorder.", Fields: []cloud.Field{
			b("all_supported", true, "Every supported resource type is recorded."),
			b("include_global_resource_types", false, "Global resources (IAM) are recorded."),
		}},
		{Kind: "aws.codebuild.project", Doc: "A CodeBuild project.", Fields: []cloud.Field{
			b("artifacts_encryption_disabled", false, "Encryption of the primary artifacts is disabled."),
			{Name: "secondary_artifacts", Type: cloud.ListField, Doc: "Secondary artifacts.", Fields: []cloud.Field{
				s("identifier", "", "The artifact identifier."),
				b("encryption_disabled", false, "Encryption of the artifacts is disabled."),
			}},
		}},
		{Kind: "aws.workspaces.workspace", Doc: "A WorkSpaces workspace.", Fields: []cloud.Field{
			b("root_volume_encryption_enabled", false, "The root volume is encrypted."),
			b("user_volume_encryption_enabled", false, "The user volume is encrypted."),
		}},
	}
}
