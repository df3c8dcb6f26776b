"""An ISKP-style explainer body as an editor pastes it: subheadings, a quote with
"- Name, in X", a post copied as text, embed code and a post's URL."""

from tests.helpers.samples.embeds import SIGNATURE_TEXT, X_CODE

EXPLAINER_BODY = f"""Wie is ISKP

De Afghaans-Pakistaanse tak van Islamitische Staat is actief sinds 2015 en
pleegde sindsdien tientallen aanslagen.

“We waren er niet op voorbereid.”
- Tom Middendorp, in Nieuwsuur

{SIGNATURE_TEXT}

Wat nu

De Taliban zeggen dat ze de groep bestrijden.

{X_CODE}
"""

EXPLAINER_FILE = f"""date 2021-08-27 Aanslagplegers Kabul: wat we weten over ISKP

Bij de aanslag op het vliegveld van Kabul kwamen meer dan 170 mensen om.

{EXPLAINER_BODY}"""
