from django.conf import settings
from django.http import HttpRequest
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Dutch unless the visitor chose another language with the language menu.

    Django's LocaleMiddleware also follows the browser's Accept-Language header, which would show
    a Dutch public body's site in English to most visitors with an English-language browser. The
    programme publishes in Dutch; English is an explicit choice, remembered in the cookie.
    """

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request: HttpRequest, response):
        response = super().process_response(request, response)
        # The chosen language belongs to this request only: without this, the thread keeps it
        # and whatever runs next on it (a later request's error page before the middleware, a
        # management command in the same process, a test) speaks the previous visitor's language.
        translation.deactivate()
        return response
