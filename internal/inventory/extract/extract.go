// Package extract defines the contract of inventory extractors: plugins that
// find packages in one file (a dpkg status database, a package-lock.json, a
// Go binary). The scan core walks the filesystem (a directory, an image
// layer) once, asks every extractor whether it wants a path, and hands each
// interested extractor a reader of that file.
package extract

import (
	"context"
	"io"
	"io/fs"

	"github.com/wardsec/ward/internal/inventory"
)

// Input is one file handed to an extractor.
type Input struct {
	// Path is the file's path relative to the scanned root, with forward
	// slashes and no leading slash ("var/lib/dpkg/status").
	Path string
	// Reader reads the file; Size is its length. Extractors must not read
	// past Size and must bound what they keep in memory (see package
	// limits).
	Reader io.ReaderAt
	Size   int64
	// Mode is the file's mode (executables for binary extractors).
	Mode fs.FileMode
}

// Extractor finds packages in single files.
//
// Lifecycle: the core calls ID and Version once; Required for every regular
// file of the walk (a cheap test of the path, size and mode — no I/O);
// Extract once per required file, possibly concurrently, so Extract keeps no
// per-call state on the receiver. An error from Extract (a *limits.ParseError
// or *limits.LimitError where it applies) is recorded against the file and
// the scan goes on; packages returned with an error are kept.
//
// Packages returned carry Name, Version, Ecosystem (for OS packages the
// extractor may leave the release off — "Debian" — and the core completes it
// from the detected distro), Location (= Input.Path unless the extractor
// knows better, e.g. a JAR inside a JAR: "app.jar!/lib/x.jar"), Extractor (=
// ID()), and where known SourceName/SourceVersion, Licenses, Dev, Direct. The
// core fills PURL and Layer.
type Extractor interface {
	// ID is "<group>/<name>": "os/dpkg", "lang/npm-lock".
	ID() string
	Version() int
	Required(path string, size int64, mode fs.FileMode) bool
	Extract(ctx context.Context, in Input) ([]inventory.Package, error)
}
