package inbox

import (
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/internal/uitest"
)

func TestRepliesKeepsLatestReplies(t *testing.T) {
	var entries []core.OutboxEntry
	for i := range 5 {
		entries = append(entries, core.OutboxEntry{ID: int64(10 - i), Op: core.OpReply, CreatedAt: uitest.Now.Add(-time.Duration(i) * time.Minute)})
	}
	entries = append(entries, core.OutboxEntry{ID: 99, Op: core.OpArchive, CreatedAt: uitest.Now})
	var ids []int64
	for _, e := range replies(entries) {
		ids = append(ids, e.ID)
	}
	if want := []int64{8, 9, 10}; !slices.Equal(ids, want) {
		t.Errorf("replies = %v, want the three newest replies oldest first %v", ids, want)
	}
}
