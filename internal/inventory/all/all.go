// Package all is the one explicit list of Ward's inventory extractors.
package all

import (
	"fmt"

	"github.com/wardsec/ward/internal/inventory/extract"
	"github.com/wardsec/ward/internal/inventory/lang/dotnet"
	"github.com/wardsec/ward/internal/inventory/lang/golang"
	"github.com/wardsec/ward/internal/inventory/lang/java"
	"github.com/wardsec/ward/internal/inventory/lang/npm"
	"github.com/wardsec/ward/internal/inventory/lang/php"
	"github.com/wardsec/ward/internal/inventory/lang/python"
	"github.com/wardsec/ward/internal/inventory/lang/ruby"
	"github.com/wardsec/ward/internal/inventory/lang/rust"
	"github.com/wardsec/ward/internal/inventory/os/apk"
	"github.com/wardsec/ward/internal/inventory/os/dpkg"
	"github.com/wardsec/ward/internal/inventory/os/rpm"
)

// Extractors returns every extractor with default settings, in a fixed
// order: OS package databases first, then language packages.
func Extractors() ([]extract.Extractor, error) {
	var out []extract.Extractor
	var firstErr error
	add := func(e extract.Extractor, err error) {
		if err != nil {
			if firstErr == nil {
				firstErr = fmt.Errorf("extractor: %w", err)
			}
			return
		}
		out = append(out, e)
	}
	add(dpkg.New(dpkg.Config{}))
	add(apk.New(apk.Config{}))
	add(rpm.New(rpm.Config{}))
	add(golang.NewGoMod(golang.Config{}))
	add(golang.NewGoBinary(golang.Config{}))
	add(npm.NewPackageLock(npm.Config{}))
	add(npm.NewYarnLock(npm.Config{}))
	add(npm.NewPnpmLock(npm.Config{}))
	add(npm.NewNodeModules(npm.Config{}))
	add(python.NewRequirements(python.Config{}))
	add(python.NewPoetryLock(python.Config{}))
	add(python.NewPipfileLock(python.Config{}))
	add(python.NewUVLock(python.Config{}))
	add(python.NewDist(python.Config{}))
	add(java.NewPOM(java.Config{}))
	add(java.NewGradleLock(java.Config{}))
	add(java.NewJAR(java.Config{}))
	add(rust.NewCargoLock(rust.Config{}))
	add(rust.NewCargoAuditable(rust.Config{}))
	add(ruby.NewGemfileLock(ruby.Config{}))
	add(ruby.NewGemspec(ruby.Config{}))
	add(php.NewComposerLock(php.Config{}))
	add(dotnet.NewNuGetLock(dotnet.Config{}))
	add(dotnet.NewDotnetDeps(dotnet.Config{}))
	return out, firstErr
}
