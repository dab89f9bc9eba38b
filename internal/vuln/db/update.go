package db

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/wardsec/ward/internal/limits"
)

// DefaultHTTPTimeout bounds one download when Update is given no client.
const DefaultHTTPTimeout = 10 * time.Minute

// Update downloads <mirrorURL>/<ecosystem>/all.zip for each ecosystem (the
// layout of OSV's bucket, https://osv-vulnerabilities.storage.googleapis.com)
// and imports it as source "mirror:<ecosystem>", replacing the previous
// download. mirrorURL must be http or https. Each download is capped at
// Limits.MaxDownloadSize and spooled to a temporary file next to the
// database (removed afterwards); the archive is read as ImportOSVPath reads
// zips. client nil means an http.Client with DefaultHTTPTimeout.
//
// One failing ecosystem does not stop the others: the results of those
// imported are returned with the joined errors of the rest.
func (db *DB) Update(ctx context.Context, mirrorURL string, ecosystems []string, client *http.Client) ([]ImportResult, error) {
	if db.ro {
		return nil, errors.New("update: database opened read-only")
	}
	base, err := url.Parse(mirrorURL)
	if err != nil {
		return nil, fmt.Errorf("update: mirror URL %q: %w", mirrorURL, err)
	}
	if base.Scheme != "http" && base.Scheme != "https" || base.Host == "" {
		return nil, fmt.Errorf("update: mirror URL %q: want http(s)://host/…", mirrorURL)
	}
	if client == nil {
		client = &http.Client{Timeout: DefaultHTTPTimeout}
	}
	var (
		results []ImportResult
		errs    []error
	)
	for _, eco := range ecosystems {
		if err := ctx.Err(); err != nil {
			errs = append(errs, err)
			break
		}
		if eco == "" || strings.ContainsAny(eco, "/\\") || eco == "." || eco == ".." {
			errs = append(errs, fmt.Errorf("update: invalid ecosystem %q", eco))
			continue
		}
		u := base.JoinPath(eco, "all.zip")
		res, err := db.updateOne(ctx, client, u.String(), eco)
		if err != nil {
			errs = append(errs, fmt.Errorf("update %s: %w", eco, err))
			continue
		}
		results = append(results, res)
	}
	return results, errors.Join(errs...)
}

func (db *DB) updateOne(ctx context.Context, client *http.Client, u, eco string) (ImportResult, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return ImportResult{}, fmt.Errorf("request %s: %w", u, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return ImportResult{}, fmt.Errorf("download: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return ImportResult{}, fmt.Errorf("download %s: %s", u, resp.Status)
	}
	max := db.limits.MaxDownloadSize
	if resp.ContentLength > max {
		return ImportResult{}, &limits.LimitError{What: "download " + u, Limit: max}
	}
	tmp, err := os.CreateTemp(filepath.Dir(db.path), ".download-*.zip")
	if err != nil {
		return ImportResult{}, fmt.Errorf("spool download: %w", err)
	}
	defer func() {
		_ = tmp.Close()
		_ = os.Remove(tmp.Name())
	}()
	n, err := io.Copy(tmp, io.LimitReader(resp.Body, max+1))
	if err != nil {
		return ImportResult{}, fmt.Errorf("download %s: %w", u, err)
	}
	if n > max {
		return ImportResult{}, &limits.LimitError{What: "download " + u, Limit: max}
	}
	src := Source{Name: "mirror:" + eco, Kind: "osv-mirror", Location: u}
	return db.importZip(ctx, src, tmp, n)
}
