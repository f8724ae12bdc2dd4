//go:build !unix

package engine

// processAlive cannot tell here: the lease's heartbeat decides.
func processAlive(int) bool { return true }
