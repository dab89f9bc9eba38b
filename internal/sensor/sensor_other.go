//go:build !linux || !amd64

package sensor

import (
	"context"

	"github.com/wardsec/ward/internal/event"
)

// Sensor is the eBPF sensor; on this platform New always fails with
// ErrUnsupportedPlatform. See the linux/amd64 implementation for the
// lifecycle.
type Sensor struct{}

// New validates cfg and returns ErrUnsupportedPlatform.
func New(cfg Config) (*Sensor, error) {
	if _, err := normalize(cfg); err != nil {
		return nil, err
	}
	return nil, ErrUnsupportedPlatform
}

// Run returns ErrUnsupportedPlatform.
func (s *Sensor) Run(ctx context.Context, fn func(*event.Event)) error {
	return ErrUnsupportedPlatform
}

// Stats returns empty counters.
func (s *Sensor) Stats() Stats { return Stats{} }

// Close does nothing.
func (s *Sensor) Close() error { return nil }
