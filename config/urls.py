from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import URLPattern, URLResolver, include, path

from gongkai.portal.disclosure.sitemaps import SITEMAPS

urlpatterns: list[URLPattern | URLResolver] = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("gongkai.api.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    # Images of the offline captcha on the public participation forms.
    path("captcha/", include("captcha.urls")),
]
# Chinese at the root, English under /en/.
urlpatterns += i18n_patterns(
    path("operator/", admin.site.urls),
    path("backoffice/", include("gongkai.backoffice.urls")),
    path("", include("gongkai.portal.urls")),
    prefix_default_language=False,
)
