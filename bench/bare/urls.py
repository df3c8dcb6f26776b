from django.http import HttpResponse
from django.urls import path

_BODIES = {}


def constant(request, size):
    """The bare floor: a constant page of ``size`` bytes, nothing in between."""
    body = _BODIES.setdefault(size, b"x" * size)
    return HttpResponse(body, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/constant/<int:size>/", constant)]
