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
	"the server took too long to answer", "the disk is full: what was fetched could not be saved (nothing was half-written)",
	"the outgoing mail server refused the user name or password",
	"the address serves a web page, not a feed", "X does not know this post or user",
	"this person does not accept messages from the community",
	"this is your own message", "this workspace cannot ask the channel",
	// what it is about
	"the channel", "a mailbox", "a feed", "community messages", "banning users", "live updates and the member list", "publishing posts",
	"pictures in posts", "the wall and its comments", "the API key (consumer key)",
	"the API key secret (consumer secret)", "the access token", "the access token secret",
	// what to do
	"paste a new token in Accounts", "check the password",
	"enter the password in Accounts", "re-enter them in Accounts", "fix the account settings in Accounts",
	"check the network; Hearth will try again", "Hearth will try again", "unlock the keyring, then sync again",
	"sync the account again", "check the feed's address",
	"check that the feed is public, or remove the watch", "switch the account to API v2 in Accounts",
	"answer in a comment instead", "answer in public, or ask them to allow messages",
	"ask the mail provider which login methods it supports", "attach a JPEG, PNG or GIF", "attach another file",
	"attach it again", "attach an MP4 or MOV video", "attach fewer or smaller files",
	"check the account's user id in its settings", "check the community id (the digits of vk.com/club123) in Accounts",
	"check the folder names in Accounts", "check the port and the security setting (tls or starttls) in Accounts",
	"check the user name and password in Accounts", "check the server name in Accounts and the internet connection",
	"check the server name and port in Accounts; Hearth will try again",
	"check the server name in Accounts; if it is right, the server's certificate is self-signed, expired or issued for another name",
	"choose tls or starttls in Accounts", "fix the attachment, then Retry or Discard",
	"send the text alone, or answer with a comment", "this action needs an administrator's user token; do it on vk.com",
	"upgrade the plan of the app in X's developer portal, or switch the account to the other API version",
	"use the feed's own address (look for RSS or Atom on the site)",
	"check the feed's address: a feed this large is not a feed of entries",
	"Hearth will try again; if it stays broken, tell the site",
	"ask the mail provider for access, or change the folder in Accounts", "free some space in the mailbox",
	"free some space on the disk; Hearth will try again", "check the credentials in Accounts", "check the account settings",
	"grant the missing rights, then sync again", "Hearth will wait and try again",
}

// ChannelText is s in the language in use when it is one of ChannelWords,
// else s as it is.
func ChannelText(s string) string {
	if slices.Contains(ChannelWords, s) {
		return lang.L(s)
	}
	return s
}

// ChannelPatterns are the integrations' sentences about a person (why a
// private message cannot reach them), the name first: StoredText says them
// in the language by these templates of kit's translations.
var ChannelPatterns = []string{
	"{{.Who}} does not allow messages from the community on VK",
	"{{.Who}} does not accept direct messages from you on X",
}
