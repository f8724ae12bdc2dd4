package members

import (
	"context"
	"io"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/ui/kit"
)

// Members is the member-files use case the members screens drive
// (core/members' service satisfies it).
type Members interface {
	// Settings are the score settings; the table computes each row's
	// cohort from them.
	Settings(ctx context.Context) (core.ScoreSettings, error)
	List(ctx context.Context, f core.MemberFilter) (core.MemberPage, error)
	Counts(ctx context.Context) (core.SegmentCounts, error)

	Dossier(ctx context.Context, id int64) (members.Dossier, error)
	TimelinePage(ctx context.Context, id int64, after core.TimelineEntry, limit int) ([]core.TimelineEntry, error)
	UpdateProfile(ctx context.Context, id int64, p core.MemberProfile) error
	Tag(ctx context.Context, ids []int64, add, remove []string) error
	AddNote(ctx context.Context, id int64, text string) (core.Note, error)
	DeleteNote(ctx context.Context, noteID int64) error
	SetInterests(ctx context.Context, id int64, topics []string) error
	SetExpertise(ctx context.Context, id int64, list []core.Expertise) error

	Merge(ctx context.Context, into, from int64) error
	// MergeUndoable merges and returns what takes it back (UndoMerge).
	MergeUndoable(ctx context.Context, into, from int64) (core.MergeUndo, error)
	UndoMerge(ctx context.Context, u core.MergeUndo) error
	Split(ctx context.Context, identityID int64) (int64, error)
	Suggestions(ctx context.Context, limit int) ([]core.MergeSuggestion, error)
	Accept(ctx context.Context, sg core.MergeSuggestion) (int64, error)
	Reject(ctx context.Context, sg core.MergeSuggestion) error

	WelcomeQueue(ctx context.Context, limit int) ([]core.Member, error)
	CheckInList(ctx context.Context, limit int) ([]core.Member, error)
	MarkDone(ctx context.Context, r core.Ritual, ids ...int64) error

	Find(ctx context.Context, topic string, limit int) ([]members.Expert, error)
	// File is everything held about a member, for their request to see it.
	File(ctx context.Context, id int64) (members.MemberFile, error)
	// Delete erases a member and their personal data.
	Delete(ctx context.Context, id int64) error

	// ImportTable and ImportVCard bring contacts in from CSV and vCard
	// files.
	ImportTable(ctx context.Context, t *members.Table) (members.ImportResult, error)
	ImportVCard(ctx context.Context, r io.Reader) (members.ImportResult, error)
}

// MemberWriter sends a personal message (a greeting) to a member
// privately, through the outbox: Route says beforehand where and to whom,
// or that no private channel exists; WriteTo then sends by that route, and
// in public only when public is set, the person's explicit choice (core's
// members.Writer). Without a writer the greeting composer copies the text
// for the person to send by hand and still marks the member greeted.
type MemberWriter interface {
	Route(ctx context.Context, memberID int64) (members.Route, error)
	WriteTo(ctx context.Context, memberID int64, text string, public bool) error
}

// Backend is what the members screen needs of the application core.
type Backend struct {
	Members Members
	// Writer sends greetings and check-ins; nil: they are copied.
	Writer MemberWriter
	// Greetings are the greeting templates of Settings, one per language;
	// nil: the dialog's own template, kept in the app's preferences.
	Greetings Greetings
}

// Greetings gives the greeting template of each language
// (core/settings), with the variables of core.Fill.
type Greetings interface {
	Greetings(ctx context.Context) (map[string]string, error)
}

// env is what every part of the screen shares: the window's environment,
// the backend and the way to the inbox.
type env struct {
	*kit.Env
	b Backend
	// openItem shows an item of a member's history in the inbox.
	openItem func(itemID int64)
}
