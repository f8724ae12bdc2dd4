package feeds

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"
)

// An OPML list from another reader is read with its folders flattened; a
// list Hearth writes reads back the same, keywords included.
func TestOPMLRoundTrip(t *testing.T) {
	got, err := ReadOPML(bytes.NewReader(readFixture(t, "subscriptions.opml")))
	if err != nil {
		t.Fatal(err)
	}
	want := []Outline{
		{Title: "Tabletop Notes", URL: "https://tabletop-notes.example.org/feed.xml"},
		{Title: "Форум «Очаг»", URL: "http://forum.ochag.example.ru/rss.php"},
		{Title: "Google Alert - hearth makers", URL: "https://www.google.com/alerts/feeds/00000000000000000000/1234567890123456789",
			Keywords: []string{"hearth makers", "очаг"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("read %+v\nwant %+v", got, want)
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "Hearth feed watches", got, time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	compareGoldenText(t, "export.opml", buf.Bytes())
	back, err := ReadOPML(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, want) {
		t.Errorf("round trip %+v\nwant %+v", back, want)
	}
}

func TestOPMLRefusals(t *testing.T) {
	for _, in := range []string{"", "not xml at all", "<html><body>hi</body></html>", strings.Repeat("<opml>", 10)} {
		if _, err := ReadOPML(strings.NewReader(in)); err == nil {
			t.Errorf("ReadOPML(%.20q) succeeded", in)
		}
	}
	defer func(n int64) { maxOPMLBytes = n }(maxOPMLBytes)
	maxOPMLBytes = 1 << 20
	big := "<opml><body>" + strings.Repeat("<outline text='x'/>", int(maxOPMLBytes)/18) + "</body></opml>"
	if _, err := ReadOPML(strings.NewReader(big)); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("an oversized file: %v", err)
	}
}
