package ui

import (
	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// baselineDPI is the density at which Fyne draws one unit per pixel (its
// desktop driver's constant).
const baselineDPI = 120

// workArea is the primary monitor's usable area (without panels and docks)
// in Fyne units, read the way Fyne's desktop driver reads the monitor; zero
// when the monitor cannot be read. Call it on the main goroutine after the
// app is made (GLFW is initialised by then, and is not thread-safe).
func workArea(a fyne.App) (size fyne.Size) {
	defer func() {
		if recover() != nil { // no display (a headless run): size unknown
			size = fyne.Size{}
		}
	}()
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		return fyne.Size{}
	}
	_, _, w, h := m.GetWorkarea()
	if w <= 0 || h <= 0 {
		mode := m.GetVideoMode()
		w, h = mode.Width, mode.Height
	}
	scale := detectedScale(m)
	if user := a.Settings().Scale(); user > 0 {
		scale *= user
	}
	return fyne.NewSize(float32(w)/scale, float32(h)/scale)
}

// detectedScale is Fyne's automatic scale for a monitor: its density over
// the baseline, never below 1.
func detectedScale(m *glfw.Monitor) float32 {
	wmm, _ := m.GetPhysicalSize()
	px := m.GetVideoMode().Width
	if wmm <= 0 {
		return 1
	}
	dpi := float32(px) / (float32(wmm) / 25.4)
	if dpi > 1000 || dpi < 10 {
		return 1
	}
	return max(dpi/baselineDPI, 1)
}
