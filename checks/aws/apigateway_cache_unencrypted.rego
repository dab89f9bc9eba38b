# METADATA
# title: API Gateway cache is not encrypted
# description: |
#   Method settings that enable response caching without cache_data_encrypted
#   store API responses unencrypted.
# related_resources:
#   - https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html
# custom:
#   id: WARD-AWS-0233
#   severity: MEDIUM
#   remediation: Set cache_data_encrypted (CacheDataEncrypted) to true wherever caching_enabled is true.
#   input:
#     type: cloud
#     kinds: [aws.apigateway.stage]
#   controls:
#     pci-dss-4.0: ["3.5.1"]
#     soc2: ["CC6.1"]
#     iso27001-2022: ["A.8.24"]
package ward.aws.apigateway_cache_unencrypted

import data.ward.lib.cloud
import rego.v1

deny contains cloud.result(sprintf("API Gateway stage %s caches %s unencrypted", [cloud.label, m.method_path]), ["method_settings", i, "cache_data_encrypted"]) if {
	some i, m in input.method_settings
	m.caching_enabled == true
	m.cache_data_encrypted == false
}
