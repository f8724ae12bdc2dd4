package core

// MailGuess is what Hearth could learn about an e-mail address's servers
// before the person types a host: the settings to fill the form with, and
// where they came from ("the Gmail entry of Hearth's table", "the
// autoconfig file of example.org"), so the form can say so.
type MailGuess struct {
	Settings IMAPSettings
	// Provider names the mail service ("Gmail", "Fastmail"), when known.
	Provider string
	// Source is where the guess came from: SourceTable or the URL of the
	// autoconfig file it was read from.
	Source string
	// Note is what the provider asks of the person first, when it does;
	// empty otherwise.
	Note MailNote
}

// MailNote is something a mail provider asks of a person before a client
// may connect; the window says it in the person's language.
type MailNote string

// Mail notes.
const (
	// NoteAppPassword: the provider takes an app password, made in its
	// account settings, not the usual one.
	NoteAppPassword MailNote = "app_password"
	// NoteEnableIMAP: IMAP must be switched on in the provider's mail
	// settings first (and an app password used).
	NoteEnableIMAP MailNote = "enable_imap"
)

// SourceTable marks a guess from Hearth's own table of common providers.
const SourceTable = "table"
