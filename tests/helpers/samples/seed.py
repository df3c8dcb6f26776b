"""The seed explainer as an archive hands it over: a date line known only to the
month, and a post pasted as text whose signature gives a date without a time."""

from tests.helpers.samples.embeds import SIGNATURE_TEXT

SEED_EXPLAINER = f"""date 2021-08 Aanslagplegers Kabul: wat we weten over ISKP

Bij de aanslag op het vliegveld van Kabul kwamen op 26 augustus 2021 meer dan
170 mensen om. Islamitische Staat Provincie Khorasan eiste de aanslag op.

Wie is ISKP
De Afghaans-Pakistaanse tak van Islamitische Staat is actief sinds 2015.

{SIGNATURE_TEXT}

Wat nu
De Taliban zeggen dat ze de groep bestrijden.
"""
