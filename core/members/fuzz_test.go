package members_test

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hearthhq/hearth/core/members"
)

// FuzzReadCSV: any bytes read as a table or end with an error, never a
// panic; binary input is never read as rows; what is read is UTF-8 and
// mapped column for column. Seeds: testdata/fuzz/FuzzReadCSV; a longer
// run: go test -run=^$ -fuzz=FuzzReadCSV -fuzztime=1m ./core/members/
func FuzzReadCSV(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := members.ReadCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		utf16 := bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff})
		if bytes.IndexByte(data, 0) >= 0 && !utf16 {
			t.Fatalf("input with a NUL byte was read as %d rows", len(tab.Rows))
		}
		if tab.Encoding != "utf-8" && tab.Encoding != "windows-1251" {
			t.Fatalf("encoding %q", tab.Encoding)
		}
		for _, row := range append([][]string{tab.Header}, tab.Rows...) {
			if len(row) > len(tab.Mapping) {
				t.Fatalf("a row of %d cells, a mapping of %d", len(row), len(tab.Mapping))
			}
			for _, c := range row {
				if !utf8.ValidString(c) {
					t.Fatalf("cell %q is not UTF-8", c)
				}
			}
		}
	})
}

// FuzzReadVCards: any bytes read as contacts or end with an error, never
// a panic; a file without a card is refused. Seeds:
// testdata/fuzz/FuzzReadVCards.
func FuzzReadVCards(f *testing.F) {
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := members.ReadVCards(bytes.NewReader(data))
		if err == nil && !strings.Contains(strings.ToLower(string(data)), "begin:vcard") &&
			!bytes.HasPrefix(data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
			t.Fatalf("%d contacts from a file without BEGIN:VCARD", len(list))
		}
		if errors.Is(err, members.ErrNoCards) && len(list) > 0 {
			t.Fatalf("ErrNoCards with %d contacts", len(list))
		}
	})
}
