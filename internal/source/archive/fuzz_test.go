package archive

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"testing"

	"github.com/wardsec/ward/internal/source"
)

// FuzzExpand feeds random bytes to Expand as a zip, as a tar.gz (raw, and
// gzip-compressed so the tar reader sees them) and as a tar: it must not
// panic, and must stay within its limits.
func FuzzExpand(f *testing.F) {
	f.Add(mkZip(f, file("a.env", "K=V"), entry{name: "in.tar.gz", data: mkTgz(f, file("b", "b"))}))
	f.Add(mkTgz(f, file("dir/x", "x"), entry{name: "n.zip", data: mkZip(f, file("y", "y"))}))
	f.Add(mkTar(f, file("../evil", "e"), file("ok", "ok")))
	_, nested := nest(f, file("s", "s"), KindZip, KindTarGz, KindZip, KindTar)
	f.Add(nested)
	f.Add(zeroBombZip(f, "z", 4<<20))
	f.Add([]byte("PK\x03\x04garbage"))
	lim := source.Limits{MaxFileSize: 8 << 20, MaxExpandedBytes: 16 << 20, MaxArchiveEntries: 1000, MaxArchiveDepth: 4}
	f.Fuzz(func(t *testing.T, data []byte) {
		var zbuf bytes.Buffer
		zw := gzip.NewWriter(&zbuf)
		zw.Write(data)
		zw.Close()
		for _, it := range []source.Item{
			memItem("f.zip", data),
			memItem("f.tar.gz", data),
			memItem("f.tgz", zbuf.Bytes()),
			memItem("f.tar", data),
		} {
			var total int64
			err := Expand(context.Background(), it, lim, 0, func(it source.Item) error {
				rc, err := it.Open()
				if err != nil {
					return err
				}
				n, _ := io.Copy(io.Discard, rc)
				rc.Close()
				total += n
				return nil
			}, func(string, error) {})
			if err != nil {
				t.Fatalf("%s: Expand returned %v", it.Path, err)
			}
			if total > lim.MaxExpandedBytes+int64(len(data)) {
				t.Fatalf("%s: %d bytes yielded past the cap", it.Path, total)
			}
		}
	})
}
