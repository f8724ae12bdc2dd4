package inbox

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/hearthhq/hearth/assets"
	"github.com/hearthhq/hearth/core"
	"github.com/hearthhq/hearth/core/members"
	"github.com/hearthhq/hearth/core/query"
	"github.com/hearthhq/hearth/core/rules"
	"github.com/hearthhq/hearth/ui/internal/uitest"
	"github.com/hearthhq/hearth/ui/kit"
)

// useLanguage switches the window's language for one test.
func useLanguage(t *testing.T, code string) {
	t.Helper()
	if _, err := kit.UseLanguage(code); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = kit.UseLanguage("en") })
}

// dynamicKeys are the keys ui/inbox translates with lang.L(variable): names
// kept in English where code compares them, and core's words shown in the
// inbox. The source scan cannot see these calls.
func dynamicKeys() []string {
	keys := []string{allAccounts, emptyInbox, emptyFiltered, "this is your own message", "this workspace cannot ask the channel"}
	for _, v := range stateViews {
		if v.label != "Open" { // said through ambiguous (filterbar.go)
			keys = append(keys, v.label)
		}
	}
	for _, v := range kindViews {
		keys = append(keys, v.label)
	}
	for _, b := range banDurations {
		keys = append(keys, b.label, b.span)
	}
	for _, r := range banReasons {
		keys = append(keys, r.label)
	}
	for _, s := range shortcuts {
		keys = append(keys, s.keys, s.what)
	}
	for _, r := range privateRefusals {
		keys = append(keys, r.key)
	}
	keys = append(keys, queryMessages...)
	keys = append(keys, fixedProblems...)
	keys = append(keys, ruleOutcomes...)
	return append(keys, standingWords...)
}

// Every key ui/inbox passes to lang in a variable is in inbox.<lang>.json
// of every language, so no name stays English in a Russian window.
func TestDynamicKeysTranslated(t *testing.T) {
	for _, l := range kit.Languages {
		raw, err := assets.Translations.ReadFile(assets.TranslationsDir + "/inbox." + l + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var file map[string]json.RawMessage
		if err := json.Unmarshal(raw, &file); err != nil {
			t.Fatal(err)
		}
		for _, k := range dynamicKeys() {
			if _, ok := file[k]; !ok {
				t.Errorf("inbox.%s.json lacks %q", l, k)
			}
		}
	}
}

// The words of core the inbox translates are the words core says: a new
// quadrant, cohort or rule outcome shows up here, not in English in a
// Russian window.
func TestCoreWordsListed(t *testing.T) {
	for _, q := range []core.Quadrant{core.QuadrantAdvocate, core.QuadrantQuietFan, core.QuadrantCritic, core.QuadrantPasserBy} {
		if w := members.QuadrantLabel(q); !slices.Contains(standingWords, w) {
			t.Errorf("quadrant %s reads %q, not in standingWords", q, w)
		}
	}
	for _, c := range []core.Cohort{core.CohortNew, core.CohortRegular, core.CohortDrifting, core.CohortDeadSoul} {
		if w := members.CohortLabel(c); !slices.Contains(standingWords, w) {
			t.Errorf("cohort %s reads %q, not in standingWords", c, w)
		}
	}
	for _, o := range []string{rules.HeldOff, rules.SkipAutomated, rules.SkipOwn, rules.SkipToday, rules.SkipFeed, rules.SkipNoAddress} {
		if !slices.Contains(ruleOutcomes, o) {
			t.Errorf("rule outcome %q is not in ruleOutcomes", o)
		}
	}
	// Each fixed message of the query parser, from a query that makes it.
	for q, want := range map[string]string{
		`"a`:    `'"' without a closing '"'`,
		"a)":    "')' without '('",
		"a AND": "AND needs a term on each side",
		"OR a":  "OR needs a term on each side",
		"a NOT": "'-' or NOT needs a term after it",
		"(a":    "'(' without ')'",
		"()":    "empty parentheses",
	} {
		_, err := query.ParseAt(q, uitest.Now)
		var pe *query.Error
		if !errors.As(err, &pe) || pe.Msg != want || !slices.Contains(queryMessages, pe.Msg) {
			t.Errorf("query %q: %v, want %q listed in queryMessages", q, err, want)
		}
	}
}

// In English the rule lines read as core writes them.
func TestRuleLineEnglish(t *testing.T) {
	steps := []core.RuleStep{
		{RuleName: "Spam links", Action: core.RuleAction{Kind: core.RuleState, Arg: "spam"}},
		{RuleName: "Tag bugs", Action: core.RuleAction{Kind: core.RuleTag, Arg: "bug"}, UndoneAt: uitest.Now},
		{RuleName: "Later", Action: core.RuleAction{Kind: core.RuleState, Arg: "snoozed", For: 3 * 24 * time.Hour}},
		{RuleName: "Later", Action: core.RuleAction{Kind: core.RuleState, Arg: "snoozed", For: 14 * 24 * time.Hour}},
		{RuleName: "Later", Action: core.RuleAction{Kind: core.RuleState, Arg: "snoozed", For: 90 * time.Minute}},
		{RuleName: "Hide", Action: core.RuleAction{Kind: core.RuleHide}},
		{RuleName: "Ping", Action: core.RuleAction{Kind: core.RuleNotify}},
		{RuleName: "Thanks", Action: core.RuleAction{Kind: core.RuleReply, Arg: "Merci"}},
		{RuleName: "Thanks", Action: core.RuleAction{Kind: core.RuleReply, Arg: "Merci"}, Outcome: rules.HeldOff},
		{RuleName: "Thanks", Action: core.RuleAction{Kind: core.RuleReply, Arg: "Gone"}, Outcome: "no saved reply named Gone"},
	}
	for _, s := range steps {
		if got, want := ruleLine(s), s.Line(); got != want {
			t.Errorf("ruleLine = %q, core says %q", got, want)
		}
	}
}

// What the inbox says in Russian and French: plural forms by the count,
// core's words translated, names kept.
func TestInboxSentencesTranslated(t *testing.T) {
	it := core.Item{Subject: "Ошибка после обновления", Author: core.Person{Name: "Анна"}}
	step := core.RuleStep{RuleName: "Ссылки", Action: core.RuleAction{Kind: core.RuleState, Arg: "spam"}}
	tests := []struct {
		lang string
		got  func() string
		want string
	}{
		{"ru", func() string { return threadMeta(core.Thread{Items: make([]core.Item, 1)}) }, "1 сообщение"},
		{"ru", func() string { return threadMeta(core.Thread{Items: make([]core.Item, 3)}) }, "3 сообщения"},
		{"ru", func() string { return threadMeta(core.Thread{Items: make([]core.Item, 5)}) }, "5 сообщений"},
		{"ru", func() string { return threadMeta(core.Thread{Items: make([]core.Item, 21)}) }, "21 сообщение"},
		{"ru", func() string { return bulkDone(core.StateDone, 2) }, "2 беседы отмечены как готовые."},
		{"ru", func() string { return bulkDone(core.StateDone, 11) }, "11 бесед отмечено как готовые."},
		{"ru", func() string { return stateDone(core.StateSpam, it, uitest.Now) }, "«Ошибка после обновления»: перемещено в спам."},
		{"ru", func() string { return ruleLine(step) }, "Правило «Ссылки» переместило это в спам"},
		{"ru", func() string { return statsLine(core.ItemStats{Likes: 1, Views: 1500}) }, "1 лайк · 1,5\u00a0тыс. просмотров"},
		{"ru", func() string { return modDone(core.ModAction{Kind: core.ModBan, Duration: 7 * 24 * time.Hour}, it) }, "Анна: блокировка на 1 неделю."},
		{"ru", func() string { return kit.Capitalize(standingWord("quiet fan")) }, "Тихий поклонник"},
		{"fr", func() string { return threadMeta(core.Thread{Items: make([]core.Item, 1)}) }, "1 message"},
		{"fr", func() string { return hitsLine(hitCount{n: 0}, "salle", false) }, "0 conversation correspond à «\u00a0salle\u00a0»"},
		{"fr", func() string { return hitsLine(hitCount{n: 2}, "salle", true) }, "2 messages correspondent à «\u00a0salle\u00a0»"},
		{"ru", func() string { return hitsLine(hitCount{n: 5}, "зал", true) }, "5 сообщений по запросу «зал»"},
		{"bg", func() string { return hitsLine(hitCount{n: 1}, "зала", true) }, "1 съобщение по заявката „зала“"},
		{"fr", func() string { return bulkDone(core.StateSpam, 3) }, "3 conversations déplacées dans les spams."},
		{"fr", func() string { return viewName("Open") }, "Ouvert"},
		{"bg", func() string { return threadMeta(core.Thread{Items: make([]core.Item, 2)}) }, "2 съобщения"},
		{"en", func() string { return threadMeta(core.Thread{Items: make([]core.Item, 1)}) }, "1 message"},
		{"en", func() string { return viewName("Open") }, "Open"},
	}
	for _, tt := range tests {
		useLanguage(t, tt.lang)
		if got := tt.got(); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.lang, got, tt.want)
		}
	}
}
