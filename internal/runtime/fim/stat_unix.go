//go:build unix

package fim

import (
	"errors"
	"io/fs"
	"os"
	"syscall"
)

// owner returns the file's user and group IDs.
func owner(fi fs.FileInfo) (uid, gid uint32) {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return st.Uid, st.Gid
	}
	return 0, 0
}

// openNoFollow opens p for reading without following a final symlink and
// without blocking on a FIFO that replaced the file.
func openNoFollow(p string) (*os.File, error) {
	return os.OpenFile(p, os.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_NONBLOCK, 0)
}

// isNotDir reports ENOTDIR: a path component is not a directory, so the
// path does not exist.
func isNotDir(err error) bool { return errors.Is(err, syscall.ENOTDIR) }
