module example.com/shop/api

go 1.22.0

toolchain go1.22.5

require (
	github.com/gin-gonic/gin v1.9.1
	github.com/google/uuid v1.6.0
	golang.org/x/net v0.17.0 // indirect
	golang.org/x/text v0.14.0 // indirect
	example.com/shop/internal/auth v0.0.0-00010101000000-000000000000
	github.com/old/logger v1.2.0
	github.com/pinned/thing v1.0.0
)

require github.com/bytedance/sonic v1.9.1 // indirect

replace example.com/shop/internal/auth => ../auth

replace github.com/old/logger => github.com/new/logger v1.3.1

replace github.com/pinned/thing v0.9.0 => github.com/fork/thing v0.9.1

replace golang.org/x/net v0.17.0 => golang.org/x/net v0.23.0

exclude github.com/google/uuid v1.5.0

retract v0.1.0 // published by mistake
