package enrich

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/moby/moby/client"

	"github.com/wardsec/ward/internal/event"
)

// Docker looks containers up in the Docker engine (DOCKER_HOST or the
// default socket).
type Docker struct {
	c *client.Client
}

var _ ContainerLookup = (*Docker)(nil)

// NewDocker connects lazily: an engine that is not running makes every
// lookup miss, never an error at start.
func NewDocker() (*Docker, error) {
	c, err := client.New(client.FromEnv)
	if err != nil {
		return nil, fmt.Errorf("docker client: %w", err)
	}
	return &Docker{c: c}, nil
}

// Container implements ContainerLookup.
func (d *Docker) Container(ctx context.Context, id string) (event.Container, bool) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	res, err := d.c.ContainerInspect(ctx, id, client.ContainerInspectOptions{})
	if err != nil {
		return event.Container{}, false
	}
	ci := res.Container
	c := event.Container{FullID: ci.ID, Runtime: "docker", ImageDigest: ci.Image}
	c.Name = strings.TrimPrefix(ci.Name, "/")
	if ci.Config != nil {
		c.Image = ci.Config.Image
	}
	c.ImageRepository, c.ImageTag = SplitImage(c.Image)
	if ci.HostConfig != nil {
		c.Privileged = ci.HostConfig.Privileged
	}
	return c, true
}

// Close releases the client.
func (d *Docker) Close() error { return d.c.Close() }

// SplitImage splits "registry/repo:tag@digest" into repository and tag
// (Falco's container.image.repository and container.image.tag); a
// reference without a tag has tag "latest" unless it is pinned by digest.
func SplitImage(ref string) (repo, tag string) {
	ref, digest, _ := strings.Cut(ref, "@")
	repo = ref
	if i := strings.LastIndexByte(ref, ':'); i > strings.LastIndexByte(ref, '/') {
		repo, tag = ref[:i], ref[i+1:]
	}
	if tag == "" && digest == "" && repo != "" {
		tag = "latest"
	}
	return repo, tag
}
