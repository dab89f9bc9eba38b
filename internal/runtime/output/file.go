package output

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
)

// Stdout writes each record as one JSON line to w (os.Stdout for the
// agent). Close does not close w.
func Stdout(w io.Writer) Sink {
	return &lineSink{w: w}
}

// File appends each record as one JSON line to the file at path, creating
// it with mode 0600 (an existing file keeps its mode). Each record is one
// write(2) to a file opened O_APPEND, so lines from several writers do
// not interleave. Close syncs the file to disk and closes it.
func File(path string) (Sink, error) {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("open alert file: %w", err)
	}
	return &lineSink{w: f, file: f}, nil
}

// lineSink writes JSON lines to a writer, one Write call per record.
type lineSink struct {
	mu     sync.Mutex
	w      io.Writer
	file   *os.File // set when the sink owns a file
	closed bool
}

var _ Sink = (*lineSink)(nil)

func (s *lineSink) Write(_ context.Context, r Record) error {
	b, err := encode(r)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrClosed
	}
	if _, err := s.w.Write(b); err != nil {
		return fmt.Errorf("write alert: %w", err)
	}
	return nil
}

func (s *lineSink) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	if s.file == nil {
		return nil
	}
	syncErr := s.file.Sync()
	closeErr := s.file.Close()
	if err := errors.Join(syncErr, closeErr); err != nil {
		return fmt.Errorf("close alert file %s: %w", s.file.Name(), err)
	}
	return nil
}
