package autoconfig

import (
	"encoding/json"
	"slices"
	"testing"

	"github.com/hearthhq/hearth/core"
)

func mustJSON(t *testing.T, s core.IMAPSettings) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func settingsEqual(a, b core.IMAPSettings) bool {
	return a.Host == b.Host && a.Port == b.Port && a.TLS == b.TLS && a.User == b.User && a.From == b.From &&
		a.SMTPHost == b.SMTPHost && a.SMTPPort == b.SMTPPort && a.SMTPTLS == b.SMTPTLS && a.SMTPUser == b.SMTPUser &&
		slices.Equal(a.Folders, b.Folders)
}
