"""Demo content, written by us, in Dutch. Facts about the 2021 Kabul airport attack
follow public reporting; the quoted experts and witnesses are fictional.

Data only: ``load_demo`` turns it into records, creating just what is missing.
"""

SECTIONS = [
    {"slug": "nieuws", "name": "Nieuws", "position": 0},
    {"slug": "buitenland", "name": "Buitenland", "position": 1,
     "description": "Conflicten, diplomatie en politiek buiten Nederland."},
    {"slug": "binnenland", "name": "Binnenland", "position": 2,
     "description": "Politiek en samenleving in Nederland."},
]  # fmt: skip

AUTHORS = [
    {"slug": "eva-mulder", "name": "Eva Mulder",
     "bio": "Eva Mulder schrijft over Afghanistan, Pakistan en jihadistische "
            "bewegingen. Eerder was ze correspondent in Islamabad."},
    {"slug": "joris-bakker", "name": "Joris Bakker",
     "bio": "Joris Bakker volgt het kabinet en de Tweede Kamer, met nadruk op "
            "defensie en migratie."},
    {"slug": "redactie", "name": "Redactie", "bio": "Artikelen van de redactie."},
]  # fmt: skip

TOPICS = [
    {"slug": "iskp", "name": "ISKP",
     "description": "Islamitische Staat Provincie Khorasan, de Afghaans-Pakistaanse "
                    "tak van Islamitische Staat, actief sinds 2015.",
     "aliases": ["ISK", "IS-K", "IS-Khorasan", "Islamitische Staat Khorasan"]},
    {"slug": "afghanistan", "name": "Afghanistan", "description": "", "aliases": []},
    {"slug": "taliban", "name": "Taliban", "description": "",
     "aliases": ["Taliban-regering"]},
    {"slug": "terrorisme", "name": "Terrorisme", "description": "", "aliases": []},
    {"slug": "evacuatie-kabul", "name": "Evacuatie Kabul", "description": "",
     "aliases": []},
]  # fmt: skip

EXPLAINER_SLUG = "aanslagplegers-kabul-wat-we-weten-over-iskp"

# The home page's top stories, in the editors' order (the lead is the newest article).
TOP_STORIES = [
    "live-aanslag-vliegveld-kabul",
    "explosies-bij-vliegveld-kabul-tijdens-evacuaties",
    "nederland-beeindigt-evacuatie-uit-kabul",
]

ARTICLES = [
    {
        "slug": "westerse-landen-waarschuwen-voor-aanslag-bij-vliegveld-kabul",
        "headline": "Westerse landen waarschuwen voor aanslag bij vliegveld Kabul",
        "kind": "news",
        "section": "buitenland",
        "authors": ["eva-mulder"],
        "topics": ["afghanistan", "evacuatie-kabul", "iskp"],
        "publish_at": "2021-08-25T21:30:00+02:00",
        "lede": "De Verenigde Staten, het Verenigd Koninkrijk en Australië raden "
        "mensen aan om weg te blijven bij de poorten van het vliegveld van Kabul. "
        "Ze vrezen een aanslag tijdens de evacuaties.",
        "seo_description": "VS, VK en Australië raden mensen aan weg te blijven bij "
        "de poorten van het vliegveld van Kabul: ze vrezen een aanslag tijdens de "
        "evacuaties.",
        "body": "<p>Rond het vliegveld wachten al dagen duizenden mensen die het "
        "land willen verlaten. De ambassades noemen geen bron voor de dreiging, "
        "maar Amerikaanse functionarissen wijzen in gesprekken met journalisten "
        "op de Afghaanse tak van Islamitische Staat.</p>"
        "<p>Wie bij een van de toegangspoorten staat, moet volgens de "
        "reisadviezen direct naar een veilige plek gaan.</p>",
    },
    {
        "slug": "explosies-bij-vliegveld-kabul-tijdens-evacuaties",
        "headline": "Explosies bij vliegveld Kabul tijdens evacuaties",
        "kind": "news",
        "section": "buitenland",
        "authors": ["eva-mulder"],
        "topics": ["afghanistan", "evacuatie-kabul", "iskp", "terrorisme"],
        "publish_at": "2021-08-26T19:15:00+02:00",
        "lede": "Bij de Abbey Gate van het vliegveld van Kabul heeft een "
        "zelfmoordterrorist zich opgeblazen te midden van wachtende mensen. "
        "Er zijn veel doden, onder wie Amerikaanse militairen.",
        "seo_description": "Een zelfmoordterrorist blies zich op bij de Abbey Gate "
        "van het vliegveld van Kabul, tussen wachtende mensen. Er zijn veel doden.",
        "body": "<p>Na de explosie werd er volgens ooggetuigen geschoten. Islamitische "
        "Staat heeft de aanslag opgeëist via zijn eigen kanalen.</p>"
        "<p>De evacuatievluchten gaan voorlopig door, maar verschillende landen "
        "hebben hun laatste vluchten al uitgevoerd.</p>",
    },
    {
        "slug": "nederland-beeindigt-evacuatie-uit-kabul",
        "headline": "Nederland beëindigt evacuatie uit Kabul",
        "kind": "news",
        "section": "binnenland",
        "authors": ["joris-bakker"],
        "topics": ["evacuatie-kabul", "afghanistan"],
        "publish_at": "2021-08-26T16:00:00+02:00",
        "lede": "Het laatste Nederlandse evacuatievliegtuig heeft Kabul verlaten. "
        "Het kabinet erkent dat niet iedereen die in aanmerking kwam, is "
        "meegekomen.",
        "body": "<p>Volgens het kabinet was het op het vliegveld te onveilig "
        "geworden om door te gaan. In de Tweede Kamer klinkt kritiek op de "
        "late start van de evacuatie.</p>"
        "<p>Mensen die zijn achtergebleven, kunnen zich blijven melden bij het "
        "ministerie van Buitenlandse Zaken.</p>",
    },
    {
        "slug": "kamer-wil-debat-over-achtergebleven-tolken",
        "headline": "Kamer wil debat over achtergebleven tolken",
        "kind": "news",
        "section": "binnenland",
        "authors": ["joris-bakker", "redactie"],
        "topics": ["afghanistan", "evacuatie-kabul"],
        "publish_at": "2021-08-27T11:00:00+02:00",
        "lede": "Een meerderheid van de Tweede Kamer wil snel een debat over "
        "Afghanen die voor Nederland werkten en niet zijn geëvacueerd.",
        "body": "<p>Het gaat onder anderen om tolken en beveiligers van de "
        "Nederlandse missies. Hoeveel mensen zijn achtergebleven, is nog niet "
        "bekend.</p>",
    },
    {
        "slug": EXPLAINER_SLUG,
        "headline": "Aanslagplegers Kabul: wat we weten over ISKP",
        "kicker": "Afghanistan",
        "kind": "explainer",
        "section": "buitenland",
        "authors": ["eva-mulder"],
        "topics": ["iskp", "afghanistan", "taliban", "terrorisme"],
        "publish_at": "2021-08-27T18:00:00+02:00",
        "updated_at": "2021-08-28T09:30:00+02:00",
        "hero": {
            "alt": "Bergruggen rond een stad in de avondschemering, met de lichten "
            "van de stad in het dal",
            "caption": "De bergen rond Kabul bij zonsondergang.",
            "credit": "De Verklaring (illustratie)",
            "focal": (0.5, 0.7),
        },
        "related": ["explosies-bij-vliegveld-kabul-tijdens-evacuaties"],
        "lede": "De aanslag bij het vliegveld van Kabul is opgeëist door ISKP, de "
        "Afghaanse tak van Islamitische Staat. Wie zijn ze, wat willen ze, en "
        "waarom staan ze tegenover de Taliban?",
        # The lede is longer than a search result shows (155 characters): the
        # editors wrote the description search engines and shared links show.
        "seo_description": "ISKP, de Afghaanse tak van Islamitische Staat, eiste de "
        "aanslag bij het vliegveld van Kabul op. Wie zijn ze, en waarom bestrijden "
        "ze de Taliban?",
        "body": "<h2>Wie is ISKP?</h2>"
        "<p>ISKP staat voor <em>Islamic State Khorasan Province</em>. In "
        "berichtgeving heet de groep ook ISK of IS-K. Khorasan is een oude naam "
        "voor een gebied dat delen van het huidige Afghanistan, Pakistan, Iran en "
        "Centraal-Azië omvat. De groep ontstond in 2015, toen ontevreden strijders "
        "van de Pakistaanse Taliban en Afghaanse militanten trouw zwoeren aan de "
        "leider van Islamitische Staat.</p>"
        "<p>Haar bolwerk lag lange tijd in de oostelijke provincie Nangarhar, aan "
        "de grens met Pakistan. Amerikaanse luchtaanvallen en offensieven van het "
        "Afghaanse leger en de Taliban hebben de groep daar verzwakt, maar niet "
        "uitgeschakeld.</p>"
        "<blockquote><p>“Ze zijn klein in aantal, maar ze hebben geleerd dat één "
        "aanslag op het juiste moment de hele wereld laat meekijken.”</p>"
        "<p>— Lotte Verbeek, terrorismeonderzoeker, tegen De Verklaring</p>"
        "</blockquote>"
        "<p>https://x.com/evamulder_dv/status/1430902255511519233</p>"
        "<h2>Waarom de Taliban hun vijand zijn</h2>"
        "<p>Voor buitenstaanders lijken ISKP en de Taliban op elkaar, maar ze "
        "bestrijden elkaar al jaren. ISKP wil een wereldwijd kalifaat en beschouwt "
        "de Taliban als verraders, omdat die met de Verenigde Staten onderhandelden "
        "en zich op Afghanistan richten. De groep valt bovendien geregeld sjiitische "
        "moskeeën en scholen aan.</p>"
        '<p>Volgens de <a href="https://www.bbc.com/news">BBC</a> kwamen bij de '
        "aanslag op het vliegveld zeker 170 Afghanen en 13 Amerikaanse militairen "
        "om het leven. Dat maakt het een van de dodelijkste aanslagen in Kabul in "
        "jaren.</p>"
        "<blockquote><p>“Iedereen stond dicht op elkaar met papieren in de hand. "
        "Na de knal zag ik alleen nog rook.”</p>"
        "<p>— Ahmad Karimi, ooggetuige, tegen onze correspondent</p></blockquote>"
        "<p>https://x.com/lotteverbeek_/status/1430911122233344556</p>"
        "<h2>Wat gebeurt er nu?</h2>"
        "<p>De Verenigde Staten hebben vergelding aangekondigd. Voor de Taliban, "
        "die sinds half augustus Kabul in handen hebben, is de aanslag een "
        "pijnlijke boodschap: ze beloven veiligheid, maar kunnen die niet "
        "garanderen. Deskundigen verwachten dat ISKP zal proberen ontevreden "
        "Taliban-strijders over te halen.</p>"
        "<p>https://www.youtube.com/watch?v=Kb7xQ2mVt0A</p>"
        '<p>Lees ook ons <a href="/artikel/explosies-bij-vliegveld-kabul-tijdens-'
        'evacuaties/">verslag van de aanslag</a>.</p>',
    },
    {
        "slug": "concept-wat-betekent-de-terugtrekking-voor-de-regio",
        "headline": "Concept: wat betekent de terugtrekking voor de regio",
        "kind": "analysis",
        "section": "buitenland",
        "authors": ["eva-mulder"],
        "topics": ["afghanistan"],
        "status": "draft",
        "lede": "Nog niet af: een analyse van de gevolgen voor Pakistan en Iran.",
        "body": "<p>Deze tekst is een concept en hoort niet op de site te staan.</p>",
    },
]


# Posts embedded in the demo explainer, as a platform's embed code would give them.
# Fictional accounts and ids; "state" shows how a deleted post still reads.
EMBED_CODES = [
    {
        "code": '<blockquote class="twitter-tweet"><p lang="nl" dir="ltr">Bij de Abbey '
        "Gate wachten sinds vannacht duizenden mensen met paspoorten en papieren in de "
        "hand. Britse en Amerikaanse militairen houden de menigte op afstand. "
        '<a href="https://twitter.com/hashtag/Kabul?src=hash">#Kabul</a></p>&mdash; '
        "Eva Mulder (@evamulder_dv) "
        '<a href="https://twitter.com/evamulder_dv/status/1430902255511519233?'
        'ref_src=twsrc%5Etfw">August 26, 2021</a></blockquote> <script async '
        'src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>',
        "state": "live",
    },
    {
        "code": '<blockquote class="twitter-tweet"><p lang="nl" dir="ltr">ISKP zoekt '
        "al jaren een moment om te laten zien dat de Taliban geen veiligheid kunnen "
        "garanderen. Dit is dat moment. Een draadje over wie ze zijn (1/7)</p>&mdash; "
        "Lotte Verbeek (@lotteverbeek_) "
        '<a href="https://twitter.com/lotteverbeek_/status/1430911122233344556?'
        'ref_src=twsrc%5Etfw">August 26, 2021</a></blockquote>',
        "state": "deleted",
        "last_seen": "2021-09-02T10:00:00+02:00",
    },
    {
        "code": '<iframe width="560" height="315" src="https://www.youtube-nocookie.com/'
        'embed/Kb7xQ2mVt0A" title="Uitleg: wie is ISKP? | De Verklaring" '
        'frameborder="0" allowfullscreen></iframe>',
        "state": "live",
    },
]
