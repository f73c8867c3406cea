from django.test import RequestFactory, override_settings

from regiodeal.core.context_processors import branding, colour_declarations, logo_url


def test_colours_override_the_design_tokens():
    style = colour_declarations({"primary": "#123456", "link": "#abc"})
    assert "--basis-color-action-1-inverse-bg-default: #123456" in style
    assert "--regiodeal-header-background-color: #123456" in style
    assert "--utrecht-link-color: #abc" in style
    assert "surface" not in style and "--basis-color-accent-1-bg-default" not in style


def test_anything_but_a_hex_colour_is_ignored():
    # The value lands in a style attribute: nothing may close the declaration or add another.
    assert colour_declarations({"primary": "red; background: url(x)", "link": "#12345"}) == ""
    assert colour_declarations({"unknown": "#123456"}) == ""


def test_logo_is_a_static_path_or_a_site_url_never_another_host():
    assert logo_url("") == ""
    assert logo_url("regiodeal/logo.svg").endswith("/regiodeal/logo.svg")
    assert logo_url("/media/logo.png") == "/media/logo.png"
    assert logo_url("https://example.org/logo.png") == ""
    assert logo_url("//example.org/logo.png") == ""


@override_settings(
    REGIODEAL_SITE_NAME="Regio Deal Zuid- en Oost-Drenthe",
    REGIODEAL_SITE_LOGO="regiodeal/logo.svg",
    REGIODEAL_SITE_COLOURS={"primary": "#0b4f2c"},
)
def test_the_base_template_shows_the_programmes_logo_and_colours(client, db):
    context = branding(RequestFactory().get("/"))["site_branding"]
    assert context["name"] == "Regio Deal Zuid- en Oost-Drenthe"

    page = client.get("/").content.decode()
    assert 'alt="Regio Deal Zuid- en Oost-Drenthe"' in page
    assert 'src="/static/regiodeal/logo.svg"' in page
    assert "--regiodeal-header-background-color: #0b4f2c" in page
