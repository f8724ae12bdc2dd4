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

// scoresSection is the member files' activity weights, windows, quadrant
// thresholds and cohort days. Saving rescores every member.
type scoresSection struct {
	s                            *Screen
	post, comment, message       *field
	activityDays, loyaltyDays    *field
	activeAt, loyalAt            *field
	newDays, driftDays, deadDays *field
	save                         *widget.Button
	result                       *status
	loaded                       bool
}

// maxDays keeps windows within ten years.
const maxDays = 3650

func newScoresSection(s *Screen) *scoresSection {
	return &scoresSection{s: s, post: newField("3"), comment: newField("2"), message: newField("2"),
		activityDays: newField("30"), loyaltyDays: newField("180"), activeAt: newField("6"), loyalAt: newField("0.2"),
		newDays: newField("30"), driftDays: newField("30"), deadDays: newField("90"), result: newStatus()}
}

func (c *scoresSection) section() Section {
	c.save = widget.NewButtonWithIcon(lang.L("Save and rescore members"), theme.DocumentSaveIcon(), c.saveScores)
	c.save.Importance = widget.HighImportance
	hinted := func(label string, f *field, hint string) *widget.FormItem {
		it := widget.NewFormItem(label, f.box)
		it.HintText = hint
		return it
	}
	form := widget.NewForm(
		hinted(lang.L("Post weight"), c.post, lang.L("Activity points for each post a member writes")),
		hinted(lang.L("Comment weight"), c.comment, lang.L("Points for each comment or reply")),
		hinted(lang.L("Message weight"), c.message, lang.L("Points for each private message or e-mail")),
		hinted(lang.L("Activity window"), c.activityDays, lang.L("Days of messages that count towards activity")),
		hinted(lang.L("Active from"), c.activeAt, lang.L("Points in the window that make a member active")),
		hinted(lang.L("Loyalty window"), c.loyaltyDays, lang.L("Days of messages whose tone makes loyalty")),
		hinted(lang.L("Loyal from"), c.loyalAt, lang.L("Mean tone, from -1 to 1, that makes a member loyal")),
		hinted(lang.L("New for"), c.newDays, lang.L("Days a member counts as new after joining")),
		hinted(lang.L("Drifting after"), c.driftDays, lang.L("Days of silence after which a member is drifting")),
		hinted(lang.L("Dead soul after"), c.deadDays, lang.L("Days without any sign of life; at least the drifting days")),
	)
	return Section{Title: lang.L("Members"),
		About:   lang.L("How the member files score activity and loyalty and sort members into cohorts. The dashboard uses the same numbers."),
		Content: container.NewVBox(form, saveRow(c.save, c.result)), Start: c.load}
}

func (c *scoresSection) load() {
	kit.Background(c.s.env, "read the score settings", c.s.b.Scores.Settings, func(v core.ScoreSettings, err error) {
		if err != nil {
			c.result.fail(lang.L("Could not read the settings: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		c.show(v)
		c.loaded = true
	})
}

func (c *scoresSection) show(v core.ScoreSettings) {
	c.post.setFloat(v.PostWeight)
	c.comment.setFloat(v.CommentWeight)
	c.message.setFloat(v.MessageWeight)
	c.activityDays.setInt(v.ActivityDays)
	c.loyaltyDays.setInt(v.LoyaltyDays)
	c.activeAt.setFloat(v.ActiveAt)
	c.loyalAt.setFloat(v.LoyalAt)
	c.newDays.setInt(v.NewDays)
	c.driftDays.setInt(v.DriftDays)
	c.deadDays.setInt(v.DeadDays)
}

// read checks every field, each saying what is wrong beside it.
func (c *scoresSection) read() (v core.ScoreSettings, ok bool) {
	oks := make([]bool, 10)
	v.PostWeight, oks[0] = c.post.floatIn(0, 100)
	v.CommentWeight, oks[1] = c.comment.floatIn(0, 100)
	v.MessageWeight, oks[2] = c.message.floatIn(0, 100)
	v.ActivityDays, oks[3] = c.activityDays.intIn(1, maxDays)
	v.ActiveAt, oks[4] = c.activeAt.floatIn(0, 10000)
	v.LoyaltyDays, oks[5] = c.loyaltyDays.intIn(1, maxDays)
	v.LoyalAt, oks[6] = c.loyalAt.floatIn(-1, 1)
	v.NewDays, oks[7] = c.newDays.intIn(1, maxDays)
	v.DriftDays, oks[8] = c.driftDays.intIn(1, maxDays)
	v.DeadDays, oks[9] = c.deadDays.intIn(1, maxDays)
	ok = true
	for _, o := range oks {
		ok = ok && o
	}
	if oks[8] && oks[9] && v.DeadDays < v.DriftDays {
		c.deadDays.say(lang.L("A dead soul is silent at least as long as a drifting member: {{.Days}} days or more.", map[string]any{"Days": v.DriftDays}))
		ok = false
	}
	return v, ok
}

func (c *scoresSection) saveScores() {
	if !c.loaded {
		return
	}
	v, ok := c.read()
	if !ok {
		c.result.fail(lang.L("Not saved: correct what is marked above."))
		return
	}
	c.save.Disable()
	c.result.clear()
	kit.BackgroundErr(c.s.env, "save the score settings", func(ctx context.Context) error {
		if err := c.s.b.Scores.SetSettings(ctx, v); err != nil {
			return err
		}
		return c.s.b.Scores.Refresh(ctx)
	}, func(err error) {
		c.save.Enable()
		if err != nil {
			c.result.fail(lang.L("Not saved: {{.Error}}", map[string]any{"Error": kit.ErrorText(err)}))
			return
		}
		c.result.ok(lang.L("Saved, and every member rescored."))
	})
}
