"""The licence of the open data, chosen by the REGIODEAL_OPEN_DATA_LICENCE setting."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Licence:
    code: str
    name: str
    attribution: bool
    url: str  # the canonical URI, as 360Giving asks for


LICENCES = {
    "CC-BY-4.0": Licence(
        "CC-BY-4.0",
        _("Creative Commons Attribution 4.0 International (CC BY 4.0)"),
        True,
        "https://creativecommons.org/licenses/by/4.0/",
    ),
    "CC0-1.0": Licence(
        "CC0-1.0",
        _("Creative Commons Zero 1.0 Universal (CC0 1.0): public domain"),
        False,
        "https://creativecommons.org/publicdomain/zero/1.0/",
    ),
}


def open_data_licence() -> Licence:
    code = settings.REGIODEAL_OPEN_DATA_LICENCE
    try:
        return LICENCES[code]
    except KeyError:
        # A typo must not publish data under no licence at all.
        raise ImproperlyConfigured(
            f"REGIODEAL_OPEN_DATA_LICENCE={code!r}: choose one of {', '.join(LICENCES)}."
        ) from None
