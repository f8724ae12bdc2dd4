package demo

import (
	"fmt"
	"strconv"
	"time"

	"github.com/hearthhq/hearth/core"
)

// historyPostBase numbers the history's wall posts clear of the peer's.
const historyPostBase = 9000

// vkWeek writes week w of the wall: three posts (news on Monday, the
// joint project on Wednesday, club life on Friday), members' comments
// and the community's answers under them.
func (h *pastWeeks) vkWeek(w int, vk []historyPerson) {
	people := present(vk, w)
	for i, slot := range []struct {
		day, hour, minute int
		agenda            core.Agenda
		texts             []string
	}{
		{0, 10, 0, core.AgendaNews, historyNewsPosts},
		{2, 12, 30, core.AgendaProject, historyProjectPosts},
		{4, 17, 0, core.AgendaLife, historyLifePosts},
	} {
		at := h.at(7*w+slot.day, slot.hour, slot.minute)
		if at.After(h.now) {
			continue
		}
		post := historyPostBase + 3*w + i
		text := slot.texts[(w+i)%len(slot.texts)]
		if w == badWeek && i == 0 {
			text = historyBadPost
		}
		if w == marathonWeek && i == 2 {
			text = historyMarathonPost
		}
		comments := h.vkComments(w, post, at, people)
		views := 700 + 45*len(people) + h.rnd.IntN(600)
		if w == marathonWeek {
			views *= 2
		}
		likes := views/28 + h.rnd.IntN(15)
		rid := fmt.Sprintf("post:-%d_%d", vkDemoGroup, post)
		url := fmt.Sprintf("https://vk.com/wall-%d_%d", vkDemoGroup, post)
		h.out.VK.Items = append(h.out.VK.Items, core.Item{Kind: core.ItemVKPost, RemoteID: rid, Text: text,
			Author: core.Person{Name: vkDemoGroupName, Address: "-" + strconv.Itoa(vkDemoGroup)}, CreatedAt: at,
			Location: url, Outgoing: true, State: core.StateDone, Seen: true,
			Stats: core.ItemStats{Likes: likes, Reposts: likes/9 + h.rnd.IntN(3), Comments: comments, Views: views}})
		h.out.Posts = append(h.out.Posts, HistoryPost{Channel: core.KindVK, RemoteID: rid, URL: url, Text: text,
			Agenda: slot.agenda, Campaign: slot.agenda == core.AgendaProject && w >= 2 && w <= 9, At: at})
	}
}

// vkComments writes the comments of one post and our answers; it returns
// how many comments the post has.
func (h *pastWeeks) vkComments(w, post int, at time.Time, people []historyPerson) int {
	n := 2 + len(people)/7 + h.rnd.IntN(3)
	if w == marathonWeek {
		n += 6
	}
	texts := historyVKComments
	if w == badWeek {
		texts = historyVKAngry
	}
	count := 0
	for c := range n {
		when := at.Add(time.Duration(10+h.rnd.IntN(30*60)) * time.Minute)
		if when.After(h.now.Add(-time.Hour)) {
			continue
		}
		p := pickOne(h, people)
		crid := fmt.Sprintf("comment:-%d_%d_%d", vkDemoGroup, post, 2*c+1)
		prid := fmt.Sprintf("post:-%d_%d", vkDemoGroup, post)
		reply := when.Add(h.wait(when, w))
		answered := h.answered(w) && !reply.After(h.now) // no answer from the future
		h.out.VK.Items = append(h.out.VK.Items, core.Item{Kind: core.ItemVKComment, RemoteID: crid,
			Text: pickOne(h, texts), Author: core.Person{Name: p.name, Address: p.address}, CreatedAt: when,
			ThreadRefs: []string{prid}, State: h.state(when, answered), Seen: true})
		count++
		if !answered {
			continue
		}
		h.out.VK.Items = append(h.out.VK.Items, core.Item{Kind: core.ItemVKComment,
			RemoteID: fmt.Sprintf("comment:-%d_%d_%d", vkDemoGroup, post, 2*c+2), Text: h.answer(w, p, ru),
			Author:    core.Person{Name: vkDemoGroupName, Address: "-" + strconv.Itoa(vkDemoGroup)},
			CreatedAt: reply, ThreadRefs: []string{prid, crid},
			Outgoing: true, State: core.StateDone, Seen: true})
		count++
	}
	return count
}

// state is a message's triage state: open while unanswered and recent,
// else done.
func (h *pastWeeks) state(at time.Time, answered bool) core.State {
	if !answered && at.After(h.now.AddDate(0, 0, -14)) {
		return core.StateOpen
	}
	return core.StateDone
}

// answer is our reply to p.
func (h *pastWeeks) answer(w int, p historyPerson, l lang) string {
	first, _, _ := cutName(p.name)
	if w == badWeek {
		return fmt.Sprintf(pickOne(h, historyApologies[l]), first)
	}
	return fmt.Sprintf(pickOne(h, historyAnswers[l]), first)
}

func cutName(s string) (string, string, bool) {
	for i, r := range s {
		if r == ' ' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// xWeek writes a week of mentions and our replies.
func (h *pastWeeks) xWeek(w int, x []historyPerson) {
	people := present(x, w)
	for d := range 7 {
		for range 1 + h.rnd.IntN(2) {
			when := h.at(7*w+d, 8+h.rnd.IntN(14), h.rnd.IntN(60))
			if when.After(h.now.Add(-time.Hour)) {
				continue
			}
			p := pickOne(h, people)
			texts := historyXMentions
			if w == badWeek {
				texts = historyXAngry
			}
			id := h.id("17900000000")
			reply := when.Add(h.wait(when, w))
			answered := h.answered(w) && !reply.After(h.now)
			h.out.X.Items = append(h.out.X.Items, core.Item{Kind: core.ItemXMention, RemoteID: id,
				Text: "@" + xDemoMe.Username + " " + pickOne(h, texts), CreatedAt: when, State: h.state(when, answered), Seen: true,
				Author: core.Person{Name: p.name, Address: p.address, Handle: p.handle},
				Stats:  core.ItemStats{Likes: h.rnd.IntN(12)}})
			if !answered {
				continue
			}
			h.out.X.Items = append(h.out.X.Items, core.Item{Kind: core.ItemXReply, RemoteID: h.id("17900000000"),
				Text: "@" + p.handle + " " + h.answer(w, p, en), CreatedAt: reply,
				ThreadRefs: []string{id}, Outgoing: true, State: core.StateDone, Seen: true,
				Author: core.Person{Name: xDemoMe.Name, Address: xDemoMe.ID, Handle: xDemoMe.Username}})
		}
	}
}

// mailWeek writes a week of questions by e-mail, on working days, and
// our answers.
func (h *pastWeeks) mailWeek(w int, mail []historyPerson) {
	people := present(mail, w)
	for d := range 7 {
		day := h.at(7*w+d, 0, 0)
		if wd := day.Add(3 * time.Hour).Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		for range h.rnd.IntN(3) {
			when := h.at(7*w+d, 7+h.rnd.IntN(14), h.rnd.IntN(60))
			if when.After(h.now.Add(-time.Hour)) {
				continue
			}
			p := pickOne(h, people)
			q := pickOne(h, historyMailQuestions[p.lang])
			id := "<" + h.id("hist-") + "@mail.example>"
			reply := when.Add(h.wait(when, w))
			answered := h.answered(w) && !reply.After(h.now)
			h.out.Mail.Items = append(h.out.Mail.Items, core.Item{Kind: core.ItemEmail, RemoteID: id, Subject: q[0],
				Text: q[1], CreatedAt: when, State: h.state(when, answered), Seen: true,
				Author: core.Person{Name: p.name, Address: p.address}})
			if !answered {
				continue
			}
			h.out.Mail.Items = append(h.out.Mail.Items, core.Item{Kind: core.ItemEmail,
				RemoteID: "<" + h.id("hist-re-") + "@hearth.example>", Subject: "Re: " + q[0],
				Text: h.answer(w, p, p.lang), CreatedAt: reply, ThreadRefs: []string{id},
				Outgoing: true, State: core.StateDone, Seen: true,
				Author: core.Person{Name: support.name, Address: support.addr}})
		}
	}
}

// memberships are the VK joins (each member's first week, the regulars
// before the history) and leaves: one now and then, a handful in the bad
// week, one of whom comes back.
func (h *pastWeeks) memberships(vk []historyPerson) {
	b := &h.out.VK
	for _, p := range vk {
		at := h.at(7*p.since+h.rnd.IntN(7), 9+h.rnd.IntN(12), h.rnd.IntN(60))
		if p.since == 0 {
			at = h.start.AddDate(0, 0, -30-h.rnd.IntN(150))
		}
		if at.After(h.now) {
			continue
		}
		b.Memberships = append(b.Memberships, core.MembershipEvent{Kind: core.MemberJoined, Address: p.address, At: at})
	}
	leave := func(p historyPerson, day int) {
		b.Memberships = append(b.Memberships, core.MembershipEvent{Kind: core.MemberLeft, Address: p.address,
			At: h.at(day, 10+h.rnd.IntN(10), h.rnd.IntN(60))})
	}
	for w := 1; w < HistoryWeeks; w += 3 {
		leave(vk[len(vk)-1-w], 7*w+3)
	}
	for i := range 4 {
		leave(vk[2+i], 7*badWeek+1+i)
	}
	b.Memberships = append(b.Memberships, core.MembershipEvent{Kind: core.MemberJoined, Address: vk[2].address,
		At: h.at(7*(badWeek+2)+2, 18, 0)})
}
