package report

import (
	"bytes"
	"fmt"
	"io"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/hearthhq/hearth/core/stats"
)

// WritePDF writes the report as a PDF: the Go fonts embedded (they cover
// Cyrillic and accented Latin, which the PDF core fonts do not), the KPI
// tiles with their change, the charts as PNG images, the top posts.
func WritePDF(w io.Writer, d stats.Dashboard) error {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.SetTitle(Title(d), true)
	pdf.SetCreator("Hearth", true)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()
	pdf.SetFont("go", "B", 18)
	pdf.MultiCell(0, 9, Title(d), "", "L", false)
	pdf.SetFont("go", "", 9)
	pdf.MultiCell(0, 5, Subtitle(d), "", "L", false)
	pdfTiles(pdf, d)
	for i, c := range Charts {
		b, err := Draw(d, c.Name, Style{Format: PNG, Width: 1000, Height: 360})
		if err != nil {
			return err
		}
		name := fmt.Sprintf("chart%d", i)
		pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(b))
		if pdf.GetY() > 200 {
			pdf.AddPage()
		}
		pdf.ImageOptions(name, 15, pdf.GetY()+2, 180, 0, true, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	}
	pdfPosts(pdf, d)
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	return nil
}

func pdfTiles(pdf *fpdf.Fpdf, d stats.Dashboard) {
	for _, g := range Tiles(d) {
		pdf.Ln(3)
		pdf.SetFont("go", "B", 12)
		pdf.CellFormat(0, 7, g.Name, "", 1, "L", false, 0, "")
		for _, t := range g.Tiles {
			pdf.SetFont("go", "", 9)
			pdf.CellFormat(85, 5, t.Name, "", 0, "L", false, 0, "")
			pdf.SetFont("go", "B", 9)
			pdf.CellFormat(40, 5, t.Value, "", 0, "R", false, 0, "")
			pdf.SetFont("go", "", 8)
			switch t.Better {
			case 1:
				pdf.SetTextColor(26, 127, 55)
			case -1:
				pdf.SetTextColor(198, 40, 40)
			}
			pdf.CellFormat(55, 5, t.Change, "", 1, "R", false, 0, "")
			pdf.SetTextColor(0, 0, 0)
		}
	}
}

func pdfPosts(pdf *fpdf.Fpdf, d stats.Dashboard) {
	pdf.AddPage()
	pdf.SetFont("go", "B", 12)
	pdf.CellFormat(0, 7, "Top posts", "", 1, "L", false, 0, "")
	pdf.SetFont("go", "", 9)
	if len(d.TopPosts) == 0 {
		pdf.CellFormat(0, 5, "No post was published in the period.", "", 1, "L", false, 0, "")
	}
	for _, p := range d.TopPosts {
		line := fmt.Sprintf("%s · %s · %d comments, %d likes, %d reposts, %d views", dayLabel(p.At.In(zoneOf(d))),
			p.Account, p.Stats.Comments, p.Stats.Likes, p.Stats.Reposts, p.Stats.Views)
		pdf.SetFont("go", "B", 9)
		pdf.MultiCell(0, 5, snippet(p.Text), "", "L", false)
		pdf.SetFont("go", "", 8)
		pdf.MultiCell(0, 4, line, "", "L", false)
		pdf.Ln(1)
	}
	pdf.Ln(3)
	pdf.SetFont("go", "B", 12)
	pdf.CellFormat(0, 7, "Members", "", 1, "L", false, 0, "")
	pdf.SetFont("go", "", 9)
	pdf.MultiCell(0, 5, "Top advocates: "+names(d.Advocates), "", "L", false)
	pdf.MultiCell(0, 5, "Top critics: "+names(d.Critics), "", "L", false)
	pdf.Ln(2)
	pdf.SetFont("go", "", 7)
	pdf.MultiCell(0, 4, "Every number is defined in docs/metrics.md; times are in "+d.Zone+". Generated "+
		timeLabel(d.Computed.In(zoneOf(d)))+".", "", "L", false)
}
