package ui

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strconv"

	"fyne.io/fyne/v2"
	"golang.org/x/image/draw"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// trayIconSize is the side of the tray icon in pixels: trays show 16 to
// 48; the desktop scales it down.
const trayIconSize = 64

// badgeRed is the badge's colour: the unread count must stand out on any
// panel, light or dark.
var badgeRed = color.NRGBA{R: 0xd3, G: 0x2f, B: 0x2f, A: 0xff}

// trayIcon draws Hearth's icon with the unread count in a red badge at its
// bottom right ("99+" past 99; no badge at 0), as a PNG resource.
func trayIcon(base image.Image, count int) (fyne.Resource, error) {
	img := image.NewNRGBA(image.Rect(0, 0, trayIconSize, trayIconSize))
	draw.CatmullRom.Scale(img, img.Bounds(), base, base.Bounds(), draw.Over, nil)
	if count > 0 {
		if err := drawBadge(img, badgeText(count)); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err // logged by the tray, never shown
	}
	return fyne.NewStaticResource(fmt.Sprintf("tray-%d.png", count), buf.Bytes()), nil
}

func badgeText(count int) string {
	if count > 99 {
		return "99+"
	}
	return strconv.Itoa(count)
}

// drawBadge paints a rounded red badge with white text in the bottom-right
// corner, as wide as the text needs.
func drawBadge(img *image.NRGBA, text string) error {
	face, err := badgeFace(float64(trayIconSize) * 0.42)
	if err != nil {
		return err
	}
	defer face.Close()
	d := &font.Drawer{Dst: img, Src: image.NewUniform(color.White), Face: face}
	textW := d.MeasureString(text).Ceil()
	h := trayIconSize * 9 / 16
	w := max(h, textW+h/2)
	r := image.Rect(trayIconSize-w, trayIconSize-h, trayIconSize, trayIconSize)
	fillRounded(img, r, h/2, badgeRed)
	m := face.Metrics()
	capH := (m.Ascent - m.Descent/2).Ceil() // about the digits' height
	d.Dot = fixed.P(r.Min.X+(w-textW)/2, r.Min.Y+(h+capH)/2-1)
	d.DrawString(text)
	return nil
}

// fillRounded fills a rectangle with corners of radius rad.
func fillRounded(img *image.NRGBA, r image.Rectangle, rad int, c color.NRGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cx := min(max(x, r.Min.X+rad), r.Max.X-rad-1)
			cy := min(max(y, r.Min.Y+rad), r.Max.Y-rad-1)
			if dx, dy := x-cx, y-cy; dx*dx+dy*dy <= rad*rad {
				img.SetNRGBA(x, y, c)
			}
		}
	}
}

func badgeFace(size float64) (font.Face, error) {
	f, err := opentype.Parse(gobold.TTF)
	if err != nil {
		return nil, err
	}
	return opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingFull})
}
