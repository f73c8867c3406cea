"""Django's own wording for messages that an installed app's catalogue would change.

The project's catalogue (LOCALE_PATHS) comes before every app's, and app catalogues come before
Django's own: Django REST framework's Dutch catalogue says "Dit veld is vereist." where every
form of the site says Django's "Dit veld is verplicht.". Listing the messages here keeps them in
the project's catalogue, with Django's Dutch wording, so that the API does not change the forms.
"""

from django.utils.translation import gettext_noop

MESSAGES = (
    gettext_noop("This field is required."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid email address."),
)
