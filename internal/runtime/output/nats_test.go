package output

import (
	"encoding/json"
	"errors"
	"net"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/nats-io/nats-server/v2/server"
	"github.com/nats-io/nats.go"
)

// startNATS runs an embedded nats-server on 127.0.0.1 (port 0 = random)
// and stops it when the test ends.
func startNATS(t *testing.T, port int) *server.Server {
	t.Helper()
	if port == 0 {
		port = server.RANDOM_PORT
	}
	s, err := server.NewServer(&server.Options{Host: "127.0.0.1", Port: port, NoLog: true, NoSigs: true})
	if err != nil {
		t.Fatalf("new nats-server: %v", err)
	}
	s.Start()
	t.Cleanup(s.Shutdown)
	if !s.ReadyForConnections(10 * time.Second) {
		t.Fatal("nats-server not ready")
	}
	return s
}

// subscribe connects a plain nats.go client and subscribes to subject.
func subscribe(t *testing.T, url, subject string) *nats.Subscription {
	t.Helper()
	nc, err := nats.Connect(url)
	if err != nil {
		t.Fatalf("subscriber connect: %v", err)
	}
	t.Cleanup(nc.Close)
	sub, err := nc.SubscribeSync(subject)
	if err != nil {
		t.Fatal(err)
	}
	if err := nc.Flush(); err != nil { // the server has the subscription
		t.Fatal(err)
	}
	return sub
}

func nextRecord(t *testing.T, sub *nats.Subscription) (Record, *nats.Msg) {
	t.Helper()
	msg, err := sub.NextMsg(10 * time.Second)
	if err != nil {
		t.Fatalf("no message on %s: %v", sub.Subject, err)
	}
	var r Record
	if err := json.Unmarshal(msg.Data, &r); err != nil {
		t.Fatalf("message is not a record: %v\n%s", err, msg.Data)
	}
	return r, msg
}

func TestNATSRoundTrip(t *testing.T) {
	srv := startNATS(t, 0)
	sub := subscribe(t, srv.ClientURL(), "ward.alerts.>")

	s, err := NATS(srv.ClientURL(), "ward.alerts.node1", WithNATSLogger(quiet))
	if err != nil {
		t.Fatal(err)
	}
	want := []Record{testRecord("WARD-RT-0001"), testRecord("WARD-RT-0002")}
	for _, r := range want {
		if err := s.Write(t.Context(), r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for i, w := range want {
		got, msg := nextRecord(t, sub)
		if msg.Subject != "ward.alerts.node1" {
			t.Errorf("message %d on subject %q, want ward.alerts.node1", i, msg.Subject)
		}
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("record %d (-want +got):\n%s", i, diff)
		}
	}
	if err := s.Write(t.Context(), want[0]); !errors.Is(err, ErrClosed) {
		t.Errorf("Write after Close = %v, want ErrClosed", err)
	}
}

// gatedDialer lets the first connection through and holds every later one
// until the gate opens, so the test decides when the sink reconnects.
type gatedDialer struct {
	gate  chan struct{}
	dials atomic.Int32
}

func (d *gatedDialer) Dial(network, address string) (net.Conn, error) {
	if d.dials.Add(1) > 1 {
		select {
		case <-d.gate:
		case <-time.After(30 * time.Second):
			return nil, errors.New("test gate never opened")
		}
	}
	return net.DialTimeout(network, address, 5*time.Second)
}

// TestNATSReconnects: the server goes away and a new one comes up on the
// same address; a record written during the outage is buffered and
// delivered after the reconnect, and later records flow as before.
func TestNATSReconnects(t *testing.T) {
	first := startNATS(t, 0)
	port := first.Addr().(*net.TCPAddr).Port
	url := "nats://127.0.0.1:" + strconv.Itoa(port)
	dialer := &gatedDialer{gate: make(chan struct{})}
	reconnected := make(chan struct{}, 1)
	disconnected := make(chan struct{}, 1)
	s, err := NATS(url, "ward.alerts", WithNATSLogger(quiet), WithReconnectWait(50*time.Millisecond), func(c *natsConfig) {
		c.extra = append(c.extra, nats.SetCustomDialer(dialer),
			nats.ReconnectHandler(func(*nats.Conn) { reconnected <- struct{}{} }),
			nats.DisconnectErrHandler(func(*nats.Conn, error) { disconnected <- struct{}{} }))
	})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	first.Shutdown()
	first.WaitForShutdown()
	// Core NATS is at-most-once: what is published before the client
	// notices the broken connection is lost. From then on it buffers.
	select {
	case <-disconnected:
	case <-time.After(30 * time.Second):
		t.Fatal("sink did not notice the server going away")
	}
	during := testRecord("WARD-RT-0010")
	if err := s.Write(t.Context(), during); err != nil {
		t.Fatalf("write while disconnected: %v", err)
	}

	second := startNATS(t, port)
	sub := subscribe(t, second.ClientURL(), "ward.alerts")
	close(dialer.gate) // now the sink may reconnect
	select {
	case <-reconnected:
	case <-time.After(30 * time.Second):
		t.Fatal("sink did not reconnect")
	}
	after := testRecord("WARD-RT-0011")
	if err := s.Write(t.Context(), after); err != nil {
		t.Fatalf("write after reconnect: %v", err)
	}
	for _, w := range []Record{during, after} {
		got, _ := nextRecord(t, sub)
		if diff := cmp.Diff(w, got); diff != "" {
			t.Errorf("record (-want +got):\n%s", diff)
		}
	}
}

func TestNATSConnectFails(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	_, err = NATS("nats://user:pw@"+addr, "ward.alerts", WithNATSLogger(quiet))
	if err == nil {
		t.Fatal("NATS to a closed port succeeded")
	}
	if want := "connect to NATS at nats://user:xxxxx@" + addr; len(err.Error()) < len(want) || err.Error()[:len(want)] != want {
		t.Errorf("error %q, want it to start with %q (password redacted)", err, want)
	}
}
