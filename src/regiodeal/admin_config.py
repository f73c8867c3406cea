from django.contrib.admin.apps import AdminConfig


class RegiodealAdminConfig(AdminConfig):
    """Django's admin, with the site class that offers two-factor login to the office."""

    default_site = "regiodeal.core.admin_site.RegiodealAdminSite"
