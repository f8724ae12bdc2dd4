package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Secondary text (times, addresses, hints) is drawn in the theme's
// placeholder colour: quieter than content yet readable, where a disabled
// label would be too faint.

func mutedStyle() widget.RichTextStyle {
	return widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true}
}

// newMuted is one line of secondary text.
func newMuted(text string) *widget.RichText {
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: mutedStyle()})
}

// newMutedTrunc is secondary text cut with an ellipsis when too long.
func newMutedTrunc(text string) *widget.RichText {
	rt := newMuted(text)
	rt.Truncation = fyne.TextTruncateEllipsis
	return rt
}

// newMutedWrapped is a secondary paragraph.
func newMutedWrapped(text string, align fyne.TextAlign) *widget.RichText {
	st := mutedStyle()
	st.Alignment = align
	rt := widget.NewRichText(&widget.TextSegment{Text: text, Style: st})
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// setSegment changes the text of a one-segment RichText.
func setSegment(rt *widget.RichText, text string) {
	seg := rt.Segments[0].(*widget.TextSegment)
	if seg.Text == text {
		return
	}
	seg.Text = text
	rt.Refresh()
}

// segmentText is the text of a one-segment RichText.
func segmentText(rt *widget.RichText) string {
	return rt.Segments[0].(*widget.TextSegment).Text
}
