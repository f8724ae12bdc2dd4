package kit

import (
	"slices"

	"fyne.io/fyne/v2/lang"
)

// ChannelWords are the fixed sentences the integrations write into an
// account's status and their errors (core.RemoteError's Message and
// Action): Hearth's own English, which the window says in its language.
// A sentence with a part that varies (a host, a count, a remote's own
// words) is not here and shows as it is.
var ChannelWords = []string{
	// what happened
	"token revoked or expired",
	"the VK community token is missing",
	"X refused the keys: keys revoked or wrong", "the X keys are missing", "the X keys are incomplete",
	"cannot reach VK", "cannot reach X", "cannot reach the feed's site", "VK did not answer in time",
	"X did not answer in time", "the feed's site did not answer in time",
	"the mail server refused the user name or password", "the server refused the password",
	"no password is saved for this account", "the password could not be read from the system keyring",
	"VK had an internal error", "VK sent an answer Hearth cannot read", "X sent an answer Hearth cannot read",
	"X's rate limit is reached",
	// what to do
	"paste a new token in Accounts", "check the password",
	"enter the password in Accounts", "re-enter them in Accounts", "fix the account settings in Accounts",
	"check the network; Hearth will try again", "Hearth will try again", "unlock the keyring, then sync again",
	"sync the account again", "check the feed's address",
	"check that the feed is public, or remove the watch", "switch the account to API v2 in Accounts",
}

// ChannelText is s in the language in use when it is one of ChannelWords,
// else s as it is.
func ChannelText(s string) string {
	if slices.Contains(ChannelWords, s) {
		return lang.L(s)
	}
	return s
}
