//go:build !nowindow

package fynecache

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// The variable Settling changes is Fyne's: it holds what Fyne's init made
// of FYNE_CACHE. In this test binary Fyne initialises before this package
// (the test imports it), so with FYNE_CACHE unset it is Fyne's minute; in
// the program this package goes first and sets it (cmd/hearth's
// TestEnvironmentSetBeforeFyneReadsIt).
func TestLifetimeIsFynes(t *testing.T) {
	test.NewTempApp(t)
	if fromEnvironment {
		t.Skip("FYNE_CACHE set in the environment")
	}
	if validDuration != time.Minute {
		t.Fatalf("Fyne's cache lifetime reads %v, want Fyne's default 1m0s", validDuration)
	}
	Settling(true)
	if validDuration != settlingLifetime {
		t.Errorf("settling: %v, want %v", validDuration, settlingLifetime)
	}
	Settling(false)
	if validDuration != 11*time.Second {
		t.Errorf("settled: %v, want %s", validDuration, Lifetime)
	}
}
