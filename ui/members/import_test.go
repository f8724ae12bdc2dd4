package members

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func TestImportCSVShowsColumnsAndUsesTheChangedMapping(t *testing.T) {
	fm := newFakeMembers()
	h := newMembersHarness(t, fm)
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
	h.WaitFor("the import", func() bool {
		return fm.called("ImportTable 2 [name,email,location,x]")
	})
	h.WaitFor("the result", func() bool {
		return imp.result.Importance == widget.SuccessImportance && strings.Contains(imp.result.Text, "1 new member files") &&
			strings.Contains(imp.result.Text, "anna@example.org")
	})
}

func TestImportVCardAndAnUnreadableFile(t *testing.T) {
	fm := newFakeMembers()
	h := newMembersHarness(t, fm)
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
	h.WaitFor("the import", func() bool { return fm.called("ImportVCard 2") })
}
