//go:build !nowindow

package fynecache

import (
	"os"
	"time"
	_ "unsafe" // for go:linkname
)

// validDuration is Fyne's cache lifetime (internal/cache.ValidDuration, set
// from FYNE_CACHE in that package's init). Fyne has no other way in: the
// window shortens it while it settles after drawing (Settling). The build
// fails to link if Fyne renames it; TestLifetimeIsFynes checks it is the
// variable FYNE_CACHE sets.
//
//go:linkname validDuration fyne.io/fyne/v2/internal/cache.ValidDuration
var validDuration time.Duration

// settlingLifetime is how long a text's texture outlives its last drawing
// while the window settles: the rows a scroll left behind are freed three
// seconds after they left the screen instead of eleven (at 170 rows a
// second, eleven seconds of rows held 114 MB of the C heap). On screen
// texts are drawn again at every repaint, which the memory keeper asks
// for every second meanwhile, so none expires.
const settlingLifetime = 3 * time.Second

// Settling shortens Fyne's cache lifetime while the window settles after
// drawing and puts it back after (Lifetime): not for good, since under ten
// seconds Fyne's idle loop walks the whole window at every frame (the
// package comment). Nothing when FYNE_CACHE came from the environment.
// Fyne reads the lifetime on the main goroutine only: call it there
// (fyne.Do).
func Settling(on bool) {
	if fromEnvironment {
		return
	}
	if on {
		validDuration = settlingLifetime
	} else {
		validDuration = lifetime
	}
}

// lifetime is Lifetime as a duration.
var lifetime, _ = time.ParseDuration(Lifetime)

// fromEnvironment is whether the user set FYNE_CACHE: package variables
// are initialised before the package's init sets it.
var fromEnvironment = os.Getenv("FYNE_CACHE") != ""
