//go:build !integration

package image

const integrationBuild = false
