package members

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func TestImportCSVShowsColumnsAndUsesTheChangedMapping(t *testing.T) {
	h := newMembersHarness(t)
	path := filepath.Join(t.TempDir(), "club.csv")
	csv := "\ufeffИмя;E-mail;Город;Ник\n\"Ольга; вторая\";olga@example.ru;Казань;olga_k\nAnna;anna@example.org;Paris;annab\n"
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	imp := membersOf(h).importer
	if imp == nil {
		t.Fatal("the members screen offers no import")
	}
	imp.path.SetText(path)
	imp.read()
	h.WaitFor("the columns", func() bool { return len(imp.selects) == 4 })
	want := []string{"Name", "E-mail", "City", "Ignore"} // the header guessed, the nickname unknown
	for i, sel := range imp.selects {
		if sel.Selected != want[i] {
			t.Errorf("column %d read as %q, want %q", i+1, sel.Selected, want[i])
		}
	}
	if got := strings.Join(uitest.LabelsIn(imp.mapping), "|"); !strings.Contains(got, "Ольга; вторая") {
		t.Errorf("the preview lacks the quoted sample: %s", got)
	}
	imp.selects[3].SetSelected("X") // the person knows the nickname is their X handle
	test.Tap(imp.run)
	h.WaitFor("the result", func() bool {
		return imp.result.Importance == widget.SuccessImportance && strings.Contains(imp.result.Text, "2 new member files")
	})
	olga := h.list(core.MemberFilter{Query: "olga_k"})
	if len(olga) != 1 || olga[0].Name != "Ольга; вторая" || olga[0].Location != "Казань" ||
		!slices.Equal(olga[0].Channels, []core.IdentityKind{idEmail, idX}) {
		t.Errorf("the store holds %+v for the nickname olga_k, want Ольга from Казань on e-mail and X", olga)
	}
}

func TestImportVCardAndAnUnreadableFile(t *testing.T) {
	h := newMembersHarness(t)
	imp := membersOf(h).importer
	imp.path.SetText(filepath.Join(t.TempDir(), "missing.csv"))
	imp.read()
	h.WaitFor("the error", func() bool {
		return imp.result.Importance == widget.DangerImportance && strings.HasPrefix(imp.result.Text, "Could not read missing.csv")
	})
	if !imp.run.Disabled() {
		t.Error("Import is offered for a file that could not be read")
	}
	path := filepath.Join(t.TempDir(), "phone.vcf")
	vcf := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Claire Dubois\r\nEMAIL:claire@exemple.fr\r\nEND:VCARD\r\n" +
		"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Дмитрий Орлов\r\nEMAIL:dima@example.ru\r\nEND:VCARD\r\n"
	if err := os.WriteFile(path, []byte(vcf), 0o600); err != nil {
		t.Fatal(err)
	}
	imp.path.SetText(path)
	imp.read()
	h.WaitFor("the count", func() bool { return imp.result.Text == "2 contacts in phone.vcf." })
	test.Tap(imp.run)
	// Both addresses are known: Claire's, and Дмитрий Иванов's (the card's
	// other name does not make another person of him).
	h.WaitFor("the import", func() bool { return strings.Contains(imp.result.Text, "0 new member files, 2 updated") })
	if all := h.list(core.MemberFilter{}); len(all) != 10 {
		t.Errorf("the store holds %d member files after the import, want the 10 it had", len(all))
	}
}
