package demo

var vocabEN = vocab{
	events: []string{
		"board-game night", "soldering workshop", "repair café",
		"3D-printing class", "Carcassonne tournament", "laser-cutter induction",
	},
	days:      []string{"on Thursday", "this Saturday", "next Tuesday", "on Friday evening", "on Sunday afternoon"},
	times:     []string{"7 pm", "6:30 pm", "7:30 pm", "2 pm"},
	games:     []string{"Wingspan", "Azul", "Carcassonne", "Terraforming Mars", "Codenames", "Ticket to Ride"},
	tools:     []string{"laser cutter", "3D printer", "soldering station", "CNC router", "sewing machine"},
	companies: []string{"Oakleaf Games", "Meeple & Co.", "Brightwire Electronics", "The Dice Tower Café"},
	project:   "the community arcade cabinet",
	mobileSig: "Sent from my iPhone",
	thanks: []string{
		"Thanks a lot, that really helps! See you at the next meetup.\n\n{first}",
		"Brilliant, thank you for the quick answer :)\n\n{first}",
		"Perfect, that's exactly what I needed to know. Thanks!\n\n{first}",
	},
	reply: "Hi {first},\n\nThanks for writing to us! I've passed this on to the team and we'll " +
		"get back to you before the weekend. In the meantime, the latest news is always " +
		"in our VK group and on X.\n\nSam\nHearth Makers",
}

var templatesEN = []template{
	{question, "What time does the {event} start {day}?",
		"Hi there,\n\nI saw the announcement for the {event} on your VK page but couldn't find the " +
			"start time. Is it {time} like last time, or later? Also, do I need to bring anything, " +
			"or is everything provided?\n\nThanks!\n{first}"},
	{question, "Membership: monthly or yearly?",
		"Hello,\n\nI've come to three board-game nights now and I think it's time I became a proper " +
			"member. What's the difference between the monthly and the yearly membership? Does the " +
			"yearly one include access to the workshop tools (the {tool} in particular)?\n\nCheers,\n{first}"},
	{question, "How do I join {project}?",
		"Hi!\n\nI read on X that you're building {project} this quarter. I'd love to help: I can do " +
			"some soldering and basic woodworking. Is there a sign-up sheet, or do I just show up " +
			"{day}? Is any experience required?\n\nBest,\n{first}"},
	{question, "Is the {event} suitable for children?",
		"Hello,\n\nMy daughter is 11 and crazy about building things. Can she come to the {event} with " +
			"me, or is there a minimum age? Happy to stay with her the whole time.\n\nThanks,\n{first}"},
	{praise, "Thank you for the {event}!",
		"Just wanted to say a big thank you to everyone who organised the {event}. My kids haven't " +
			"stopped talking about {game} since. The atmosphere was lovely and the volunteers were so " +
			"patient with newcomers. Count us in for the next one!\n\n{first}"},
	{praise, "You made my week",
		"Hi all,\n\nI finally finished my first project on the {tool} thanks to the induction last " +
			"week. Nobody laughed at my beginner questions, which I really appreciated. This " +
			"community is a gem.\n\nWarmly,\n{first}"},
	{complaint, "The {tool} is out of order again",
		"Hello,\n\nI booked the {tool} for two hours {day} and when I arrived it was broken again, " +
			"with no sign on it. That's the second time this month. I pay for a membership to use " +
			"the equipment, so this is really disappointing. Could someone at least tell members " +
			"when a machine is down?\n\n{first}"},
	{complaint, "Noise during the {event}",
		"Hi,\n\nI don't want to be difficult, but during the {event} the workshop next door was " +
			"running power tools until 9 pm and we could hardly hear each other explain the rules " +
			"of {game}. Could the two activities be scheduled on different evenings?\n\n" +
			"Thanks for listening,\n{first}"},
	{bugReport, "Booking form shows the wrong date",
		"Hi,\n\nSmall bug report: the booking form on the website lists the {event} on the wrong day. " +
			"It says Wednesday, but your VK post says it's {day}. I tried on my phone and on my laptop " +
			"(Firefox), same result. Screenshot available if useful.\n\nRegards,\n{first}"},
	{bugReport, "Newsletter link is broken",
		"Hello,\n\nThe \"manage my subscription\" link at the bottom of your last newsletter leads to " +
			"a 404 page. I don't want to unsubscribe, I just wanted to switch to the monthly " +
			"digest. Can you fix the link or change my settings by hand?\n\nThanks,\n{first}"},
	{partnership, "Partnership proposal from {company}",
		"Dear Hearth Makers team,\n\nI'm writing on behalf of {company}. We follow your community on X " +
			"and love what you are doing with {project}. We'd like to donate copies of {game} to " +
			"your library and sponsor a tournament night, in exchange for a mention in your posts. " +
			"Would you be open to a short call next week?\n\nKind regards,\n{first}\n{company}"},
	{idea, "Idea: a {game} league",
		"Hi!\n\nA few of us regulars play {game} every week. What would you think of a small league " +
			"over the summer, with a table of results on the wall? I'm happy to keep the scores " +
			"and post updates in the VK group.\n\n{first}"},
	{lostItem, "Lost scarf after the {event}",
		"Hello,\n\nI think I left a green wool scarf on a chair after the {event}. Has anyone handed " +
			"it in? I can pick it up {day}.\n\nThank you!\n{first}"},
	{leaving, "Pausing my membership",
		"Hi,\n\nI'm moving for work and won't be able to come for a few months. Can I pause my " +
			"membership instead of cancelling it? I'd hate to lose my locker.\n\nAll the best,\n{first}"},
}
