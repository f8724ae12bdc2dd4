//go:build !linux || !cgo

// Package ctrim hands the C heap's free pages back to the OS.
package ctrim

// Trim does nothing where glibc's malloc_trim is not there.
func Trim() {}

// Heap is unknown there.
func Heap() (inUse, free uint64) { return 0, 0 }
