// Package java holds the inventory extractors of the Java ecosystem: Maven
// pom.xml files ("lang/pom"), Gradle lockfiles ("lang/gradle-lock") and
// JAR, WAR and EAR archives ("lang/jar"). Every package they report is in
// the Maven ecosystem, named "groupId:artifactId" where the source says the
// group.
package java

import (
	"errors"

	"github.com/wardsec/ward/internal/limits"
)

// Extractor IDs, stable forever.
const (
	POMID        = "lang/pom"
	GradleLockID = "lang/gradle-lock"
	JARID        = "lang/jar"
)

// Defaults of the archive limits of Config.
const (
	DefaultMaxArchiveDepth   = 3
	DefaultMaxArchiveEntries = 100_000
	DefaultMaxEntrySize      = 1 << 20
	DefaultMaxNestedSize     = 32 << 20
	DefaultMaxExpandedBytes  = 256 << 20
)

// Config bounds what the extractors read. A zero field takes its default;
// a negative one is an error.
type Config struct {
	// MaxFileSize is the most bytes read from a pom.xml or a lockfile
	// (default limits.DefaultMaxFileSize).
	MaxFileSize int64
	// MaxDepth is the deepest XML element nesting of a pom.xml (default
	// limits.DefaultMaxDepth); MaxElements the most XML elements (default
	// limits.DefaultMaxNodes).
	MaxDepth    int
	MaxElements int

	// MaxArchiveDepth is how many levels of archives nested in the scanned
	// one are opened: 1 opens app.war!/WEB-INF/lib/x.jar but not the jars
	// inside x.jar (default DefaultMaxArchiveDepth).
	MaxArchiveDepth int
	// MaxArchiveEntries caps the entries of the scanned archive and all
	// archives nested in it together (default DefaultMaxArchiveEntries).
	MaxArchiveEntries int
	// MaxEntrySize caps one metadata entry (pom.properties, MANIFEST.MF)
	// inflated (default DefaultMaxEntrySize).
	MaxEntrySize int64
	// MaxNestedSize caps one compressed nested archive, which is inflated in
	// memory (default DefaultMaxNestedSize). Stored (uncompressed) nested
	// archives are read in place.
	MaxNestedSize int64
	// MaxExpandedBytes caps all bytes inflated from, or read in place
	// inside, nested archives during one Extract (default
	// DefaultMaxExpandedBytes). It is what makes a zip bomb harmless.
	MaxExpandedBytes int64
}

func (c Config) withDefaults() (Config, error) {
	if c.MaxFileSize < 0 || c.MaxDepth < 0 || c.MaxElements < 0 || c.MaxArchiveDepth < 0 ||
		c.MaxArchiveEntries < 0 || c.MaxEntrySize < 0 || c.MaxNestedSize < 0 || c.MaxExpandedBytes < 0 {
		return c, errors.New("java: negative limit in config")
	}
	set := func(v *int64, d int64) {
		if *v == 0 {
			*v = d
		}
	}
	seti := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	set(&c.MaxFileSize, limits.DefaultMaxFileSize)
	seti(&c.MaxDepth, limits.DefaultMaxDepth)
	seti(&c.MaxElements, limits.DefaultMaxNodes)
	seti(&c.MaxArchiveDepth, DefaultMaxArchiveDepth)
	seti(&c.MaxArchiveEntries, DefaultMaxArchiveEntries)
	set(&c.MaxEntrySize, DefaultMaxEntrySize)
	set(&c.MaxNestedSize, DefaultMaxNestedSize)
	set(&c.MaxExpandedBytes, DefaultMaxExpandedBytes)
	return c, nil
}
