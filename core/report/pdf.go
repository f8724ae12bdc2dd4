package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"codeberg.org/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"

	"github.com/hearthhq/hearth/core/stats"
)

// WritePDF writes the report as a PDF: the Go fonts embedded (they cover
// Cyrillic and accented Latin, which the PDF core fonts do not), the KPI
// tiles with their change, the charts as PNG images, the top posts; its
// words, days and numbers in lang (en, fr, ru or bg; "" is English).
func WritePDF(w io.Writer, d stats.Dashboard, lang string) error {
	ws, err := wordsFor(lang)
	if err != nil {
		return err
	}
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("go", "", goregular.TTF)
	pdf.AddUTF8FontFromBytes("go", "B", gobold.TTF)
	pdf.SetTitle(title(d, ws), true)
	pdf.SetLang(ws.lang)
	pdf.SetCreator("Hearth", true)
	pdf.SetMargins(15, 15, 15)
	pdf.SetAutoPageBreak(true, 15)
	pdf.AddPage()
	pdf.SetFont("go", "B", 18)
	pdf.MultiCell(0, 9, title(d, ws), "", "L", false)
	pdf.SetFont("go", "", 9)
	pdf.MultiCell(0, 5, subtitle(d, ws), "", "L", false)
	pdfTiles(pdf, d, ws)
	for i, c := range Charts {
		b, err := Draw(d, c.Name, ws.style(PNG, 1000, 360))
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
	pdfPosts(pdf, d, ws)
	if err := pdf.Output(w); err != nil {
		return fmt.Errorf("report: pdf: %w", err)
	}
	return nil
}

func pdfTiles(pdf *fpdf.Fpdf, d stats.Dashboard, ws words) {
	for _, g := range tiles(d, ws) {
		keep(pdf, 3+7+5*float64(len(g.Tiles))) // the group is one table: never a row alone on the next page
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

func pdfPosts(pdf *fpdf.Fpdf, d stats.Dashboard, ws words) {
	pdf.AddPage()
	pdf.SetFont("go", "B", 12)
	pdf.CellFormat(0, 7, ws.L("Top posts"), "", 1, "L", false, 0, "")
	pdf.SetFont("go", "", 9)
	if len(d.TopPosts) == 0 {
		pdf.CellFormat(0, 5, ws.L("No post was published in the period."), "", 1, "L", false, 0, "")
	}
	for _, p := range d.TopPosts {
		// Each count is a whole phrase with its plural form: "1 comment",
		// "21 комментарий", "3 комментария", "5 комментариев".
		line := strings.Join([]string{ws.day(p.At.In(zoneOf(d))), p.Account,
			strings.Join([]string{
				ws.N("{{.Count}} comments", p.Stats.Comments, nil),
				ws.N("{{.Count}} likes", p.Stats.Likes, nil),
				ws.N("{{.Count}} reposts", p.Stats.Reposts, nil),
				ws.N("{{.Count}} views", p.Stats.Views, nil)}, ", ")}, " · ")
		pdf.SetFont("go", "B", 9)
		text := snippet(p.Text)
		h := 5 * float64(len(pdf.SplitText(text, pageWidth(pdf))))
		pdf.SetFont("go", "", 8)
		keep(pdf, h+4*float64(len(pdf.SplitText(line, pageWidth(pdf))))) // a post's text with its counts
		pdf.SetFont("go", "B", 9)
		pdf.MultiCell(0, 5, text, "", "L", false)
		pdf.SetFont("go", "", 8)
		pdf.MultiCell(0, 4, line, "", "L", false)
		pdf.Ln(1)
	}
	keep(pdf, 3+7+2*5) // the heading with at least its two lines
	pdf.Ln(3)
	pdf.SetFont("go", "B", 12)
	pdf.CellFormat(0, 7, ws.L("Members"), "", 1, "L", false, 0, "")
	pdf.SetFont("go", "", 9)
	pdf.MultiCell(0, 5, ws.L("Top advocates: {{.Names}}", map[string]any{"Names": names(d.Advocates, ws)}), "", "L", false)
	pdf.MultiCell(0, 5, ws.L("Top critics: {{.Names}}", map[string]any{"Names": names(d.Critics, ws)}), "", "L", false)
	pdf.Ln(2)
	pdf.SetFont("go", "", 7)
	pdf.MultiCell(0, 4, ws.L("Every number is defined in docs/metrics.md; times are in {{.Zone}}. Generated {{.When}}.",
		map[string]any{"Zone": d.Zone, "When": ws.moment(d.Computed.In(zoneOf(d)))}), "", "L", false)
}

// keep starts a new page unless h more millimetres fit on this one: what
// must be read together (a table's heading and rows, a post's text and
// counts) is never split by the automatic page break.
func keep(pdf *fpdf.Fpdf, h float64) {
	_, height := pdf.GetPageSize()
	_, bottom := pdf.GetAutoPageBreak()
	if pdf.GetY()+h > height-bottom {
		pdf.AddPage()
	}
}

// pageWidth is the width between the margins, where a MultiCell of width
// 0 writes.
func pageWidth(pdf *fpdf.Fpdf) float64 {
	width, _ := pdf.GetPageSize()
	left, _, right, _ := pdf.GetMargins()
	return width - left - right
}
