resource "aws_elasticache_cluster" "jobs" {
  cluster_id               = "jobs"
  engine                   = "redis"
  node_type                = "cache.m6g.large"
  num_cache_nodes          = 1
}
