// Package fynecache shortens how long Fyne keeps what it drew for text
// nobody shows any more. Import it for its side effect from package main:
//
//	import _ "github.com/hearthhq/hearth/internal/fynecache"
//
// Why: Fyne keeps each string's rasterised texture (in the GL driver's C
// heap), its measured size and the renderers of widgets off screen for a
// minute after their last use (FYNE_CACHE, read once by Fyne's
// internal/cache in its init). A list rebinds its rows to new strings at
// every scroll step, so scrolling a big inbox piled up a minute of texts:
// 512 MB resident after 10,000 rows at a million items, 237 MB of it the
// C heap (docs/benchmarks.md). Eleven seconds keeps what is on screen and
// what was just left (going back a page draws from the cache), and stays
// just above the ten seconds under which Fyne's idle loop would walk the
// whole window at every frame to keep the visible objects alive. Fyne
// walks an idle window every lifetime less ten seconds: once a second at
// 11 s, which cost the idle demo window 40-50 ms of CPU per 30 s more than
// at 15 s (a walk every five seconds); at 5 s its CPU doubled.
//
// While the window settles after drawing (for 6 s after its C heap last
// moved), Settling (lifetime.go, the window's build only) shortens the
// lifetime to three seconds: the memory keeper repaints every second then,
// so nothing on screen expires, and Fyne's walk at every frame lasts
// those seconds only.
//
// FYNE_CACHE in the environment still wins. Go initialises packages in
// import-path order among those whose imports are initialised (the spec,
// since Go 1.21): this package imports only os and time, Fyne's cache
// imports much more, so this one runs first; TestEnvironmentSetBeforeFyneReadsIt in
// cmd/hearth checks the order in the binary.
package fynecache

import "os"

// Lifetime is the default lifetime of Fyne's caches in Hearth's window.
const Lifetime = "11s"

func init() {
	if os.Getenv("FYNE_CACHE") == "" {
		os.Setenv("FYNE_CACHE", Lifetime)
	}
}
