package accounts

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	coreaccounts "github.com/hearthhq/hearth/core/accounts"
	"github.com/hearthhq/hearth/ui/kit"
)

// channelForm adds or edits a VK community, an X account or a feed watch:
// a name, the channel's fields, a connection test and Add (or Save). read
// turns the fields into the calls to make, or says what to fix; fill puts
// a saved account's settings in the fields (see channeledit.go).
type channelForm struct {
	u        *env
	title    string
	onAdded  func(core.Account)
	onEdited func(coreaccounts.Edited)
	onClose  func()

	name    *kit.Entry
	items   []*widget.FormItem
	secrets []*kit.Entry // left empty in an edit, they keep the stored secret
	read    func() (channelCalls, error)
	clear   func()
	fill    func(core.Account)
	kit.FormFeedback
	heading *widget.Label
	// intro says in two lines where the channel's token or keys come from.
	intro   string
	content *fyne.Container

	editing      core.Account // ID 0 while adding
	gate         *editGate
	placeholders map[*kit.Entry]string // the secrets' placeholders while adding
	// defaults are the numbers that may follow the workspace's defaults.
	defaults []*defaultedNumber
}

// channelCalls are the backend calls for the form's current values.
type channelCalls struct {
	target string // what the test reaches, for its messages
	key    string // fingerprints the settings and secrets typed
	test   func(context.Context) error
	add    func(ctx context.Context, name string) (core.Account, error)
	// testEdit and update are the same for a saved account, whose stored
	// secrets stand in for those left empty.
	testEdit func(ctx context.Context, id int64) error
	update   func(ctx context.Context, id int64, name string) (coreaccounts.Edited, error)
}

func newChannelForm(u *env, title string, onAdded func(core.Account), onEdited func(coreaccounts.Edited), onClose func()) *channelForm {
	f := &channelForm{u: u, title: title, onAdded: onAdded, onEdited: onEdited, onClose: onClose, name: kit.NewEntry()}
	f.FormFeedback = kit.NewFormFeedback(f.runTest, f.runAdd)
	f.gate = newEditGate(&f.FormFeedback, f.fingerprint, f.confirmSkip)
	return f
}

// build lays the form out once its fields are set.
func (f *channelForm) build() *channelForm {
	items := append([]*widget.FormItem{widget.NewFormItem(lang.L("Account name"), f.name)}, f.items...)
	f.heading = widget.NewLabelWithStyle(f.title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.heading.SizeName = theme.SizeNameSubHeadingText
	cancel := widget.NewButton(lang.L("Cancel"), f.close)
	buttons := container.NewHBox(f.TestButton, f.Activity, layout.NewSpacer(), cancel, f.gate.skip, f.SaveButton)
	f.content = container.NewVBox(widget.NewSeparator(), f.heading)
	if f.intro != "" {
		f.content.Add(kit.NewMutedWrapped(f.intro, fyne.TextAlignLeading))
	}
	f.content.Add(widget.NewForm(items...))
	// The problem and the result sit just above the buttons that caused
	// them, never below the fold.
	f.content.Add(f.Problem)
	f.content.Add(f.Result)
	f.content.Add(buttons)
	f.content.Hide()
	f.placeholders = map[*kit.Entry]string{}
	for _, e := range f.secrets {
		f.placeholders[e] = e.PlaceHolder
	}
	for _, it := range f.items {
		f.gate.watch(it.Widget)
	}
	f.reset()
	return f
}

func (f *channelForm) reset() {
	f.stopEditing()
	f.name.SetText("")
	f.clear()
	f.SetProblem("")
	f.SetResult("", widget.MediumImportance)
}

func (f *channelForm) open() {
	f.u.showDefaults(f.defaults...)
	f.content.Show()
	f.u.Win.Canvas().Focus(f.name)
}

func (f *channelForm) close() {
	f.reset()
	f.content.Hide()
	if f.onClose != nil {
		f.onClose()
	}
}

func (f *channelForm) runTest() {
	calls, err := f.read()
	f.SetProblem(problemText(err))
	if err != nil {
		return
	}
	f.gate.busy(true)
	f.SetResult(lang.L("Testing the connection to {{.Target}}…", map[string]any{"Target": calls.target}), widget.MediumImportance)
	id := f.editing.ID
	kit.BackgroundErr(f.u.Env, "test connection", func(ctx context.Context) error {
		ctx, cancel := context.WithTimeout(ctx, testTimeout)
		defer cancel()
		if id != 0 {
			return calls.testEdit(ctx, id)
		}
		return calls.test(ctx)
	}, func(err error) {
		f.gate.busy(false)
		if err != nil {
			f.SetResult(lang.L("The test failed. {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}), widget.DangerImportance)
			return
		}
		f.SetResult(lang.L("The connection works: {{.Target}} answered.", map[string]any{"Target": calls.target}), widget.SuccessImportance)
		f.gate.tested(calls.key)
	})
}

func (f *channelForm) runAdd() {
	calls, err := f.read()
	if err == nil && strings.TrimSpace(f.name.Text) == "" {
		err = errors.New(lang.L("the account needs a name"))
	}
	f.SetProblem(problemText(err))
	if err != nil {
		return
	}
	if f.editing.ID != 0 {
		f.runSave(calls)
		return
	}
	f.Busy(true)
	name := strings.TrimSpace(f.name.Text)
	kit.Background(f.u.Env, "add account", func(ctx context.Context) (core.Account, error) {
		return calls.add(ctx, name)
	}, func(a core.Account, err error) {
		f.Busy(false)
		if err != nil {
			f.SetProblem(addProblem(name, err))
			return
		}
		f.reset()
		f.content.Hide()
		f.onAdded(a)
	})
}

// newVKForm adds a VK community: its id or address and a community token.
func newVKForm(u *env, vk VKAccounts, onAdded func(core.Account), onEdited func(coreaccounts.Edited), onClose func()) *channelForm {
	f := newChannelForm(u, lang.L("Add a VK community"), onAdded, onEdited, onClose)
	f.intro = lang.L("The token: on vk.com open your community › Manage › API usage › Access tokens, create one with the rights to manage the community, its wall, photos and messages, and paste it below.") + "\n" +
		lang.L("The community's id is in its address (vk.com/club123456), or under Manage › Settings when it has a short name.")
	group, token := kit.NewEntry(), kit.NewPasswordEntry()
	backfill := newDefaultedNumber(func(d core.ChannelDefaults) int { return d.VKBackfillDays })
	apiURL := kit.NewEntry()
	messages := widget.NewCheck(lang.L("Community messages too (the token needs the messages right)"), nil)
	f.name.SetPlaceHolder(lang.L("Our VK community"))
	group.SetPlaceHolder(lang.L("vk.com/club123456 or 123456"))
	token.SetPlaceHolder(lang.L("Community access token (Manage community › API usage)"))
	apiURL.SetPlaceHolder(core.DefaultVKAPIURL)
	f.items = []*widget.FormItem{
		hinted(widget.NewFormItem(lang.L("Community"), group), lang.L("Its address or numeric id")),
		hinted(widget.NewFormItem(lang.L("Access token"), token), lang.L("Kept in the system keyring, never in the workspace")),
		hinted(widget.NewFormItem(lang.L("Backfill days"), backfill.Entry), lang.L("How far back the first sync reaches; empty follows Settings")),
		widget.NewFormItem("", messages),
		hinted(widget.NewFormItem(lang.L("API address"), apiURL), lang.L("Leave empty for VK itself")),
	}
	f.clear = func() {
		for _, e := range []*kit.Entry{group, token, apiURL} {
			e.SetText("")
		}
		backfill.SetText("")
		messages.SetChecked(true)
	}
	f.secrets = []*kit.Entry{token}
	f.defaults = []*defaultedNumber{backfill}
	f.fill = func(a core.Account) {
		s, _ := core.ParseVKSettings(a.Settings) // unreadable: fields to fill
		var stored core.VKSettings               // before defaults: 0 follows the workspace's
		_ = json.Unmarshal(a.Settings, &stored)
		group.SetText(strconv.FormatInt(s.GroupID, 10))
		backfill.set(stored.BackfillDays)
		messages.SetChecked(s.Messages)
		apiURL.SetText(shownAPIURL(s.APIURL, core.DefaultVKAPIURL))
	}
	f.read = func() (channelCalls, error) {
		id, err := parseVKGroup(group.Text)
		if err != nil {
			return channelCalls{}, err
		}
		days, err := backfill.value(lang.L("backfill days must be a number, e.g. 30"))
		if err != nil {
			return channelCalls{}, err
		}
		if strings.TrimSpace(token.Text) == "" && f.editing.ID == 0 {
			return channelCalls{}, errors.New(lang.L("the access token is missing"))
		}
		var s core.VKSettings
		if f.editing.ID != 0 {
			_ = json.Unmarshal(f.editing.Settings, &s) // keeps what the form does not show
		}
		s.GroupID, s.APIURL, s.BackfillDays, s.Messages = id, strings.TrimSpace(apiURL.Text), days, messages.Checked
		if err := s.Validate(); err != nil && s.APIURL != "" {
			return channelCalls{}, err
		}
		tok := strings.TrimSpace(token.Text)
		return channelCalls{
			target: lang.L("VK community {{.ID}}", map[string]any{"ID": id}),
			key:    fingerprint(s, tok),
			test:   func(ctx context.Context) error { return vk.TestVK(ctx, s, tok) },
			add: func(ctx context.Context, name string) (core.Account, error) {
				return vk.AddVK(ctx, name, s, tok)
			},
			testEdit: func(ctx context.Context, id int64) error { return vk.TestVKEdit(ctx, id, s, tok) },
			update: func(ctx context.Context, id int64, name string) (coreaccounts.Edited, error) {
				return vk.UpdateVK(ctx, id, name, s, tok)
			},
		}, nil
	}
	return f.build()
}

// parseVKGroup reads a community id from what a person pastes: 123,
// club123, public123 or a vk.com link to either.
func parseVKGroup(s string) (int64, error) {
	s = strings.TrimRight(strings.TrimSpace(s), "/")
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		s = strings.Trim(u.Path, "/")
	} else if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	for _, p := range []string{"club", "public", "event", "-"} {
		s = strings.TrimPrefix(s, p)
	}
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, errors.New(lang.L("the community must be its numeric id or a link like vk.com/club123456 (a short name like vk.com/ourgroup is not understood yet: open the community's settings to see its id)"))
	}
	return id, nil
}

// newXForm adds an X account: its four OAuth 1.0a keys and the API version.
func newXForm(u *env, x XAccounts, onAdded func(core.Account), onEdited func(coreaccounts.Edited), onClose func()) *channelForm {
	f := newChannelForm(u, lang.L("Add an X account"), onAdded, onEdited, onClose)
	f.intro = lang.L("The keys: in the X developer portal (developer.x.com) open your app › Keys and tokens; the API key and its secret are the consumer keys.") + "\n" +
		lang.L("Generate the access token and its secret on the same page, with Read and write permission, signed in as the account Hearth answers from.")
	handle, apiURL := kit.NewEntry(), kit.NewEntry()
	vip := newDefaultedNumber(func(d core.ChannelDefaults) int { return d.VIPFollowers })
	ck, cs, at, as := kit.NewPasswordEntry(), kit.NewPasswordEntry(), kit.NewPasswordEntry(), kit.NewPasswordEntry()
	// untranslated: the names of X's API versions
	version := kit.NewSelect([]string{"API v2", "API v1.1"}, nil)
	f.name.SetPlaceHolder("@our_brand") // untranslated: a handle
	handle.SetPlaceHolder("our_brand")  // untranslated: a handle
	apiURL.SetPlaceHolder(core.DefaultXAPIURL)
	f.items = []*widget.FormItem{
		widget.NewFormItem(lang.L("Handle"), handle),
		hinted(widget.NewFormItem(lang.L("API key"), ck), lang.L("From the X developer portal: keys and tokens")),
		widget.NewFormItem(lang.L("API key secret"), cs),
		widget.NewFormItem(lang.L("Access token"), at),
		hinted(widget.NewFormItem(lang.L("Access token secret"), as), lang.L("All four are kept in the system keyring")),
		// untranslated: the same word everywhere
		widget.NewFormItem("API", version),
		hinted(widget.NewFormItem(lang.L("VIP from"), vip.Entry), lang.L("Followers that make an author a VIP; empty follows Settings")),
		hinted(widget.NewFormItem(lang.L("API address"), apiURL), lang.L("Leave empty for X itself")),
	}
	f.clear = func() {
		for _, e := range []*kit.Entry{handle, apiURL, ck, cs, at, as} {
			e.SetText("")
		}
		vip.SetText("")
		version.SetSelected("API v2")
	}
	f.secrets = []*kit.Entry{ck, cs, at, as}
	f.defaults = []*defaultedNumber{vip}
	f.fill = func(a core.Account) {
		s, _ := core.ParseXSettings(a.Settings) // unreadable: fields to fill
		var stored core.XSettings               // before defaults: 0 follows the workspace's
		_ = json.Unmarshal(a.Settings, &stored)
		handle.SetText(s.Handle)
		vip.set(stored.VIPFollowers)
		version.SetSelected("API v" + string(s.APIVersion))
		apiURL.SetText(shownAPIURL(s.APIURL, core.DefaultXAPIURL))
	}
	f.read = func() (channelCalls, error) {
		keys := core.XKeys{ConsumerKey: strings.TrimSpace(ck.Text), ConsumerSecret: strings.TrimSpace(cs.Text),
			AccessToken: strings.TrimSpace(at.Text), AccessSecret: strings.TrimSpace(as.Text)}
		if m := missingKey(keys); m != "" && f.editing.ID == 0 {
			return channelCalls{}, errors.New(m)
		}
		followers, err := vip.value(lang.L("VIP from must be a number of followers, e.g. 10000"))
		if err != nil || followers < 0 {
			return channelCalls{}, errors.New(lang.L("VIP from must be a number of followers, e.g. 10000"))
		}
		var s core.XSettings
		if f.editing.ID != 0 {
			_ = json.Unmarshal(f.editing.Settings, &s) // keeps what the form does not show
		}
		s.Handle, s.APIURL = strings.TrimPrefix(strings.TrimSpace(handle.Text), "@"), strings.TrimSpace(apiURL.Text)
		s.VIPFollowers, s.APIVersion = followers, core.XAPIv2
		if version.Selected == "API v1.1" {
			s.APIVersion = core.XAPIv11
		}
		target := "X"
		if s.Handle != "" {
			target = lang.L("@{{.Handle}} on X", map[string]any{"Handle": s.Handle})
		}
		return channelCalls{
			target: target,
			key:    fingerprint(s, keys.ConsumerKey, keys.ConsumerSecret, keys.AccessToken, keys.AccessSecret),
			test:   func(ctx context.Context) error { return x.TestX(ctx, s, keys) },
			add: func(ctx context.Context, name string) (core.Account, error) {
				return x.AddX(ctx, name, s, keys)
			},
			testEdit: func(ctx context.Context, id int64) error { return x.TestXEdit(ctx, id, s, keys) },
			update: func(ctx context.Context, id int64, name string) (coreaccounts.Edited, error) {
				return x.UpdateX(ctx, id, name, s, keys)
			},
		}, nil
	}
	return f.build()
}

// missingKey says which of the four X keys is missing, as core's
// XKeys.Missing checks them, in the language in use; "" when none is.
func missingKey(k core.XKeys) string {
	switch {
	case k.Missing() == "":
		return ""
	case k.ConsumerKey == "":
		return lang.L("the API key (consumer key) is missing")
	case k.ConsumerSecret == "":
		return lang.L("the API key secret (consumer secret) is missing")
	case k.AccessToken == "":
		return lang.L("the access token is missing")
	default:
		return lang.L("the access token secret is missing")
	}
}
