package accounts

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// Defaults reads the workspace's channel defaults (Settings › Channels).
type Defaults interface {
	ChannelDefaults(ctx context.Context) (core.ChannelDefaults, error)
}

// defaultedNumber is an account's number that may follow the workspace
// default: left empty, the account stores 0, which the engine fills with
// the default of the day (core.ChannelDefaults.Apply), so a later change
// in Settings reaches it too. The placeholder says what the default is.
type defaultedNumber struct {
	*kit.Entry
	pick func(core.ChannelDefaults) int
}

func newDefaultedNumber(pick func(core.ChannelDefaults) int) *defaultedNumber {
	d := &defaultedNumber{Entry: kit.NewEntry(), pick: pick}
	d.showDefault(core.DefaultChannelDefaults())
	return d
}

func (d *defaultedNumber) showDefault(v core.ChannelDefaults) {
	d.SetPlaceHolder(lang.L("{{.N}}, the workspace default", map[string]any{"N": d.pick(v)}))
}

// set shows an account's stored value; 0 (the default) shows empty.
func (d *defaultedNumber) set(v int) {
	if v == 0 {
		d.SetText("")
		return
	}
	d.SetText(strconv.Itoa(v))
}

// value is what the account stores: 0 (the default) for an empty field;
// bad says what to type when the text is no number.
func (d *defaultedNumber) value(bad string) (int, error) {
	t := strings.TrimSpace(d.Text)
	if t == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(t)
	if err != nil {
		return 0, errors.New(bad)
	}
	return n, nil
}

// showDefaults reads the workspace defaults off the UI goroutine and
// puts them in the placeholders; without a reader the built-in ones stay.
func (u *env) showDefaults(fields ...*defaultedNumber) {
	if u.b.Defaults == nil {
		return
	}
	kit.Background(u.Env, "read the channel defaults", u.b.Defaults.ChannelDefaults, func(v core.ChannelDefaults, err error) {
		if err != nil {
			return // the built-in defaults stay shown; the engine falls back to them too
		}
		for _, f := range fields {
			f.showDefault(v)
		}
	})
}
