"""The reader's pages: asking to follow, "check your mail", confirming, managing,
and one-click unsubscribe. None is cached; none sets a cookie but the CSRF one of
the forms that need it."""

from urllib.parse import urlsplit

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from accounts.lockout import client_ip
from subscriptions import limits, services
from subscriptions.forms import FollowForm
from subscriptions.models import Following, Subscriber
from subscriptions.tasks import send_confirmation

__all__ = ["confirm", "follow", "manage", "sent", "unsubscribe"]


def _same_origin(request) -> bool:
    """The follow form sits on cached public pages, which carry no CSRF token (a
    token would make every page personal). Instead a browser's own headers must
    not say the post came from another site."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return False
    origin = request.headers.get("Origin")
    return (
        not origin or origin == "null" or urlsplit(origin).netloc == request.get_host()
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def follow(request):
    """subscriptions/follow.html (the form on its own, also after an error);
    a valid post sends the confirmation mail and redirects to :func:`sent`."""
    if request.method == "GET":
        form = FollowForm(initial={
            "kind": request.GET.get("kind", "daily"),
            "target": request.GET.get("target", ""),
        })  # fmt: skip
        return render(request, "subscriptions/follow.html", {"form": form})
    if not _same_origin(request):
        # The site's Dutch 403 page (newsroom/errors.py), not a line of plain text.
        raise PermissionDenied(_("Dit formulier kwam niet van onze site."))
    form = FollowForm(request.POST)
    if not limits.spend(
        limits.LIMITS["network"], limits.network_of(client_ip(request))
    ):
        return _limited(request, form)
    if not form.is_valid():
        return render(request, "subscriptions/follow.html", {"form": form}, status=400)
    email = services.normalise(form.cleaned_data["email"])
    if not limits.spend(limits.LIMITS["address"], email) or not limits.would_pass(
        limits.LIMITS["mails"], email
    ):
        return _limited(request, form)
    limits.spend(limits.LIMITS["mails"], email)
    pending = services.request_following(
        email, form.cleaned_data["kind"], form.cleaned_data["object"]
    )
    send_confirmation.enqueue(pending.pk)
    return redirect("subscriptions:sent")


def _limited(request, form):
    return render(
        request,
        "subscriptions/follow.html",
        {"form": form, "limited": True},
        status=429,
    )


@never_cache
def sent(request):
    """subscriptions/sent.html: the same words whether the address was known."""
    return render(request, "subscriptions/sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """subscriptions/confirm.html with a button (GET: mail scanners that open links
    confirm nothing); POST confirms and goes to the manage page."""
    pending = services.find_pending(token)
    if pending is None:
        return render(request, "subscriptions/expired.html", status=410)
    if request.method == "POST":
        subscriber = services.confirm(pending)
        return redirect("subscriptions:manage", token=subscriber.token)
    return render(request, "subscriptions/confirm.html", {"pending": pending})


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    """subscriptions/manage.html: each thing followed, at once or daily; remove
    one; delete everything."""
    subscriber = Subscriber.objects.filter(token=token).first()
    if subscriber is None:  # a mistyped link, or an address already deleted
        return render(request, "subscriptions/expired.html", status=404)
    if request.method == "POST":
        action = request.POST.get("action", "")
        followings = subscriber.followings.all()
        if action == "delete":
            services.delete_subscriber(subscriber)
            return render(request, "subscriptions/deleted.html")
        if action.startswith("remove-") and action[7:].isdigit():
            followings.filter(pk=int(action[7:])).delete()
        elif action == "save":
            for following in followings.exclude(kind__in=["daily", "live"]):
                mode = request.POST.get(f"mode-{following.pk}")
                if mode in Following.Mode.values and mode != following.mode:
                    following.mode = mode
                    following.save(update_fields=["mode"])
        return redirect("subscriptions:manage", token=token)
    followings = subscriber.followings.select_related("topic", "author", "article")
    return render(
        request,
        "subscriptions/manage.html",
        {"subscriber": subscriber, "followings": followings, "modes": Following.Mode},
    )


@never_cache
@csrf_exempt  # RFC 8058: a mail client's POST has no cookie and no token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: subscriptions/unsubscribe.html with a button. POST (the button, or a
    mail client's one-click ``List-Unsubscribe=One-Click``): the address and all it
    follows are deleted. The same answer for a token already used."""
    if request.method == "POST":
        Subscriber.objects.filter(token=token).delete()
        return render(request, "subscriptions/deleted.html")
    subscriber = Subscriber.objects.filter(token=token).first()
    return render(request, "subscriptions/unsubscribe.html", {"subscriber": subscriber})
