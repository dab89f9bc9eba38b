package detect

import (
	"testing"

	"github.com/wardsec/ward/internal/event"
)

// benchEvents is a realistic mix of what the sensor reports: process
// execs (in containers and on the host), file opens for reading and
// writing, and outbound connects.
func benchEvents() []*event.Event {
	return []*event.Event{
		execEv(proc("nginx", "-g", "daemon off;"), inPod, vpid(1), ancestors("containerd-shim", "systemd")),
		execEv(proc("python3", "/app/worker.py", "--queue", "default"), inCtr, ancestors("sh", "containerd-shim", "systemd")),
		execEv(proc("ls", "-la"), ancestors("bash", "sshd", "systemd")),
		execEv(proc("git", "status"), ancestors("zsh", "tmux", "systemd"), func(e *event.Event) { e.Proc.TTY = 34816 }),
		openEv(proc("nginx"), "/var/www/html/index.html", 0o2000000, 0, inPod, ancestors("nginx", "containerd-shim")),
		openEv(proc("python3"), "/app/config.yaml", 0, 0, inCtr),
		openEv(proc("python3"), "/usr/lib/python3.12/json/__init__.py", 0o2000000, 0, inCtr),
		openEv(proc("java"), "/etc/hosts", 0o2000000, 0, inPod),
		openEv(proc("postgres"), "/var/lib/postgresql/data/base/1/1259", 0o2, 0, inCtr),
		openEv(proc("rsyslogd"), "/var/log/syslog", 0o1|0o2000|0o2000000, 0o640),
		openEv(proc("python3"), "/tmp/cache.db", 0o1|0o100|0o2000000, 0o644, inCtr),
		openEv(proc("systemd-journal"), "/run/log/journal/x.journal", 0o2, 0),
		connectEv(proc("python3"), "10.0.0.5:43210", "10.96.0.1:443", inPod),
		connectEv(proc("curl"), "10.0.0.5:43211", "93.184.216.34:443", inCtr),
		connectEv(proc("java"), "10.0.0.6:50000", "10.0.3.7:5432", inPod),
		connectEv(proc("chronyd"), "192.168.1.10:123", "162.159.200.1:123"),
	}
}

// BenchmarkMatch measures Match over the event mix with Ward's default
// rules and with the falcosecurity rules.
func BenchmarkMatch(b *testing.B) {
	def, err := DefaultFiles()
	if err != nil {
		b.Fatal(err)
	}
	for _, set := range []struct {
		name  string
		files []File
	}{{"default", def}, {"falco", corpusFiles(b)}} {
		b.Run(set.name, func(b *testing.B) {
			eng, rep := Load(set.files, Config{Hostname: "bench"})
			if len(rep.Errors) > 0 {
				b.Fatalf("load errors: %v", rep.Errors)
			}
			evs := benchEvents()
			b.ReportAllocs()
			b.ResetTimer()
			matches := 0
			for i := 0; b.Loop(); i++ {
				matches += len(eng.Match(evs[i%len(evs)]))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(len(eng.Rules())), "rules")
			_ = matches
		})
	}
}
