package demo

// French events and tools carry their article and avoid "le"/"les" after
// "à" or "de" in the templates, so no contraction is ever needed.
var vocabFR = vocab{
	events: []string{
		"la soirée jeux de société", "l'atelier soudure", "le repair café",
		"l'initiation à l'impression 3D", "le tournoi de Carcassonne",
	},
	days:      []string{"jeudi", "ce samedi", "mardi prochain", "vendredi soir", "dimanche après-midi"},
	times:     []string{"19 h", "18 h 30", "19 h 30", "14 h"},
	games:     []string{"Dixit", "Splendor", "Carcassonne", "Skyjo", "7 Wonders", "Codenames"},
	tools:     []string{"la découpeuse laser", "l'imprimante 3D", "la station de soudure", "la fraiseuse CNC", "la machine à coudre"},
	companies: []string{"Ludik Éditions", "La Boîte à Meeples", "Bricolab Lyon", "Le Dé Pipé"},
	project:   "une borne d'arcade collective",
	mobileSig: "Envoyé de mon iPhone",
	thanks: []string{
		"Merci beaucoup pour la réponse rapide ! À bientôt à l'atelier.\n\n{first}",
		"Super, merci ! C'est tout à fait clair.\n\n{first}",
		"Parfait, merci pour votre aide. Bonne journée !\n\n{first}",
	},
	reply: "Bonjour {first},\n\nMerci pour votre message ! Je transmets à l'équipe et nous revenons " +
		"vers vous avant le week-end. En attendant, toutes les nouvelles sont sur notre groupe VK " +
		"et sur X.\n\nSam\nHearth Makers",
}

var templatesFR = []template{
	{question, "À quelle heure commence {event} {day} ?",
		"Bonjour,\n\nJ'ai vu passer l'annonce sur votre page VK mais je ne trouve pas l'horaire. " +
			"C'est toujours à {time} ? Faut-il apporter quelque chose ou tout est fourni ?\n\n" +
			"Merci d'avance,\n{first}"},
	{question, "Adhésion annuelle ou mensuelle ?",
		"Bonjour,\n\nJe suis venu{e} trois fois aux soirées jeux et j'aimerais adhérer pour de bon. " +
			"Quelle est la différence entre l'adhésion mensuelle et l'annuelle ? Est-ce que " +
			"l'annuelle donne accès à l'atelier, notamment à {tool} ?\n\nBien à vous,\n{first}"},
	{question, "Participer au projet du trimestre",
		"Salut !\n\nJ'ai lu sur X que vous construisez {project} ce trimestre. Je serais ravi{e} de " +
			"donner un coup de main : je sais souder et je me débrouille en menuiserie. Il y a une " +
			"liste d'inscription ou je passe simplement {day} ?\n\nÀ bientôt,\n{first}"},
	{question, "Enfants acceptés ?",
		"Bonjour,\n\nMa fille a 11 ans et adore bricoler. Peut-elle m'accompagner pour {event} {day} ? " +
			"Y a-t-il un âge minimum ? Je resterai avec elle tout le temps, bien sûr.\n\nMerci,\n{first}"},
	{praise, "Merci pour la super soirée !",
		"Un grand merci à toute l'équipe pour {event} ! Mes enfants ne parlent plus que de {game}. " +
			"L'ambiance était chaleureuse et les bénévoles très patients avec les débutants. " +
			"On revient la prochaine fois, c'est sûr !\n\n{first}"},
	{praise, "Merci pour l'initiation",
		"Bonjour à tous,\n\nGrâce à l'initiation de la semaine dernière, j'ai enfin terminé mon premier " +
			"projet sur {tool}. Personne ne s'est moqué de mes questions de débutant{e}, et ça fait " +
			"du bien. Longue vie à Hearth Makers !\n\n{first}"},
	{complaint, "{Tool} encore en panne",
		"Bonjour,\n\nJ'avais réservé {tool} pour deux heures {day} et, en arrivant, elle était encore " +
			"en panne, sans aucune affiche. C'est la deuxième fois ce mois-ci. Je paie mon adhésion " +
			"pour utiliser les machines, donc c'est franchement décevant. Pourriez-vous au moins " +
			"prévenir sur le groupe VK quand une machine est hors service ?\n\n{first}"},
	{complaint, "Trop de bruit pendant {event}",
		"Bonjour,\n\nJe ne veux pas faire d'histoires, mais pendant {event}, l'atelier d'à côté faisait " +
			"tourner la scie jusqu'à 21 h et on ne s'entendait plus expliquer les règles de {game}. " +
			"Serait-il possible de programmer les deux activités à des soirs différents ?\n\n" +
			"Merci de votre écoute,\n{first}"},
	{bugReport, "Bug sur le formulaire d'inscription",
		"Bonjour,\n\nPetit signalement : le formulaire d'inscription du site affiche « Erreur 500 » " +
			"quand je valide mon inscription pour {event}. Testé sur Firefox et sur mon téléphone, " +
			"même résultat. Je peux envoyer une capture d'écran si besoin.\n\nCordialement,\n{first}"},
	{partnership, "Proposition de partenariat – {company}",
		"Bonjour à l'équipe Hearth Makers,\n\nJe vous écris au nom de {company}. Nous suivons votre " +
			"communauté sur X et nous aimons beaucoup votre projet de borne d'arcade. Nous " +
			"aimerions vous offrir quelques boîtes de {game} pour votre ludothèque et sponsoriser " +
			"une soirée tournoi, en échange d'une mention dans vos publications. Seriez-vous " +
			"disponibles pour un appel la semaine prochaine ?\n\nBien cordialement,\n{first}\n{company}"},
	{idea, "Idée : une ligue de {game}",
		"Salut !\n\nOn est quelques habitués à jouer à {game} chaque semaine. Que diriez-vous d'une " +
			"petite ligue cet été, avec un tableau des résultats au mur ? Je veux bien tenir les " +
			"scores et publier le classement sur le groupe VK.\n\n{first}"},
	{lostItem, "Écharpe oubliée",
		"Bonjour,\n\nJe crois avoir oublié une écharpe rouge sur une chaise après {event}. Quelqu'un " +
			"l'a-t-il trouvée ? Je peux passer la chercher {day}.\n\nMerci beaucoup,\n{first}"},
	{leaving, "Suspendre mon adhésion ?",
		"Bonjour,\n\nJe pars six mois à Lyon pour le travail. Est-il possible de suspendre mon adhésion " +
			"plutôt que de la résilier ? J'aimerais bien garder mon casier.\n\nMerci et à bientôt,\n{first}"},
}
