package members_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
)

func TestExportCSVReadsBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	threeChannels(f)
	var buf bytes.Buffer
	if err := f.svc.ExportCSV(ctx, &buf, core.MemberFilter{}); err != nil {
		t.Fatal(err)
	}
	tab, err := members.ReadCSV(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 3 || tab.Mapping[1] != members.FieldName || tab.Mapping[2] != members.FieldEmail {
		t.Fatalf("rows %d, mapping %v", len(tab.Rows), tab.Mapping)
	}
	var names []string
	for _, r := range tab.Rows {
		names = append(names, r[1])
	}
	if got := strings.Join(names, "|"); got != "Anna P.|Anna Petrova|Анна Петрова" {
		t.Errorf("names = %s", got)
	}
}

func TestExportVCardReadsBack(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	threeChannels(f)
	var buf bytes.Buffer
	if err := f.svc.ExportVCard(ctx, &buf, core.MemberFilter{Channel: core.IdentityVK}); err != nil {
		t.Fatal(err)
	}
	list, err := members.ReadVCards(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != "Анна Петрова" || len(list[0].VK) != 1 {
		t.Errorf("cards = %+v", list)
	}
}

func TestDeleteOnRequestErasesTheirItems(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	threeChannels(f)
	id := f.memberOf(core.IdentityVK, "101")
	file, err := f.svc.File(ctx, id)
	if err != nil || len(file.Items) != 1 || file.Items[0].Text != "Отличная встреча" {
		t.Fatalf("file = %+v, %v", file.Items, err)
	}
	if err := f.svc.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Dossier(ctx, id); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("dossier after delete: %v", err)
	}
	if _, err := f.st.Identity(ctx, core.IdentityVK, "101"); !errors.Is(err, core.ErrNotFound) {
		t.Errorf("identity after delete: %v", err)
	}
	hits, err := f.st.Search(ctx, "встреча", core.ItemFilter{})
	if err != nil || len(hits) != 0 {
		t.Errorf("their words are still searchable: %d hits, %v", len(hits), err)
	}
}
