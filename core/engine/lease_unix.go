//go:build unix

package engine

import (
	"errors"
	"syscall"
)

// processAlive reports whether a process with this pid runs on this
// machine (it may be another program that got the pid: the lease's
// heartbeat then decides).
func processAlive(pid int) bool {
	if pid <= 0 {
		return true // not a pid this machine could have: let the heartbeat decide
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
