package report_test

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core/report"
	"github.com/hearthhq/hearth/core/stats"
)

// A group of tiles is one table on one page: its heading and every row.
// The first page holds the tiles with 3 mm to spare, so a subtitle of
// two lines (a fortnight's in Russian, a long channel name, the note on
// estimated totals) put a lone "Joint projects" row at the top of page 2.
func TestPDFKeepsEachTableOnOnePage(t *testing.T) {
	t.Parallel()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) is not installed: the pages are not checked")
	}
	base := dashboard(t)
	for _, channel := range []string{"", "Клуб любителей чая", strings.Repeat("Клуб любителей чая и настольных игр ", 2),
		strings.Repeat("Клуб любителей чая и настольных игр ", 4)} {
		for _, estimated := range []bool{false, true} {
			d := base
			d.Account.Name, d.Estimated = channel, estimated
			// Each case writes two PDFs of its own: the cases run side by side.
			t.Run(fmt.Sprintf("channel of %d letters, estimated %v", len([]rune(channel)), estimated), func(t *testing.T) {
				t.Parallel()
				checkPDFPages(t, pdftotext, d, channel, estimated)
			})
		}
	}
}

// checkPDFPages writes d's PDF in English and Russian and checks that each
// group of tiles is on the page of its heading.
func checkPDFPages(t *testing.T, pdftotext string, d stats.Dashboard, channel string, estimated bool) {
	t.Helper()
	for _, l := range []string{"en", "ru"} {
		var pdf bytes.Buffer
		if err := report.WritePDF(&pdf, d, l); err != nil {
			t.Fatal(err)
		}
		var pages [][]string // each page's lines
		for _, p := range strings.Split(pdfText(t, pdftotext, pdf.Bytes()), "\f") {
			pages = append(pages, strings.Split(p, "\n"))
		}
		groups, err := report.TilesIn(d, l)
		if err != nil {
			t.Fatal(err)
		}
		for _, g := range groups {
			page := slices.IndexFunc(pages, func(lines []string) bool { return slices.Contains(lines, g.Name) })
			if page < 0 {
				t.Fatalf("%s: no heading %q", l, g.Name)
			}
			for _, tile := range g.Tiles {
				if !slices.Contains(pages[page], tile.Name) {
					t.Errorf("%s, a channel of %d letters, estimated %v: %q is not on page %d with its heading %q",
						l, len([]rune(channel)), estimated, tile.Name, page+1, g.Name)
				}
			}
		}
	}
}
