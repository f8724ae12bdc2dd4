package kit

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Secondary text (times, addresses, hints) is drawn in the theme's
// placeholder colour: quieter than content yet readable, where a disabled
// label would be too faint.

// MutedStyle is the style of secondary text.
func MutedStyle() widget.RichTextStyle {
	return widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true}
}

// NewMuted is one line of secondary text.
func NewMuted(text string) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: MutedStyle()})
}

// NewMutedTrunc is secondary text cut with an ellipsis when too long.
func NewMutedTrunc(text string) *widget.RichText {
	rt := NewMuted(text)
	rt.Truncation = fyne.TextTruncateEllipsis
	return rt
}

// NewMutedWrapped is a secondary paragraph.
func NewMutedWrapped(text string, align fyne.TextAlign) *widget.RichText {
	st := MutedStyle()
	st.Alignment = align
	rt := widget.NewRichText(&widget.TextSegment{Text: text, Style: st})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// SetSegment changes the text of a one-segment RichText.
func SetSegment(rt *widget.RichText, text string) {
	seg := rt.Segments[0].(*widget.TextSegment)
	if seg.Text == text {
		return
	}
	seg.Text = text
	rt.Refresh()
}

// SegmentText is the text of a one-segment RichText.
func SegmentText(rt *widget.RichText) string {
	return rt.Segments[0].(*widget.TextSegment).Text
}
