from django.urls import path

from subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("volgen/", views.follow, name="follow"),
    path("volgen/kijk-in-je-mail/", views.sent, name="sent"),
    path("volgen/bevestig/<str:token>/", views.confirm, name="confirm"),
    path("volgen/beheer/<str:token>/", views.manage, name="manage"),
    path("volgen/afmelden/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
