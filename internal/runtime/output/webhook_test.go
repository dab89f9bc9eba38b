package output

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

var quiet = slog.New(slog.DiscardHandler)

func TestWebhookRoundTrip(t *testing.T) {
	got := make(chan Record, 16)
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		// The first request fails: the sink retries it.
		if calls.Add(1) == 1 {
			http.Error(w, "warming up", http.StatusServiceUnavailable)
			return
		}
		if req.Method != http.MethodPost || req.Header.Get("Content-Type") != "application/json" {
			http.Error(w, "want a JSON POST", http.StatusBadRequest)
			return
		}
		var r Record
		if err := json.NewDecoder(req.Body).Decode(&r); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		got <- r
	}))
	defer srv.Close()

	s := Webhook(srv.URL+"/alerts", WithRetries(3, time.Millisecond), WithLogger(quiet))
	want := []Record{testRecord("WARD-RT-0001"), testRecord("WARD-RT-0002")}
	for _, r := range want {
		if err := s.Write(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	close(got)
	var recv []Record
	for r := range got {
		recv = append(recv, r)
	}
	if diff := cmp.Diff(want, recv); diff != "" {
		t.Errorf("records the server received (-want +got):\n%s", diff)
	}
	if s.Sent() != 2 || s.Failed() != 0 || s.Dropped() != 0 {
		t.Errorf("sent/failed/dropped = %d/%d/%d, want 2/0/0", s.Sent(), s.Failed(), s.Dropped())
	}
	if n := calls.Load(); n != 3 {
		t.Errorf("server saw %d requests, want 3 (one retry)", n)
	}
	if err := s.Write(t.Context(), want[0]); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close = %v, want ErrClosed", err)
	}
}

func TestWebhookFailingServerCountsFailures(t *testing.T) {
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		http.Error(w, "broken", http.StatusInternalServerError)
	}))
	defer srv.Close()
	var logs strings.Builder
	var logMu sync.Mutex
	log := slog.New(slog.NewTextHandler(writerFunc(func(p []byte) (int, error) {
		logMu.Lock()
		defer logMu.Unlock()
		return logs.Write(p)
	}), nil))
	s := Webhook(srv.URL+"/alerts?token=s3cret", WithRetries(2, time.Millisecond), WithLogger(log))
	if err := s.Write(t.Context(), testRecord("WARD-RT-0001")); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if s.Sent() != 0 || s.Failed() != 1 {
		t.Errorf("sent/failed = %d/%d, want 0/1", s.Sent(), s.Failed())
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("server saw %d requests, want 2 attempts", n)
	}
	logMu.Lock()
	defer logMu.Unlock()
	if !strings.Contains(logs.String(), "webhook delivery failed") || !strings.Contains(logs.String(), "HTTP 500") {
		t.Errorf("log does not report the failure: %s", logs.String())
	}
	if strings.Contains(logs.String(), "s3cret") {
		t.Errorf("log leaks the URL's token: %s", logs.String())
	}
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

// TestWebhookFullQueueDrops: with the server stuck, the worker holds one
// record and the queue one more; every further Write returns ErrDropped at
// once and is counted, and Close gives up after its drain timeout.
func TestWebhookFullQueueDrops(t *testing.T) {
	release := make(chan struct{})
	arrived := make(chan struct{}, 8)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		_, _ = io.Copy(io.Discard, req.Body)
		arrived <- struct{}{}
		select {
		case <-release:
		case <-req.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)

	s := Webhook(srv.URL, WithQueueSize(1), WithRetries(1, time.Millisecond), WithDrainTimeout(200*time.Millisecond), WithLogger(quiet),
		WithHTTPClient(&http.Client{Timeout: time.Minute}))
	if err := s.Write(t.Context(), testRecord("WARD-RT-0001")); err != nil {
		t.Fatal(err)
	}
	<-arrived // the worker is now stuck in the first POST
	if err := s.Write(t.Context(), testRecord("WARD-RT-0002")); err != nil {
		t.Fatalf("second write (fills the queue): %v", err)
	}

	const extra = 50
	done := make(chan []error)
	go func() {
		var errs []error
		for range extra {
			errs = append(errs, s.Write(t.Context(), testRecord("WARD-RT-0003")))
		}
		done <- errs
	}()
	select {
	case errs := <-done:
		for i, err := range errs {
			if !errors.Is(err, ErrDropped) {
				t.Fatalf("write %d with a full queue = %v, want ErrDropped", i, err)
			}
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Write blocked on a full queue")
	}
	if got := s.Dropped(); got != extra {
		t.Errorf("Dropped() = %d, want %d", got, extra)
	}

	err := s.Close()
	if err == nil || !strings.Contains(err.Error(), "not delivered") {
		t.Errorf("Close with a stuck server = %v, want an error counting the undelivered alerts", err)
	}
	if s.Sent() != 0 || s.Failed() != 2 {
		t.Errorf("sent/failed = %d/%d, want 0/2 (in flight and queued)", s.Sent(), s.Failed())
	}
}
