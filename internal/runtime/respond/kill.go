package respond

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"github.com/wardsec/ward/internal/event"
)

// startTolerance is how far the start time of the process now holding a
// PID may be from the event's process start time before the kill is
// refused as a reused PID. Both are derived from the boot clock; the slack
// covers clock-tick rounding and a wall clock adjusted since the sensor
// started.
const startTolerance = 2 * time.Second

// userHZ is the unit of the start time in /proc/PID/stat (USER_HZ, 100 on
// every Linux architecture Ward runs on).
const userHZ = 100

// kill sends SIGKILL to the event's process. It refuses PIDs ≤ 1 (the
// host's init, invalid PIDs) and the agent itself, and, when the event
// carries the process start time, a PID now held by a different process.
func (r *Responder) kill(e *event.Event, rec *AuditRecord) {
	if e == nil {
		refuse(rec, "the finding has no event, so there is no process to kill")
		return
	}
	pid := int(e.Proc.PID)
	rec.Target = processTarget(pid, e.Proc.Name)
	switch {
	case pid <= 1:
		refuse(rec, "pid %d is the host's init or not a process; never killed", pid)
		return
	case pid == r.selfPID:
		refuse(rec, "pid %d is the Ward agent itself", pid)
		return
	}
	if !e.Proc.StartTime.IsZero() {
		started, err := processStart(pid)
		if err != nil {
			fail(rec, fmt.Errorf("check pid %d before kill: %w", pid, err))
			return
		}
		if d := started.Sub(e.Proc.StartTime); d > startTolerance || d < -startTolerance {
			refuse(rec, "pid %d now belongs to a process started at %s, not the event's process started at %s (pid reused)",
				pid, started.UTC().Format(time.RFC3339Nano), e.Proc.StartTime.UTC().Format(time.RFC3339Nano))
			return
		}
	}
	if r.cfg.DryRun {
		rec.OK = true
		rec.Detail = "dry run: would send SIGKILL"
		return
	}
	if err := r.cfg.Kill(pid); err != nil {
		fail(rec, fmt.Errorf("kill pid %d: %w", pid, err))
		return
	}
	rec.OK = true
	rec.Detail = "SIGKILL sent"
}

func processTarget(pid int, name string) string {
	if name == "" {
		return "pid " + strconv.Itoa(pid)
	}
	return fmt.Sprintf("pid %d (%s)", pid, name)
}

// errNoProcess reports a PID with no process.
var errNoProcess = errors.New("no such process")

// processStart reads when pid started, from /proc/PID/stat (clock ticks
// since boot) and the boot clock.
func processStart(pid int) (time.Time, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if errors.Is(err, os.ErrNotExist) {
		return time.Time{}, errNoProcess
	}
	if err != nil {
		return time.Time{}, err
	}
	ticks, err := statStartTicks(string(b))
	if err != nil {
		return time.Time{}, fmt.Errorf("parse /proc/%d/stat: %w", pid, err)
	}
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_BOOTTIME, &ts); err != nil {
		return time.Time{}, fmt.Errorf("read boot clock: %w", err)
	}
	boot := time.Now().Add(-time.Duration(ts.Nano()))
	return boot.Add(time.Duration(ticks) * (time.Second / userHZ)), nil
}

// statStartTicks returns field 22 (starttime) of a /proc/PID/stat line.
// The command name (field 2) is in parentheses and may hold spaces and
// parentheses, so fields are counted after its last ')'.
func statStartTicks(stat string) (uint64, error) {
	i := strings.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, errors.New("no command name")
	}
	fields := strings.Fields(stat[i+1:])
	const startField = 22 - 3 // fields after ')' begin with field 3 (state)
	if len(fields) <= startField {
		return 0, fmt.Errorf("%d fields after the command name, want more than %d", len(fields), startField)
	}
	return strconv.ParseUint(fields[startField], 10, 64)
}
