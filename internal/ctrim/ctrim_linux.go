//go:build linux && cgo

// Package ctrim hands the C heap's free pages back to the OS.
package ctrim

/*
#include <malloc.h>
*/
import "C"

// Trim asks glibc to release the free memory of its heaps (malloc_trim):
// the GL driver frees a texture in the middle of its heap, which glibc
// otherwise keeps resident for reuse.
func Trim() { C.malloc_trim(0) }

// Heap says how many bytes of the C heap are in use and how many are free
// (mallinfo2), for the window's memory report.
func Heap() (inUse, free uint64) {
	m := C.mallinfo2()
	return uint64(m.uordblks) + uint64(m.hblkhd), uint64(m.fordblks)
}
