package settings

import (
	"context"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/ui/kit"
)

// channelsSection is the workspace's defaults for the accounts that set
// none of their own: the VIP threshold and how far back first syncs reach.
type channelsSection struct {
	s             *Screen
	vip, mail, vk *field
	save          *widget.Button
	result        *status
	loaded        bool
}

// maxBackfill mirrors core's limit, so the field says it before saving.
const maxBackfill = 3650

func newChannelsSection(s *Screen) *channelsSection {
	return &channelsSection{s: s, vip: newField("10000"), mail: newField("90"), vk: newField("30"), result: newStatus()}
}

func (c *channelsSection) section() Section {
	c.save = widget.NewButtonWithIcon(lang.L("Save channel defaults"), theme.DocumentSaveIcon(), c.saveDefaults)
	c.save.Importance = widget.HighImportance
	vip := widget.NewFormItem(lang.L("VIP from"), c.vip.box)
	vip.HintText = lang.L("Followers that make an author on X a VIP, shown first in the inbox")
	mail := widget.NewFormItem(lang.L("E-mail backfill"), c.mail.box)
	mail.HintText = lang.L("Days of past mail the first sync of a mailbox reads")
	vk := widget.NewFormItem(lang.L("VK backfill"), c.vk.box)
	vk.HintText = lang.L("Days of past posts and comments the first sync of a VK community reads")
	return Section{Title: lang.L("Channels"),
		About:   lang.L("Defaults for the accounts that do not set their own; each account's connection reads them when it next connects."),
		Content: container.NewVBox(widget.NewForm(vip, mail, vk), saveRow(c.save, c.result)), Start: c.load}
}

func (c *channelsSection) load() {
	kit.Background(c.s.env, "read the channel defaults", c.s.b.Prefs.ChannelDefaults, func(v core.ChannelDefaults, err error) {
		if err != nil {
			c.result.fail(lang.L("Could not read the settings: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		c.vip.setInt(v.VIPFollowers)
		c.mail.setInt(v.MailBackfillDays)
		c.vk.setInt(v.VKBackfillDays)
		c.loaded = true
	})
}

func (c *channelsSection) saveDefaults() {
	if !c.loaded {
		return
	}
	var v core.ChannelDefaults
	var ok1, ok2, ok3 bool
	v.VIPFollowers, ok1 = c.vip.intIn(1, 1_000_000_000)
	v.MailBackfillDays, ok2 = c.mail.intIn(1, maxBackfill)
	v.VKBackfillDays, ok3 = c.vk.intIn(1, maxBackfill)
	if !ok1 || !ok2 || !ok3 {
		c.result.fail(lang.L("Not saved: correct what is marked above."))
		return
	}
	c.save.Disable()
	c.result.clear()
	kit.BackgroundErr(c.s.env, "save the channel defaults", func(ctx context.Context) error {
		return c.s.b.Prefs.SetChannelDefaults(ctx, v)
	}, func(err error) {
		c.save.Enable()
		if err != nil {
			c.result.fail(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		c.result.ok(lang.L("Saved. Accounts read these defaults when they next connect."))
	})
}
