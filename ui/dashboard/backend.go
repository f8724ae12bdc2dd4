// Package dashboard is the Dashboard screen: a period and a channel, the
// KPI tiles with their change against the previous period and their
// definitions, the charts (drawn off the UI goroutine to PNG), and the
// monthly report. A number opens what is behind it through callbacks the
// shell wires (the inbox, the member table): this package knows neither.
package dashboard

import (
	"context"

	"fyne.io/fyne/v2"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/stats"
)

// Stats is what the screen needs of the core stats service.
type Stats interface {
	Dashboard(ctx context.Context, q stats.Query) (stats.Dashboard, error)
	Settings(ctx context.Context) (stats.Settings, error)
	MembersBehind(ctx context.Context, d stats.Dashboard, key string) (core.MemberSet, error)
}

// Backend is the screen's use cases.
type Backend struct {
	Stats Stats
	// Open opens a saved report in the desktop's viewer for its kind;
	// nil: the report is saved and its place said, no more.
	Open func(fyne.URI) error
}

// Drill opens what is behind a number; nil callbacks leave numbers inert.
type Drill struct {
	// Items shows the inbox search for a query of the query language,
	// its days read in zone (the workspace's, an IANA name).
	Items func(query, zone string)
	// Members shows the member table on one segment.
	Members func(q core.Quadrant, c core.Cohort, ch core.IdentityKind)
	// MemberSet shows the member table on a list of members.
	MemberSet func(set core.MemberSet)
}
