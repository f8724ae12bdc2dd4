package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/hearthhq/hearth/core"
)

// Channel marks drawn for Hearth: simple monochrome shapes, themed so they
// follow the foreground colour, until official artwork is bundled.
var (
	vkSVG = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
		`<path fill="#000000" d="M5 3h14a2 2 0 0 1 2 2v14a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm1.2 5.5 ` +
		`2.9 7h1.8l2.9-7h-1.9l-1.9 4.8-1.9-4.8H6.2zm7.6 0v7h1.7v-2.6l.7-.7 2.1 3.3h2l-3-4.4 2.7-2.6h-2.2l-2.3 ` +
		`2.4V8.5h-1.7z"/></svg>`)
	xSVG = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
		`<path fill="#000000" d="M4 4h4.6l3.9 5.3L17 4h2.6l-5.9 6.9L20.2 20h-4.6l-4.2-5.7L6.4 20H3.8l6.4-7.4L4 4zm3 ` +
		`1.6 9.4 12.8h1.2L8.3 5.6H7z"/></svg>`)
	// mailSVG and inboxSVG are Material Design icons (Apache 2.0), like
	// Fyne's own theme icons.
	mailSVG = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
		`<path fill="#000000" d="M20 4H4c-1.1 0-1.99.9-1.99 2L2 18c0 1.1.9 2 2 2h16c1.1 0 2-.9 2-2V6c0-1.1-.9-2-2-2zm0 ` +
		`14H4V8l8 5 8-5v10zm-8-7L4 6h16l-8 5z"/></svg>`)
	inboxSVG = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
		`<path fill="#000000" d="M19 3H4.99c-1.11 0-1.98.89-1.98 2L3 19c0 1.1.88 2 1.99 2H19c1.1 0 2-.9 2-2V5c0-1.11-.9-2-2-2zm0 ` +
		`12h-4c0 1.66-1.35 3-3 3s-3-1.34-3-3H4.99V5H19v10z"/></svg>`)
	feedSVG = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">` +
		`<path fill="#000000" d="M6.2 19.8a2 2 0 1 1 0-4 2 2 0 0 1 0 4zM4.2 10.1v2.8a7 7 0 0 1 7 7h2.8a9.8 9.8 0 0 ` +
		`0-9.8-9.8zm0-5.6v2.8c6.9 0 12.5 5.6 12.5 12.5h2.8c0-8.4-6.9-15.3-15.3-15.3z"/></svg>`)
)

var (
	VKIcon    = theme.NewThemedResource(fyne.NewStaticResource("vk.svg", vkSVG))
	XIcon     = theme.NewThemedResource(fyne.NewStaticResource("x.svg", xSVG))
	FeedIcon  = theme.NewThemedResource(fyne.NewStaticResource("feed.svg", feedSVG))
	MailIcon  = theme.NewThemedResource(fyne.NewStaticResource("mail.svg", mailSVG))
	inboxTray = theme.NewThemedResource(fyne.NewStaticResource("inbox.svg", inboxSVG))
)

// ChannelIcon is the mark of the channel an item came from.
func ChannelIcon(k core.ItemKind) fyne.Resource {
	switch k {
	case core.ItemVKPost, core.ItemVKComment, core.ItemVKMessage:
		return VKIcon
	case core.ItemXMention, core.ItemXReply, core.ItemXDM:
		return XIcon
	case core.ItemFeed:
		return FeedIcon
	default:
		return MailIcon
	}
}

// AccountIcon is the mark of an account's kind.
func AccountIcon(k core.AccountKind) fyne.Resource {
	switch k {
	case core.KindVK:
		return VKIcon
	case core.KindX:
		return XIcon
	case core.KindFeed:
		return FeedIcon
	default:
		return MailIcon
	}
}

// The navigation's icons.
func InboxIcon() fyne.Resource     { return inboxTray }
func CalendarIcon() fyne.Resource  { return theme.CalendarIcon() }
func MembersIcon() fyne.Resource   { return theme.AccountIcon() }
func DashboardIcon() fyne.Resource { return theme.GridIcon() }
func AccountsIcon() fyne.Resource  { return theme.SettingsIcon() }
