from django.conf import settings


def site(request):
    """The organisation's name for the header and footer of every page."""
    return {"SITE_NAME": settings.SITE_NAME, "ORGANISATION_NAME": settings.ORGANISATION_NAME}
