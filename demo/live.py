"""The demo's live blog of the attack day, 26 August 2021, written by us in our own
words. The outline follows public reporting (Abbey Gate, a suicide bombing and
gunfire, ISKP's claim, many Afghan civilians and 13 US service members killed, the
evacuation going on); the witnesses and their accounts are fictional.

Entries are plain text by ``live_entry``'s rules: a post pasted as text (ending in
its signature line) or as its URL becomes an archived post. Times are Europe/Amsterdam
(Kabul is two and a half hours ahead).
"""

LIVE_SLUG = "live-aanslag-vliegveld-kabul"

LIVE_ARTICLE = {
    "slug": LIVE_SLUG,
    "headline": "Live: aanslag bij het vliegveld van Kabul",
    "kicker": "Afghanistan",
    "kind": "live",
    "section": "buitenland",
    "authors": ["eva-mulder"],
    "topics": ["iskp", "afghanistan", "terrorisme"],
    "publish_at": "2021-08-26T15:35:00+02:00",
    "closed_at": "2021-08-26T23:59:00+02:00",
    "lede": "Bij de Abbey Gate van het vliegveld van Kabul, waar duizenden mensen "
    "wachtten om het land uit te komen, is een aanslag gepleegd. We volgen de "
    "gebeurtenissen hier.",
    "seo_description": "Een aanslag bij de Abbey Gate van het vliegveld van Kabul, "
    "waar duizenden mensen wachtten om het land te verlaten. Wij volgen het hier.",
    "body": "",
}

# Each entry: time, text, and optionally title, pinned, key, authors, notes.
LIVE_ENTRIES = [
    {
        "at": "2021-08-26T23:50:00+02:00",
        "title": "Samenvatting",
        "pinned": True,
        "authors": ["eva-mulder"],
        "text": "Bij de Abbey Gate van het vliegveld van Kabul heeft een "
        "zelfmoordterrorist zich rond zes uur 's avonds plaatselijke tijd opgeblazen "
        "te midden van mensen die hoopten op een evacuatievlucht. Daarna werd er "
        "geschoten.\n\n"
        "Onder de doden zijn zeer veel Afghaanse burgers en dertien Amerikaanse "
        "militairen. ISKP, de Afghaanse tak van Islamitische Staat, heeft de aanslag "
        "opgeëist.\n\n"
        "De evacuatie gaat door: de Verenigde Staten en hun bondgenoten blijven "
        "vliegen zolang dat kan.",
    },
    {
        "at": "2021-08-26T15:50:00+02:00",
        "title": "Explosie bij de Abbey Gate",
        "key": True,
        "text": "Bij een van de toegangspoorten van het vliegveld, de Abbey Gate, "
        "is een explosie geweest. Daar stonden sinds dagen grote groepen mensen met "
        "paspoorten en papieren, in de hoop binnen te komen. Over slachtoffers is "
        "nog niets bekend.",
    },
    {
        "at": "2021-08-26T16:05:00+02:00",
        "text": "Een ooggetuige bij het vliegveld beschrijft de chaos na de "
        "explosie:\n\n"
        "Een enorme knal bij de poort, daarna overal rook en geschreeuw. Mensen "
        "renden het kanaal uit, sommigen droegen gewonden. — Farid Noori "
        "(@farid_noori_kbl) August 26, 2021",
    },
    {
        "at": "2021-08-26T16:40:00+02:00",
        "title": "Meldingen van een tweede explosie",
        "text": "Amerikaanse functionarissen melden een tweede explosie, bij het "
        "Baron Hotel in de buurt van de Abbey Gate. In dat hotel verzamelden "
        "westerse landen mensen die ze wilden evacueren.",
        "notes": [
            {
                "kind": "correction",
                "at": "2021-08-27T20:15:00+02:00",
                "text": "Er was geen tweede explosie bij het Baron Hotel. Het "
                "Pentagon heeft die melding ingetrokken: er was één aanslag, bij "
                "de Abbey Gate.",
            }
        ],
    },
    {
        "at": "2021-08-26T17:20:00+02:00",
        "text": "Na de explosie is er geschoten bij de poort. Wie er schoten en op "
        "wie, is nog onduidelijk.\n\n"
        "https://twitter.com/evamulder_dv/status/1430902255511519233",
    },
    {
        "at": "2021-08-26T20:05:00+02:00",
        "title": "Dertien Amerikaanse militairen gedood",
        "text": "Het Amerikaanse ministerie van Defensie meldt dat bij de aanslag "
        "militairen zijn omgekomen; later op de avond is het dodental onder hen "
        "opgelopen tot dertien. Het aantal Afghaanse doden is vele malen groter. "
        "Ziekenhuizen in Kabul vragen om bloed.",
    },
    {
        "at": "2021-08-26T20:45:00+02:00",
        "title": "ISKP eist de aanslag op",
        "key": True,
        "authors": ["eva-mulder"],
        "text": "Via het persbureau van Islamitische Staat heeft ISKP de aanslag "
        "opgeëist. De groep noemt één dader. ISKP is een vijand van de Taliban, die "
        "sinds 15 augustus de stad in handen hebben.",
        "notes": [
            {
                "kind": "update",
                "at": "2021-08-26T22:10:00+02:00",
                "text": "De Taliban veroordelen de aanslag en zeggen dat die "
                "plaatsvond in een gebied waar Amerikaanse troepen de veiligheid "
                "bewaakten.",
            }
        ],
    },
    {
        "at": "2021-08-26T22:30:00+02:00",
        "title": "Evacuatie gaat door",
        "text": "De Amerikaanse president zegt dat de evacuatie doorgaat. Ook "
        "vanavond stijgen er vliegtuigen op van het vliegveld.",
    },
    {
        "at": "2021-08-26T23:55:00+02:00",
        "text": "Hiermee sluiten we dit liveblog. Wat we weten over ISKP, de groep "
        "achter de aanslag, lees je in onze uitleg.",
    },
]
