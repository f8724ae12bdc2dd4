package members

import (
	"image/color"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
)

// avatarSize is the diameter of a dossier's photo placeholder.
const avatarSize = 64

// avatarColors are mid-tone fills that carry white initials in both the
// light and the dark theme.
var avatarColors = []color.NRGBA{
	{0x3b, 0x6e, 0xa8, 0xff}, {0x8e, 0x44, 0xad, 0xff}, {0x2e, 0x86, 0x5f, 0xff},
	{0xb0, 0x5a, 0x2a, 0xff}, {0xa8, 0x3b, 0x5b, 0xff}, {0x4a, 0x5a, 0x6a, 0xff},
}

// avatar stands in for a member's photo: their initials in a circle whose
// colour follows the member, so the same person always looks the same.
// Photos are never fetched here.
type avatar struct {
	widget.BaseWidget
	circle *canvas.Circle
	text   *canvas.Text
}

func newAvatar() *avatar {
	a := &avatar{circle: canvas.NewCircle(avatarColors[0]), text: canvas.NewText("", color.White)}
	a.text.TextStyle = fyne.TextStyle{Bold: true}
	a.text.TextSize = avatarSize * 0.38
	a.text.Alignment = fyne.TextAlignCenter
	a.ExtendBaseWidget(a)
	return a
}

func (a *avatar) set(m core.Member) {
	a.circle.FillColor = avatarColors[int(uint64(m.ID)%uint64(len(avatarColors)))]
	a.text.Text = initials(m.Name)
	a.Refresh()
}

func (a *avatar) MinSize() fyne.Size { return fyne.NewSquareSize(avatarSize) }

func (a *avatar) CreateRenderer() fyne.WidgetRenderer { return &avatarRenderer{a: a} }

type avatarRenderer struct{ a *avatar }

func (r *avatarRenderer) Layout(size fyne.Size) {
	d := min(size.Width, size.Height)
	r.a.circle.Resize(fyne.NewSquareSize(d))
	r.a.circle.Move(fyne.NewPos((size.Width-d)/2, (size.Height-d)/2))
	ts := r.a.text.MinSize()
	r.a.text.Resize(fyne.NewSize(size.Width, ts.Height))
	r.a.text.Move(fyne.NewPos(0, (size.Height-ts.Height)/2))
}

func (r *avatarRenderer) MinSize() fyne.Size { return r.a.MinSize() }

func (r *avatarRenderer) Refresh() {
	r.a.circle.Refresh()
	r.a.text.Refresh()
}

func (r *avatarRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.a.circle, r.a.text}
}

func (r *avatarRenderer) Destroy() {}

// initials are the first letters of the first and last words of a name,
// upper-cased: "Анна Смирнова" gives "АС"; no name gives "?".
func initials(name string) string {
	words := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return "?"
	}
	out := []rune{first(words[0])}
	if len(words) > 1 {
		out = append(out, first(words[len(words)-1]))
	}
	return strings.ToUpper(string(out))
}

func first(w string) rune {
	for _, r := range w {
		return r
	}
	return '?'
}
