"""Helpers for page tests: solving the offline captcha as a person reading the image would
(the answer is looked up by the form's hidden key), and the personal data of the demo's
citizens to look for on public pages."""

from __future__ import annotations

import re

from captcha.models import CaptchaStore


def captcha_answer(html: str, prefix: str = "captcha") -> dict[str, str]:
    """The two fields of the captcha for the form in ``html``."""
    match = re.search(rf'name="{prefix}_0" value="([0-9a-f]+)"', html)
    assert match, "no captcha in the form"
    key = match.group(1)
    return {f"{prefix}_0": key, f"{prefix}_1": CaptchaStore.objects.get(hashkey=key).response}
