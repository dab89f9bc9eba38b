//go:build !unix

package fim

import (
	"io/fs"
	"os"
)

// owner is unknown on platforms without POSIX owners.
func owner(fs.FileInfo) (uid, gid uint32) { return 0, 0 }

func openNoFollow(p string) (*os.File, error) { return os.Open(p) }

func isNotDir(error) bool { return false }
