"""Word lists for demo.generating.articles, written for it in Dutch. Data only.

A list is written as one string, its items separated by " | ". Grammar the templates
rely on: ``issue``, ``actor`` and ``who`` are singular noun phrases with their
article, ``measure`` one with "een", ``group`` a plural without article, ``role`` a
lowercase title, ``event`` a phrase without article. In a template ``{name}`` is
filled in by demo.generating.articles (``_Words``).
"""

__all__ = [
    "CITIES",
    "COUNTRIES",
    "EMBED_ACCOUNTS",
    "FIRST_NAMES",
    "FOREIGN_CITIES",
    "GENERIC",
    "HEADLINES",
    "KICKER_LABELS",
    "LAST_NAMES",
    "MONTHS",
    "MASTODON_INSTANCES",
    "ORGANISATIONS",
    "PLACE_ALIASES",
    "PREVIOUS_JOBS",
    "PROVINCES",
    "RARE_SENTENCES",
    "SECTIONS",
    "THEMES",
    "YOUTUBE_CHANNELS",
]


def _w(text: str) -> list[str]:
    """The items of a list written as ``"one | two | three"``."""
    return [item.strip() for item in text.split("|") if item.strip()]


FIRST_NAMES = _w(
    "Anna | Sanne | Lotte | Fleur | Eva | Iris | Noor | Fatima | Yasmina | Sara | "
    "Esther | Marieke | Ingrid | Annelies | Mirjam | Priya | Mei | Lieke | Roos | "
    "Ayşe | Nadia | Joyce | Kim | Femke | Hanneke | Zeynep | Amira | Lisa | Julia | "
    "Maud | Jan | Pieter | Joris | Bas | Thijs | Daan | Ruben | Mohammed | Youssef | "
    "Mehmet | Stefan | Mark | Erik | Hans | Kees | Wouter | Sjoerd | Gerrit | Jeroen "
    "| Niels | Martijn | Tim | Sven | Koen | Bram | Ahmed | Rachid | Dennis | Rik | "
    "Emre"
)
LAST_NAMES = _w(
    "de Vries | van Dijk | Bakker | Jansen | Visser | Smit | Meijer | de Boer | "
    "Mulder | de Groot | Bos | Vos | Peters | Hendriks | van Leeuwen | Dekker | "
    "Brouwer | de Wit | Dijkstra | Smits | de Graaf | van der Meer | van der Linden "
    "| Kok | Jacobs | de Haan | Vermeulen | van den Berg | van der Heijden | "
    "Schouten | van Beek | Willems | van Vliet | van de Ven | Hoekstra | Maas | "
    "Verhoeven | Koster | van Dam | van der Wal | Prins | Blom | Huisman | Peeters | "
    "de Jong | Kramer | Kuipers | Boersma | Postma | Veenstra | El Amrani | Yılmaz | "
    "Öztürk | Bouzid | Nguyen | Tahiri | Kaya | Pinas | Sedney | Chaoui"
)
CITIES = _w(
    "Amsterdam | Rotterdam | Den Haag | Utrecht | Eindhoven | Groningen | Tilburg | "
    "Almere | Breda | Nijmegen | Apeldoorn | Haarlem | Arnhem | Enschede | "
    "Amersfoort | Zaanstad | Den Bosch | Zwolle | Leiden | Maastricht | Dordrecht | "
    "Ede | Leeuwarden | Alkmaar | Emmen | Delft | Deventer | Venlo | Helmond | "
    "Hilversum | Heerlen | Assen | Lelystad | Middelburg | Gouda | Zoetermeer | "
    "Roermond | Purmerend | Hoorn | Den Helder | Vlissingen | Terneuzen | Harderwijk "
    "| Sneek | Kampen | Oss | Veenendaal | Doetinchem | Winterswijk | Meppel"
)
PROVINCES = _w(
    "Friesland | Drenthe | Overijssel | Gelderland | Flevoland | Noord-Holland | "
    "Zuid-Holland | Zeeland | Noord-Brabant | Limburg"
)
COUNTRIES = _w(
    "Oekraïne | Rusland | Verenigde Staten | China | Duitsland | België | Frankrijk "
    "| Verenigd Koninkrijk | Polen | Turkije | Israël | Gazastrook | Libanon | Syrië "
    "| Iran | Afghanistan | Soedan | Ethiopië | Kenia | Indonesië | Suriname | "
    "Marokko | India | Brazilië | Venezuela | Japan | Taiwan | Zuid-Afrika | Nigeria "
    "| Mexico"
)
FOREIGN_CITIES = _w(
    "Brussel | Genève | Kyiv | Nairobi | Jakarta | Washington | Istanbul | Caïro | "
    "Beiroet | Warschau | Boekarest | Addis Abeba | Paramaribo | New York"
)

# Topic name: its aliases (TopicAlias rows).
ORGANISATIONS = {
    "Europese Unie": ["EU"],
    "Verenigde Naties": ["VN"],
    "NAVO": ["Noord-Atlantische Verdragsorganisatie"],
    "Openbaar Ministerie": ["OM"],
    "RIVM": ["Rijksinstituut voor Volksgezondheid en Milieu"],
    "CBS": ["Centraal Bureau voor de Statistiek"],
    "KNMI": ["Koninklijk Nederlands Meteorologisch Instituut"],
    "De Nederlandsche Bank": ["DNB"],
    "Autoriteit Consument en Markt": ["ACM"],
    "UWV": ["Uitvoeringsinstituut Werknemersverzekeringen"],
    "IND": ["Immigratie- en Naturalisatiedienst"],
    "COA": ["Centraal Orgaan opvang asielzoekers"],
    "NVWA": ["Nederlandse Voedsel- en Warenautoriteit"],
    "Europese Centrale Bank": ["ECB"],
    "Wereldgezondheidsorganisatie": ["WHO"],
    "Centraal Planbureau": ["CPB"],
    "Sociaal en Cultureel Planbureau": ["SCP"],
    "Planbureau voor de Leefomgeving": ["PBL"],
    "Tweede Kamer": [],
    "Eerste Kamer": [],
    "Europees Parlement": [],
    "Raad van State": [],
    "Algemene Rekenkamer": [],
    "Internationaal Strafhof": [],
    "Rijkswaterstaat": [],
    "Belastingdienst": [],
    "Nationale Politie": [],
    "Koninklijke Marechaussee": [],
    "Autoriteit Persoonsgegevens": ["AP"],
    "Veiligheidsraad": ["VN-Veiligheidsraad"],
}
PLACE_ALIASES = {
    "Den Haag": ["'s-Gravenhage"],
    "Den Bosch": ["'s-Hertogenbosch"],
    "Verenigde Staten": ["VS", "Amerika"],
    "Verenigd Koninkrijk": ["VK", "Groot-Brittannië"],
}

# What every theme shares; a theme replaces a list, or adds to quote, shortquote and
# sentence. ``link`` items are HTML, one link each.
GENERIC = {
    "who": "het kabinet | de minister | de staatssecretaris | de Tweede Kamer | een "
           "Kamermeerderheid | de oppositie | de Eerste Kamer | de provincie | het "
           "college van B en W | de gemeenteraad van {place}",
    "when": "maandag | dinsdag | woensdag | donderdag | vrijdag | zaterdag | zondag | "
            "maandagavond | dinsdagmiddag | woensdagochtend | donderdagavond | "
            "vrijdagmiddag | vorige week | eerder deze week | gisteren",
    "weekday": "maandag | dinsdag | woensdag | donderdag | vrijdag",
    "later": "volgend jaar | volgende maand | later dit jaar | na de zomer | voor het "
             "eind van het jaar | na het zomerreces | in het voorjaar",
    "since": "sinds het voorjaar | sinds vorig jaar | sinds de zomer | sinds de "
             "coronacrisis | sinds een paar jaar",
    "said": "zei | liet weten | schreef | stelde | benadrukte | erkende | verklaarde",
    "trend": "verder toeneemt | nauwelijks afneemt | eerder groter dan kleiner wordt "
             "| alleen met forse investeringen te keren is | voorlopig niet verdwijnt",
    "verdict": "een gemiste kans | symboolpolitiek | een stap in de goede richting, "
               "maar te klein | een sigaar uit eigen doos | een lapmiddel",
    "reason": "de naderende verkiezingen | een kritisch rapport van de Algemene "
              "Rekenkamer | de groeiende druk vanuit gemeenten | een reeks incidenten "
              "in de afgelopen maanden | nieuwe cijfers van het Centraal Planbureau",
    "judgement": "onvoldoende | een goed begin | te vrijblijvend | onuitvoerbaar | "
                 "hard nodig | te laat",
    "compare": "bijna twee keer zoveel als | ruim een derde meer dan | iets minder "
               "dan | ongeveer evenveel als",
    "consequence": "langer wachten | hogere kosten | meer onzekerheid | minder keuze "
                   "| meer papierwerk",
    "future": "2027 | 2028 | 2029 | 2030 | 2032 | 2035",
    "past": "2015 | 2016 | 2018 | 2019 | 2020 | 2021",
    # Where a quote was said: each starts with a separator rendering knows.
    "source": "tegen De Verklaring | in de Tweede Kamer | op een persconferentie | "
              "bij de presentatie van het rapport | tegen onze verslaggever | in een "
              "verklaring | op de radio | bij een bijeenkomst in {place} | in een "
              "podcast",
    "link": [
        '<a href="https://www.cbs.nl/">cijfers van het CBS</a>',
        '<a href="https://www.rijksoverheid.nl/">de Rijksoverheid</a>',
        '<a href="https://www.tweedekamer.nl/">stukken van de Tweede Kamer</a>',
        '<a href="https://www.cpb.nl/">'
        'een doorrekening van het Centraal Planbureau</a>',
        '<a href="https://www.scp.nl/">'
        'onderzoek van het Sociaal en Cultureel Planbureau</a>',
        '<a href="https://www.pbl.nl/">het Planbureau voor de Leefomgeving</a>',
        '<a href="https://www.rekenkamer.nl/">'
        'een rapport van de Algemene Rekenkamer</a>',
        '<a href="https://www.raadvanstate.nl/">een advies van de Raad van State</a>',
        '<a href="https://www.rechtspraak.nl/">een uitspraak van de rechter</a>',
        '<a href="https://commission.europa.eu/">de Europese Commissie</a>',
    ],
    "shortquote": "We kunnen niet langer wachten | Dit had nooit zo ver mogen komen | "
                  "Niemand voelt zich verantwoordelijk | We beginnen weer bij nul | "
                  "Het is vijf voor twaalf | Dit raakt gewone mensen | Er is meer "
                  "nodig dan mooie woorden | We zijn niet gehoord | Zoiets heb ik nog "
                  "nooit meegemaakt | De rek is eruit",
    "quote": "We praten hier al jaren over. Nu moet er eindelijk iets gebeuren. | "
             "Iedereen wijst naar elkaar, en ondertussen zitten {group} met de "
             "gebakken peren. | Ik snap de frustratie, maar een oplossing van vandaag "
             "op morgen bestaat niet. | Als je ziet wat {issue} met mensen doet, kun "
             "je niet langer aan de zijlijn blijven staan. | Het geld is er wel. Het "
             "gaat erom waar je het aan uitgeeft. | Dit is geen probleem van {place} "
             "alleen. Het speelt in het hele land. | We hebben te lang gedacht dat "
             "het vanzelf goed zou komen. | {Measure} klinkt mooi, maar de uitvoering "
             "wordt ingewikkeld. | Mensen willen vooral duidelijkheid. Die krijgen ze "
             "nu niet. | Ik ben niet tegen het plan, ik ben tegen de haast waarmee "
             "het erdoor wordt gedrukt.",
    "answer": "Eerlijk gezegd is het groter dan de meeste mensen denken. | Kijk, "
              "niemand is tegen {measure}. Het gaat om de uitvoering. | Ik zie het "
              "elke week bij {group} in {place}. | We hebben jarenlang de verkeerde "
              "keuzes gemaakt, en nu betalen we de prijs. | Als er nu niets gebeurt, "
              "wordt het alleen maar erger. | Ik ben voorzichtig optimistisch, maar "
              "ik heb ook veel beloftes zien sneuvelen. | Het begint met luisteren "
              "naar de mensen die er elke dag mee te maken hebben. | Geld helpt, maar "
              "zonder mensen die het werk doen kom je nergens. | Dat is de vraag die "
              "niemand hardop durft te stellen. | Ik denk dat {who} het probleem te "
              "lang heeft onderschat.",
    "question": "Hoe groot is {issue} eigenlijk? | Wat moet {who} nu doen? | Is "
                "{measure} de oplossing? | Wat merken {group} ervan? | Waarom duurt "
                "het zo lang? | Bent u optimistisch? | Wat zou u doen als u minister "
                "was? | Waar gaat het mis?",
    "role": "woordvoerder | onderzoeker | hoogleraar bestuurskunde | econoom | "
            "Kamerlid | wethouder | bewoner | ondernemer | vakbondsbestuurder",
    "listintro": "De belangrijkste punten uit het plan: | Wat we tot nu toe weten: | "
                 "Dit staat er in de voorstellen: | Kort samengevat:",
    "item": "{measure} voor {group} | {mln} miljoen euro extra voor {city} | een "
            "evaluatie in {future} | afspraken met {actor} | een meldpunt voor "
            "{group} | een proef in {city2}",
    "subhead": "Wat er gebeurde | Hoe nu verder? | Kritiek uit de Kamer | De cijfers "
               "| Wat zeggen deskundigen? | Reactie van {actor} | Geen snelle "
               "oplossing | Eerdere pogingen | Gevolgen voor {group} | Wat betekent "
               "dit voor {group}? | De rol van {place} | Waarom nu? | Wie betaalt? | "
               "Het plan in het kort | Twijfels over de uitvoering | Lessen uit "
               "{city} | De volgende stap | Een lange voorgeschiedenis | Wat nog "
               "onduidelijk is | De tegenstanders | Het geld | De politieke strijd",
    "sentence": "{Actor} {said} {when} dat {issue} de komende jaren {trend}. | "
                "Volgens {who} gaat het om ongeveer {many} {group}. | {Group} in "
                "{place} merken dat al {since}. | Het plan kost naar schatting {mln} "
                "miljoen euro per jaar. | Een woordvoerder van {actor} wilde niet "
                "ingaan op details, maar liet weten dat er {later} meer duidelijkheid "
                "komt. | Critici wijzen erop dat eerdere pogingen om {issue} aan te "
                "pakken weinig opleverden. | In {city} werd {measure} al eerder "
                "geprobeerd, met wisselend succes. | De oppositie spreekt van "
                "{verdict}. | Dat {actor} nu in actie komt, heeft alles te maken met "
                "{reason}. | Het aantal {group} dat ermee te maken krijgt, is sinds "
                "{past} met {pct} procent gestegen. | {Person}, {role}, noemt de "
                "plannen {judgement}. | Ook in {city} en {city2} wordt met "
                "belangstelling naar de uitkomst gekeken. | De Tweede Kamer "
                "debatteert {later} over het voorstel. | Het is de vraag of {measure} "
                "op tijd komt voor {group} die nu al in de knel zitten. | {Actor} "
                "houdt vol dat er geen alternatief is. | Deskundigen verwachten dat "
                "{issue} {later} nog niet is opgelost. | In {place} zijn de gevolgen "
                "het duidelijkst zichtbaar. | Het ministerie wil nog niet zeggen "
                "hoeveel geld ermee gemoeid is. | Bij een bijeenkomst in {place} "
                "kwamen {when} ruim {some} mensen af op de plannen. | Eerder dit jaar "
                "stelde {who} nog dat {measure} niet nodig was. | Of het plan werkt, "
                "moet blijken uit een evaluatie in {future}. | Voor {group} betekent "
                "dat vooral {consequence}. | {Actor} trekt daarom {mln} miljoen euro "
                "extra uit. | Dat is {compare} vorig jaar. | De vraag is wie "
                "uiteindelijk de rekening betaalt. | Niet iedereen is overtuigd. | In "
                "een brief aan de Kamer schrijft {actor} dat {issue} hoge prioriteit "
                "heeft. | {Group} hebben {when} hun zorgen kenbaar gemaakt bij "
                "{actor}. | Volgens {person2}, {role2}, wordt het effect van "
                "{measure} overschat. | Een besluit wordt {later} verwacht.",
    "linked": "Dat blijkt uit {link}. | Volgens {link} is de situatie de afgelopen "
              "jaren verslechterd. | Meer achtergrond staat bij {link}. | Uit {link} "
              "blijkt dat het probleem al langer speelt.",
    "livesentence": "Het debat is weer hervat na een korte schorsing. | {Who} "
                    "reageert: er komt {later} een nieuw voorstel. | Zojuist is "
                    "bekend geworden dat {actor} met {measure} komt. | Ook in {city} "
                    "wordt de discussie op de voet gevolgd. | Dit liveblog wordt de "
                    "rest van de dag bijgewerkt. | {Person} laat weten de uitkomst af "
                    "te wachten. | De stemming is uitgesteld tot {weekday}.",
    "post": "{Issue} in {place}: vanavond praat de gemeenteraad erover. Benieuwd wat "
            "eruit komt. | Net terug van een bijeenkomst over {measure}. Veel vragen, "
            "weinig antwoorden. | Nieuwe cijfers: {pct} procent meer {group} dan "
            "vorig jaar. Dit vraagt om actie. | Wat een opkomst vanavond in {place}! "
            "Ruim {some} mensen kwamen praten over {issue}. | Ons onderzoek naar "
            "{issue} is vandaag verschenen. Het hele verhaal staat op onze site. | "
            "{Who} belooft {measure}. We blijven het volgen. | Kort verslag van het "
            "debat: iedereen vindt dat er iets moet gebeuren, niemand weet wat.",
    "videotitle": "{Issue} uitgelegd in vijf minuten | Debat over {issue}: de "
                  "hoogtepunten | Reportage: {group} in {place} | Persconferentie "
                  "over {measure_h} | Zo ziet {issue} er in {place} uit",
    "update": "Dit artikel is aangevuld met een reactie van {actor}. | De cijfers in "
              "dit artikel zijn bijgewerkt na nieuwe gegevens van het CBS. | {Actor} "
              "heeft inmiddels gereageerd; die reactie staat nu in het artikel. | Dit "
              "artikel is bijgewerkt met de uitkomst van het debat in de Tweede "
              "Kamer. | Toegevoegd: de reactie van {person}, {role}.",
    "correction": "In een eerdere versie van dit artikel stond dat het debat op "
                  "{weekday} was. Dat was {weekday2}. | In een eerdere versie stond "
                  "een verkeerd bedrag: het gaat om {mln} miljoen euro. | De naam van "
                  "{person} was in een eerdere versie verkeerd gespeld. | In een "
                  "eerdere versie werd {person} ten onrechte {role2} genoemd.",
    "lede": "{Actor} wil {measure} invoeren om {issue} aan te pakken. {Group} moeten "
            "daar {later} iets van merken. | {Issue} in {place} is groter dan "
            "gedacht. Dat blijkt uit onderzoek dat {when} werd gepresenteerd. | "
            "{Actor} trekt {mln} miljoen euro uit voor {measure}. Critici vinden dat "
            "te weinig en te laat. | Een meerderheid van de Tweede Kamer wil dat "
            "{who} meer doet tegen {issue}. {Group} wachten al jaren op een "
            "oplossing. | Wie in {place} woont, merkt {issue} elke dag. Hoe is het zo "
            "gekomen, en wat kan eraan worden gedaan? | {Group} in {place} slaan "
            "alarm over {issue}. {Actor} belooft {later} met een plan te komen.",
}  # fmt: skip

# {day} is the publication date ("12 maart").
HEADLINES = {
    "news": "{Actor_h} wil {measure_h} voor {group} in {place} | {Actor_h} komt met "
            "{measure_h} voor {place} | {Issue_h} in {place} groter dan gedacht | "
            "{Place} trekt {mln} miljoen uit tegen {issue_h} | Kamer eist opheldering "
            "over {issue_h} in {place} | {Many} {group} in {place} de dupe van "
            "{issue_h} | Onderzoek: {issue_h} treft {group} in {place} het hardst | "
            "{Actor_h} waarschuwt {place} voor gevolgen van {issue_h} | Kritiek in "
            "{place} op {measure_h}: ‘{shortquote}’ | {Actor_h} schort {measure_h} op "
            "na kritiek uit {place} | {Place} eerste met {measure_h} | {Mln} miljoen "
            "extra voor {group} in {place} | {Actor_h} en {who_h} oneens over "
            "{issue_h} | {Pct} procent meer {group} in {place} getroffen door "
            "{issue_h} | Ook {place} kampt met {issue_h} | {Place} stemt in met "
            "{measure_h}",
    "explainer": "Wat betekent {measure_h} voor {group} in {place}? | Zo werkt "
                 "{measure}, en dit merken {group} ervan | Vijf vragen over {issue} "
                 "in {place} | {Issue_h} in {place} in vier grafieken | Waarom "
                 "{issue} in {place} maar niet verdwijnt | Hoe {place} {issue} "
                 "probeert op te lossen | Uitleg: wie betaalt de rekening van {issue} "
                 "in {place}?",
    "analysis": "Analyse: {issue} in {place} legt zwakke plek van {actor} bloot | "
                "Waarom {measure} {issue} in {place} niet oplost | {Actor_h} gokt op "
                "{measure_h}, maar {group} betalen de rekening | {Issue_h} in {place} "
                "is geen pech, maar beleid | Achter de cijfers van {issue} in {place} "
                "| Wat {place} ons leert over {issue}",
    "opinion": "{Measure_h} is een doodlopende weg voor {group} | {Group} in {place} "
               "verdienen meer dan {measure} | Durf eindelijk te kiezen bij {issue} "
               "in {place} | Wie {issue} wil oplossen, moet naar {group} in {place} "
               "luisteren | Column: {issue} is ook het probleem van {place} | Opinie: "
               "geef {group} in {place} eindelijk {measure}",
    "reportage": "In {place} leven ze al jaren met {issue} | Een dag met {group} in "
                 "{place} | ‘{shortquote}’: {group} in {place} zijn het wachten beu | "
                 "Langs de deuren in {place}, waar {issue} iedereen raakt | Op pad "
                 "met {group} in {place}: ‘{shortquote}’ | Hoe {issue} {place} "
                 "verandert",
    "interview": "{Role} {person}: ‘{shortquote}’ | {Person} over {issue}: "
                 "‘{shortquote}’",
    "live": "Liveblog {day}: {event} | Live: {event} op {day} | {Event}: alle "
            "ontwikkelingen van {day}",
}  # fmt: skip
MONTHS = _w(
    "januari | februari | maart | april | mei | juni | juli | augustus | september | "
    "oktober | november | december"
)

# Per theme: the section of its articles, an author's beat, its topics and the
# organisations among them, and the lists it replaces or extends. ``abroad``: its
# places are foreign cities, and a country is among an article's topics.
THEMES = {
    "wonen": {
        "section": "binnenland",
        "beat": "wonen en ruimtelijke ordening",
        "topics": "Woningmarkt | Huurwoningen | Woningbouw | Hypotheken | "
                  "Studentenhuisvesting | Dakloosheid | Woningcorporaties | "
                  "Huisjesmelkers | Ruimtelijke ordening | Bouwvergunningen | "
                  "Vakantieverhuur | Erfpacht",
        "orgs": "CBS | Tweede Kamer",
        "issue": "de woningnood | de huurstijging | het tekort aan sociale "
                 "huurwoningen | de wachttijd voor een huurhuis | de stilgevallen "
                 "nieuwbouw",
        "measure": "een landelijke huurstop | een opkoopbescherming | een bouwplan "
                   "voor tienduizend woningen | een verbod op tijdelijke "
                   "huurcontracten | een starterslening voor jonge kopers",
        "group": "huurders | starters | studenten | woningzoekenden | ouderen die "
                 "kleiner willen wonen",
        "actor": "de Woonbond | een grote woningcorporatie | de vereniging van "
                 "verhuurders | de minister van Volkshuisvesting",
        "role": "wethouder wonen | makelaar | huurder | hoogleraar vastgoedeconomie | "
                "directeur van een woningcorporatie",
        "event": "debat over de woningnood | presentatie van de woontop | stemming "
                 "over de huurwet",
        "sentence": "Een gemiddelde vrije-sectorwoning in {place} kost inmiddels "
                    "{rent} euro huur per maand. | Op de wachtlijst voor een sociale "
                    "huurwoning staan in de regio ruim {many} mensen.",
        "quote": "Ik sta nu elf jaar ingeschreven. Elf jaar. | Bouwen duurt lang, "
                 "maar niet bouwen duurt nog langer.",
    },
    "energie": {
        "section": "klimaat",
        "beat": "klimaat en energie",
        "topics": "Klimaatbeleid | Energietransitie | Windenergie | Zonnepanelen | "
                  "Warmtepompen | Gaswinning | Kernenergie | Energierekening | "
                  "Netcongestie | CO2-uitstoot | Waterstof | Klimaatadaptatie",
        "orgs": "Planbureau voor de Leefomgeving | Autoriteit Consument en Markt",
        "issue": "de netcongestie | de hoge energierekening | de vertraagde bouw van "
                 "windparken | de afhankelijkheid van aardgas | de stijgende "
                 "zeespiegel",
        "measure": "een subsidie voor warmtepompen | een nieuwe heffing op "
                   "vervuilende industrie | een extra windpark op zee | een "
                   "isolatienorm voor huurwoningen | een prijsplafond voor energie",
        "group": "huishoudens | ondernemers | boeren met zonnepanelen | huurders met "
                 "een slecht geïsoleerd huis | netbeheerders",
        "actor": "de netbeheerder | het Planbureau voor de Leefomgeving | de minister "
                 "van Klimaat | een grote energieleverancier",
        "role": "klimaatwetenschapper | energie-expert | installateur | hoogleraar "
                "energietransitie | medewerker van de netbeheerder",
        "event": "klimaatdebat in de Tweede Kamer | presentatie van de "
                 "klimaatverkenning | storm op de Noordzee",
        "sentence": "In de provincie wachten ruim {some} bedrijven op een aansluiting "
                    "op het stroomnet. | Een gemiddeld huishouden betaalt nu ongeveer "
                    "{rent} euro per jaar voor energie.",
        "quote": "We hebben de zon en de wind, maar het net kan het niet aan. | Elke "
                 "maand uitstel maakt de rekening hoger.",
    },
    "landbouw": {
        "section": "binnenland",
        "beat": "landbouw en natuur",
        "topics": "Stikstof | Landbouw | Boerenprotesten | Natuurbeleid | Veeteelt | "
                  "Mestbeleid | Biologische landbouw | Voedselprijzen | "
                  "Gewasbescherming | Glastuinbouw | Platteland",
        "orgs": "NVWA | Planbureau voor de Leefomgeving",
        "issue": "de stikstofcrisis | het mestoverschot | de onzekere toekomst van "
                 "boerenbedrijven | de achteruitgang van de natuur | de droogte op "
                 "het platteland",
        "measure": "een uitkoopregeling voor veehouders | een nieuwe mestnorm | een "
                   "fonds voor natuurherstel | een verbod op bepaalde "
                   "bestrijdingsmiddelen | een vergoeding voor extensieve landbouw",
        "group": "boeren | melkveehouders | jonge agrariërs | natuurbeschermers | "
                 "omwonenden van natuurgebieden",
        "actor": "de boerenorganisatie | de provincie | de minister van Landbouw | "
                 "een natuurorganisatie",
        "role": "melkveehouder | ecoloog | gedeputeerde landbouw | landbouweconoom | "
                "akkerbouwer",
        "event": "trekkerprotest in Den Haag | overleg over het landbouwakkoord | "
                 "provinciaal debat over stikstof",
        "sentence": "In de provincie liggen ruim {some} boerderijen binnen een "
                    "kilometer van een kwetsbaar natuurgebied. | De stikstofuitstoot "
                    "moet volgens de plannen voor {future} met de helft omlaag.",
        "quote": "Mijn vader en opa boerden hier al. Ik wil gewoon weten waar ik aan "
                 "toe ben. | De natuur wacht niet op nog een overleg.",
    },
    "zorg": {
        "section": "binnenland",
        "beat": "gezondheid en zorg",
        "topics": "Gezondheidszorg | Ziekenhuizen | Huisartsen | Ouderenzorg | "
                  "Jeugdzorg | GGZ | Zorgkosten | Zorgverzekering | Personeelstekort "
                  "in de zorg | Medicijntekorten | Mantelzorg | Preventie",
        "orgs": "RIVM | Wereldgezondheidsorganisatie",
        "issue": "het tekort aan verpleegkundigen | de wachtlijst in de jeugdzorg | "
                 "de stijgende zorgpremie | de sluiting van de spoedeisende hulp | "
                 "het medicijntekort",
        "measure": "een verlaging van het eigen risico | een loonsverhoging voor "
                   "zorgpersoneel | een centrale wachtlijstbemiddeling | een "
                   "regionaal zorgakkoord | een landelijk meldpunt voor "
                   "medicijntekorten",
        "group": "patiënten | verpleegkundigen | huisartsen | mantelzorgers | ouders "
                 "van kinderen in de jeugdzorg",
        "actor": "de zorgverzekeraar | het ziekenhuis in {place} | de Inspectie "
                 "Gezondheidszorg en Jeugd | de minister van Volksgezondheid",
        "role": "huisarts | verpleegkundige | ziekenhuisdirecteur | hoogleraar "
                "gezondheidseconomie | patiëntvertegenwoordiger",
        "event": "zorgdebat in de Tweede Kamer | staking in de ziekenhuizen | "
                 "presentatie van de zorgbegroting",
        "sentence": "De gemiddelde wachttijd voor een eerste gesprek is opgelopen tot "
                    "{few} weken. | In de regio staan ruim {some} vacatures voor "
                    "verpleegkundigen open.",
        "quote": "We draaien diensten met de helft van de mensen die we nodig hebben. "
                 "| Je wilt als ouder gewoon dat je kind geholpen wordt. Nu.",
    },
    "onderwijs": {
        "section": "binnenland",
        "beat": "onderwijs",
        "topics": "Onderwijs | Lerarentekort | Basisonderwijs | Middelbare scholen | "
                  "Studiefinanciering | Universiteiten | Mbo | Kansengelijkheid | "
                  "Leesvaardigheid | Schoolgebouwen | Internationale studenten",
        "orgs": "CBS | Tweede Kamer",
        "issue": "het lerarentekort | de dalende leesvaardigheid | de studieschuld | "
                 "het tekort aan stageplekken | het achterstallig onderhoud van "
                 "schoolgebouwen",
        "measure": "een basisbeurs voor alle studenten | een toelage voor leraren in "
                   "krimpregio's | een landelijk leesoffensief | een maximum aan "
                   "internationale studenten | een renovatiefonds voor scholen",
        "group": "leraren | leerlingen | studenten | ouders | schoolleiders",
        "actor": "de onderwijsinspectie | de minister van Onderwijs | een "
                 "schoolbestuur in {place} | de lerarenvakbond",
        "role": "leraar | schoolleider | onderwijssocioloog | "
                "studentvertegenwoordiger | lerarenopleider",
        "event": "landelijke lerarenstaking | onderwijsdebat | uitslag van de "
                 "eindtoets",
        "sentence": "Op basisscholen in {place} staan dit jaar ruim {some} klassen "
                    "zonder vaste leraar. | Een op de {ratio} leerlingen verlaat de "
                    "basisschool met een leesachterstand.",
        "quote": "Ik sta nu al drie weken voor twee klassen tegelijk. | Lezen is de "
                 "basis van alles. Daar mogen we niet op bezuinigen.",
    },
    "vervoer": {
        "section": "binnenland",
        "beat": "verkeer en vervoer",
        "topics": "Openbaar vervoer | Spoorwegen | Fietsinfrastructuur | Luchtvaart | "
                  "Files | Verkeersveiligheid | Elektrisch rijden | Rekeningrijden | "
                  "Busvervoer | Binnenvaart | Luchthavens",
        "orgs": "Rijkswaterstaat | Autoriteit Consument en Markt",
        "issue": "de drukte op het spoor | het schrappen van buslijnen | het "
                 "fileprobleem rond de grote steden | het groeiende aantal "
                 "verkeersdoden | de geluidsoverlast van vliegtuigen",
        "measure": "een prijsplafond voor treinkaartjes | een kilometerheffing | een "
                   "nachttreinverbinding | een snelheidsverlaging op snelwegen | een "
                   "nieuwe fietssnelweg",
        "group": "reizigers | forenzen | buschauffeurs | fietsers | omwonenden van "
                 "het vliegveld",
        "actor": "de vervoerder | het ministerie van Infrastructuur | de provincie | "
                 "de spoorbeheerder",
        "role": "treinmachinist | verkeerskundige | reizigersvertegenwoordiger | "
                "buschauffeur | gedeputeerde verkeer",
        "event": "storing op het spoor | staking in het streekvervoer | verkeersdebat",
        "sentence": "Op de drukste trajecten staan reizigers in de spits gemiddeld "
                    "{few} minuten. | Vorig jaar vielen er in de provincie {some} "
                    "verkeersslachtoffers.",
        "quote": "Ik ben deze week drie keer te laat op mijn werk gekomen. | Een "
                 "buslijn schrappen is makkelijk, hem terugkrijgen bijna onmogelijk.",
    },
    "economie": {
        "section": "economie",
        "beat": "economie en werk",
        "topics": "Inflatie | Arbeidsmarkt | Koopkracht | Belastingen | Minimumloon | "
                  "Pensioenen | Rente | Midden- en kleinbedrijf | Faillissementen | "
                  "Export | Werkloosheid | Staatsschuld",
        "orgs": "De Nederlandsche Bank | Centraal Planbureau | UWV",
        "issue": "de hoge inflatie | de krappe arbeidsmarkt | de dalende koopkracht | "
                 "het stijgende aantal faillissementen | de oplopende staatsschuld",
        "measure": "een verhoging van het minimumloon | een lastenverlichting voor "
                   "werkenden | een crisisfonds voor het mkb | een belasting op "
                   "overwinsten | een nieuwe pensioenregeling",
        "group": "werknemers | zzp'ers | kleine ondernemers | gepensioneerden | "
                 "gezinnen met een laag inkomen",
        "actor": "De Nederlandsche Bank | het Centraal Planbureau | een "
                 "werkgeversorganisatie | de minister van Financiën",
        "role": "econoom | ondernemer | vakbondsbestuurder | hoogleraar "
                "arbeidseconomie | belastingadviseur",
        "event": "Prinsjesdag | cao-onderhandelingen in de metaal | rentebesluit van "
                 "de centrale bank",
        "sentence": "De inflatie kwam vorige maand uit op {rate} procent. | Het "
                    "aantal faillissementen lag het afgelopen kwartaal {pct} procent "
                    "hoger dan een jaar eerder.",
        "quote": "Aan het eind van de maand is er gewoon niks meer over. | "
                 "Ondernemers hebben geen behoefte aan nog een regeling, maar aan "
                 "minder regels.",
    },
    "veiligheid": {
        "section": "binnenland",
        "beat": "politie en justitie",
        "topics": "Criminaliteit | Politie | Rechtspraak | Ondermijning | Drugshandel "
                  "| Cybercriminaliteit | Gevangeniswezen | Jeugdcriminaliteit | "
                  "Explosies | Huiselijk geweld | Fraude | Vuurwerkgeweld",
        "orgs": "Openbaar Ministerie | Nationale Politie",
        "issue": "de golf van explosies bij woningen | de drugshandel via de haven | "
                 "het tekort aan agenten | de groeiende jeugdcriminaliteit | de lange "
                 "doorlooptijd van strafzaken",
        "measure": "een samenscholingsverbod | een cameraplan voor de binnenstad | "
                   "een extra rechercheteam | een strengere straf voor explosies | "
                   "een landelijk meldpunt voor ondermijning",
        "group": "agenten | buurtbewoners | slachtoffers | jongeren | ondernemers in "
                 "de binnenstad",
        "actor": "de politie | het Openbaar Ministerie | de burgemeester van {place} "
                 "| de minister van Justitie",
        "role": "wijkagent | officier van justitie | criminoloog | advocaat | "
                "burgemeester",
        "event": "politie-inval in {place} | rechtszaak in {place} | debat over de "
                 "politiecapaciteit",
        "sentence": "Dit jaar waren er in {place} al {few} explosies bij woningen en "
                    "bedrijfspanden. | De gemiddelde strafzaak duurt inmiddels {few} "
                    "maanden.",
        "quote": "Je schrikt 's nachts wakker van een knal en denkt: is het bij ons? "
                 "| Opsporen alleen is niet genoeg, je moet de geldstromen "
                 "droogleggen.",
    },
    "migratie": {
        "section": "politiek",
        "beat": "migratie en integratie",
        "topics": "Asielbeleid | Opvang van asielzoekers | Arbeidsmigratie | "
                  "Integratie | Gezinshereniging | Statushouders | Inburgering | "
                  "Grensbewaking | Vluchtelingen | Spreidingswet",
        "orgs": "IND | COA",
        "issue": "de drukte in de aanmeldcentra | het tekort aan opvangplekken | de "
                 "lange wachttijd bij de IND | de huisvesting van statushouders | de "
                 "uitbuiting van arbeidsmigranten",
        "measure": "een nieuwe spreidingsregeling | een strengere asielwet | een "
                   "noodopvang in {place} | een registratieplicht voor uitzendbureaus "
                   "| een versnelde asielprocedure",
        "group": "asielzoekers | statushouders | arbeidsmigranten | gemeenten | "
                 "vrijwilligers",
        "actor": "het Centraal Orgaan opvang asielzoekers | de Immigratie- en "
                 "Naturalisatiedienst | de gemeente {place} | de minister van Asiel "
                 "en Migratie",
        "role": "vluchtelingenwerker | migratie-expert | burgemeester | advocaat "
                "vreemdelingenrecht | vrijwilliger",
        "event": "debat over de asielwet | crisisoverleg over de opvang | stemming in "
                 "de Eerste Kamer",
        "sentence": "In het aanmeldcentrum sliepen afgelopen nacht ruim {some} "
                    "mensen. | De wachttijd voor een eerste gehoor is opgelopen tot "
                    "{few} maanden.",
        "quote": "Je kunt mensen niet maandenlang in een sporthal laten wachten. | "
                 "Gemeenten willen best helpen, maar dan moet het wel geregeld zijn.",
    },
    "buitenland": {
        "section": "buitenland",
        "beat": "internationale politiek",
        "abroad": True,
        "topics": "Diplomatie | Ontwikkelingshulp | Sancties | Handelsoorlog | "
                  "Humanitaire hulp | Vredesoverleg | Verkiezingen in Europa | "
                  "Mensenrechten | Voedselcrisis | Oorlog en conflict",
        "orgs": "Europese Unie | Verenigde Naties | Veiligheidsraad",
        "place": " | ".join(FOREIGN_CITIES),
        "city": " | ".join(FOREIGN_CITIES),
        "who": "het kabinet | de minister van Buitenlandse Zaken | de Tweede Kamer | "
               "de Europese Commissie | de Veiligheidsraad",
        "issue": "de escalatie aan de grens | de voedselcrisis in de regio | het "
                 "vastgelopen vredesoverleg | de vluchtelingenstroom naar de "
                 "buurlanden | de handelsruzie tussen de grootmachten",
        "measure": "een nieuw sanctiepakket | een luchtbrug voor hulpgoederen | een "
                   "staakt-het-vuren | een noodfonds voor humanitaire hulp | een "
                   "handelsakkoord met de buurlanden",
        "group": "burgers | hulpverleners | vluchtelingen | diplomaten | journalisten "
                 "in het gebied",
        "actor": "de Europese Unie | de Verenigde Naties | de minister van "
                 "Buitenlandse Zaken | de NAVO",
        "role": "diplomaat | hulpverlener | hoogleraar internationale betrekkingen | "
                "correspondent | woordvoerder van de VN",
        "event": "top van de Europese Unie | spoedoverleg in de Veiligheidsraad | "
                 "verkiezingen in {place}",
        "sentence": "Volgens hulporganisaties zijn in de regio ruim {many} mensen "
                    "afhankelijk van voedselhulp. | De Europese Unie trok eerder al "
                    "{mln} miljoen euro uit voor noodhulp.",
        "quote": "Elke dag dat er niets gebeurt, kost levens. | Diplomatie is traag, "
                 "maar het alternatief is erger.",
    },
    "defensie": {
        "section": "buitenland",
        "beat": "defensie en veiligheid",
        "abroad": True,
        "topics": "Defensie | Krijgsmacht | Militaire steun | Dienstplicht | "
                  "Defensie-uitgaven | Cyberveiligheid | Vredesmissies | Luchtmacht | "
                  "Marine | Veteranen",
        "orgs": "NAVO | Europese Unie",
        "place": " | ".join(FOREIGN_CITIES),
        "city": " | ".join(FOREIGN_CITIES),
        "who": "het kabinet | de minister van Defensie | de Tweede Kamer | de NAVO | "
               "de Europese Commissie",
        "issue": "het personeelstekort bij Defensie | de oplopende defensiebegroting "
                 "| de dreiging aan de oostgrens van Europa | de kwetsbaarheid van "
                 "onderzeese kabels | de verouderde uitrusting",
        "measure": "een vrijwillige dienstplicht | een extra investering in "
                   "luchtverdediging | een nieuwe fregattenvloot | een militaire "
                   "missie in Oost-Europa | een cyberreserve",
        "group": "militairen | reservisten | veteranen | jongeren | defensiebedrijven",
        "actor": "het ministerie van Defensie | de NAVO | de commandant der "
                 "strijdkrachten | de staatssecretaris van Defensie",
        "role": "militair | defensie-expert | veteraan | luitenant-kolonel | "
                "hoogleraar militaire geschiedenis",
        "event": "NAVO-top in {place} | militaire oefening op de Noordzee | "
                 "defensiedebat in de Tweede Kamer",
        "sentence": "De krijgsmacht heeft op dit moment ruim {some} vacatures. | De "
                    "defensie-uitgaven stijgen de komende jaren naar {rate} procent "
                    "van het bbp.",
        "quote": "Je kunt veiligheid niet van de ene op de andere dag kopen. | We "
                 "vragen veel van jonge mensen. Dan moet de beloning ook kloppen.",
    },
    "tech": {
        "section": "tech",
        "beat": "technologie en privacy",
        "topics": "Kunstmatige intelligentie | Privacy | Sociale media | "
                  "Cyberaanvallen | Datacenters | Chips | Online veiligheid | "
                  "Digitale overheid | Big Tech | Desinformatie | Smartphones op "
                  "school | Algoritmes",
        "orgs": "Autoriteit Persoonsgegevens | Europese Unie",
        "issue": "de opmars van kunstmatige intelligentie | de macht van grote "
                 "techbedrijven | de groei van datacenters | de golf van "
                 "cyberaanvallen op gemeenten | de verspreiding van desinformatie",
        "measure": "een algoritmeregister | een verbod op smartphones in de klas | "
                   "een toezichthouder voor kunstmatige intelligentie | een "
                   "meldplicht voor datalekken | een digitale identiteit voor "
                   "iedereen",
        "group": "gebruikers | ouders | ontwikkelaars | gemeenten | tieners",
        "actor": "de Autoriteit Persoonsgegevens | de Europese Commissie | een groot "
                 "techbedrijf | de staatssecretaris van Digitale Zaken",
        "role": "privacyjurist | softwareontwikkelaar | hoogleraar informatica | "
                "ethisch hacker | beleidsadviseur",
        "event": "presentatie van de nieuwe AI-wet | grote storing bij "
                 "overheidswebsites | hoorzitting over algoritmes",
        "sentence": "Vorig jaar werden ruim {many} datalekken gemeld bij de "
                    "toezichthouder. | Een datacenter in de regio gebruikt net zoveel "
                    "stroom als {many} huishoudens.",
        "quote": "We geven onze gegevens weg zonder te weten wat ermee gebeurt. | "
                 "Technologie is niet goed of slecht, het gaat om wie de knoppen "
                 "bedient.",
    },
    "cultuur": {
        "section": "cultuur",
        "beat": "cultuur en media",
        "topics": "Musea | Theater | Popmuziek | Film | Literatuur | Erfgoed | "
                  "Cultuursubsidies | Festivals | Publieke omroep | Boekhandels | "
                  "Beeldende kunst | Dans",
        "orgs": "Sociaal en Cultureel Planbureau",
        "issue": "de bezuiniging op cultuur | de leegloop van poppodia | het tekort "
                 "aan repetitieruimte | de hoge prijs van festivalkaartjes | het "
                 "verval van monumenten",
        "measure": "een cultuurfonds voor de regio | een btw-verlaging op kaartjes | "
                   "een vrijplaats voor jonge makers | een restauratieplan voor "
                   "monumenten | een cultuurkaart voor scholieren",
        "group": "makers | bezoekers | muzikanten | schrijvers | vrijwilligers in "
                 "musea",
        "actor": "een landelijk cultuurfonds | het museum in {place} | de minister "
                 "van Cultuur | een grote theaterproducent",
        "role": "theatermaker | museumdirecteur | muzikant | schrijver | programmeur "
                "van een poppodium",
        "event": "opening van het festivalseizoen | uitreiking van de filmprijzen | "
                 "cultuurdebat",
        "sentence": "De musea in {place} trokken vorig jaar ruim {many} bezoekers. | "
                    "Een kaartje voor een groot festival kost inmiddels gemiddeld "
                    "{some} euro.",
        "quote": "Zonder kleine podia heb je over tien jaar geen grote artiesten "
                 "meer. | Cultuur is geen luxe, het is waar een stad van leeft.",
    },
    "sport": {
        "section": "sport",
        "beat": "sport",
        "topics": "Voetbal | Eredivisie | Schaatsen | Wielrennen | Olympische Spelen "
                  "| Amateursport | Tennis | Hockey | Atletiek | Formule 1 | "
                  "Sportbeleid | Scheidsrechters",
        "orgs": "",
        "issue": "het tekort aan scheidsrechters | de ledendaling bij amateurclubs | "
                 "het geweld langs de lijn | de stijgende huur van sportaccommodaties "
                 "| de onzekere toekomst van de ijsbaan in {place}",
        "measure": "een sportakkoord voor de regio | een verbod op vuurwerk in "
                   "stadions | een subsidie voor sportclubs | een nieuwe ijsbaan | "
                   "een gedragscode voor ouders langs de lijn",
        "group": "sporters | amateurclubs | supporters | trainers | jeugdspelers",
        "actor": "de voetbalbond | een landelijke sportbond | de gemeente {place} | "
                 "de minister van Sport",
        "role": "trainer | scheidsrechter | clubvoorzitter | sportwetenschapper | "
                "oud-international",
        "event": "bekerfinale in {place} | WK-kwalificatie | schaatsmarathon op "
                 "natuurijs",
        "sentence": "De club heeft dit seizoen {some} leden, bijna een derde minder "
                    "dan vijf jaar geleden. | Elk weekend worden in de regio ruim "
                    "{some} wedstrijden gespeeld.",
        "quote": "Zonder vrijwilligers ligt alles hier morgen stil. | Ik fluit al "
                 "dertig jaar, maar zo erg als nu was het nooit.",
    },
    "wetenschap": {
        "section": "wetenschap",
        "beat": "wetenschap en natuur",
        "topics": "Wetenschap | Ruimtevaart | Biodiversiteit | Weer | Waterbeheer | "
                  "Medisch onderzoek | Archeologie | Dierenwelzijn | Bodemdaling | "
                  "Insecten | Noordzee | Klimaatonderzoek",
        "orgs": "KNMI | Rijkswaterstaat",
        "issue": "de bodemdaling in het veen | de achteruitgang van insecten | het "
                 "hoogwater in de rivieren | de verzilting van landbouwgrond | de "
                 "bezuiniging op onderzoek",
        "measure": "een deltaplan voor de rivieren | een onderzoeksfonds voor jonge "
                   "wetenschappers | een herstelplan voor insecten | een bouwverbod "
                   "in laaggelegen polders | een meetnet voor grondwater",
        "group": "onderzoekers | waterschappen | boeren in het veenweidegebied | "
                 "promovendi | bewoners van de uiterwaarden",
        "actor": "het KNMI | Rijkswaterstaat | een universiteit in {place} | het "
                 "waterschap",
        "role": "ecoloog | klimaatonderzoeker | hydroloog | promovendus | hoogleraar "
                "aardwetenschappen",
        "event": "hoogwater in de rivieren | lancering van een Nederlandse satelliet "
                 "| presentatie van het klimaatrapport",
        "sentence": "Op sommige plekken daalt de bodem met {few} millimeter per jaar. "
                    "| Het aantal insecten is de afgelopen decennia met ruim {pct} "
                    "procent afgenomen.",
        "quote": "De natuur geeft signalen, we moeten ze alleen willen zien. | "
                 "Onderzoek kost tijd. Bezuinigen gaat een stuk sneller.",
    },
}  # fmt: skip

for _lists in (GENERIC, HEADLINES, *THEMES.values()):
    for _key, _value in _lists.items():
        if _key not in {"section", "beat", "abroad", "link"}:
            _lists[_key] = _w(_value)
GENERIC["place"] = GENERIC["city"] = CITIES

# Created when missing: slug, name.
SECTIONS = [
    ("binnenland", "Binnenland"),
    ("buitenland", "Buitenland"),
    ("politiek", "Politiek"),
    ("economie", "Economie"),
    ("klimaat", "Klimaat"),
    ("wetenschap", "Wetenschap"),
    ("tech", "Tech"),
    ("cultuur", "Cultuur"),
    ("sport", "Sport"),
]
KICKER_LABELS = _w(
    "Achtergrond | Column | Update | Exclusief | Liveblog | Reconstructie"
)
PREVIOUS_JOBS = _w(
    "een regionale krant | de publieke omroep | een persbureau | een weekblad | de "
    "lokale omroep van {city} | een vakblad"
)
# An account's handle, and the name it posts under.
EMBED_ACCOUNTS = {
    "gemeente{citytag}": "Gemeente {place}",
    "nieuws{citytag}": "Nieuws uit {place}",
    "{persontag}": "{person}",
    "{persontag}_nl": "{person}",
    "verslag_{persontag}": "{person}",
    "{persontag}{year}": "{person}",
}
YOUTUBE_CHANNELS = _w(
    "Studio Actueel | Kamer in Beeld | Wetenschap Uitgelegd | De Verklaring | "
    "Gemeente {place} | Regio {place} Nu"
)
MASTODON_INSTANCES = ["mastodon.social", "mastodon.nl", "mastodon.online", "mas.to"]
# Only in the body of every RARE_EVERY-th article; {rare} is RARE_WORD.
RARE_SENTENCES = [
    "Ook de {rare} onder het Waddengebied kwam in het gesprek ter sprake.",
    "Daarnaast speelt de {rare} in het oosten van het land een rol.",
    "Bewoners wijzen op de {rare} in de buurt, die al jaren voor bodemdaling zorgt.",
]
