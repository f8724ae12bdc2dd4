package demo

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
)

// buildPDF makes a small valid one-page PDF with a title and lines of
// ASCII text, so the attachment opens in a viewer.
func buildPDF(title string, lines []string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 18 Tf 72 770 Td (" + pdfEscape(title) + ") Tj ET\n")
	for i, l := range lines {
		fmt.Fprintf(&content, "BT /F1 11 Tf 72 %d Td (%s) Tj ET\n", 736-16*i, pdfEscape(l))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " +
			"/Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%sendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

func pdfEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`).Replace(s)
}

// buildFloorPlan draws a room with rows of tables: the "scheme of the hall"
// a member attaches to a message.
func buildFloorPlan() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 240, 160))
	fill(img, img.Bounds(), color.RGBA{250, 248, 240, 255})
	wall := color.RGBA{60, 60, 70, 255}
	for _, r := range []image.Rectangle{
		image.Rect(4, 4, 236, 8), image.Rect(4, 152, 236, 156),
		image.Rect(4, 4, 8, 156), image.Rect(232, 4, 236, 156),
	} {
		fill(img, r, wall)
	}
	table := color.RGBA{196, 120, 60, 255}
	for row := 0; row < 3; row++ {
		for col := 0; col < 4; col++ {
			x, y := 24+col*52, 24+row*42
			fill(img, image.Rect(x, y, x+36, y+22), table)
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		panic("demo: encode floor plan: " + err.Error()) // in-memory encode of a valid image
	}
	return b.Bytes()
}

func fill(img *image.RGBA, r image.Rectangle, c color.RGBA) {
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			img.SetRGBA(x, y, c)
		}
	}
}
