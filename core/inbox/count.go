package inbox

import (
	"context"

	"github.com/hearthhq/hearth/core"
)

// SearchCount counts what a search finds under the filter, up to max: the
// search box says "23 conversations match" or "1000+" (more is true) rather
// than count a million hits it will never show.
func (s *Service) SearchCount(ctx context.Context, query string, f core.ItemFilter, max int) (n int, more bool, err error) {
	if f.Now.IsZero() {
		f.Now = s.now()
	}
	f.Limit = max + 1
	items, err := s.store.Search(ctx, query, f)
	if err != nil {
		return 0, false, err
	}
	if len(items) > max {
		return max, true, nil
	}
	return len(items), false, nil
}
