"""The admin's pages for accounts that are not a model's (included under /admin/)."""

from django.urls import path

from accounts.views import login, two_factor

urlpatterns = [
    # Before the admin's own /admin/login/: the same page, with ``next`` checked.
    path("login/", login, name="login"),
    path("tweestapsverificatie/", two_factor, name="two-factor"),
]
