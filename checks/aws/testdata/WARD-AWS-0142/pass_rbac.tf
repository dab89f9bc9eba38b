resource "aws_elasticache_user_group" "app" {
  engine        = "REDIS"
  user_group_id = "app-users"
  user_ids      = ["default"]
}

resource "aws_elasticache_replication_group" "sessions" {
  replication_group_id       = "sessions"
  description                = "session cache"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = "cache.r7g.large"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
  at_rest_encryption_enabled = true
  kms_key_id                 = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  transit_encryption_enabled = true
  snapshot_retention_limit   = 7
  user_group_ids             = [aws_elasticache_user_group.app.user_group_id]
}
