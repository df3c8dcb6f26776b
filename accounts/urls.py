"""The admin's pages for accounts that are not a model's (included under /admin/)."""

from django.urls import path

from accounts.views import two_factor

urlpatterns = [
    path("tweestapsverificatie/", two_factor, name="two-factor"),
]
