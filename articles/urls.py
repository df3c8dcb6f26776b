from django.urls import path

from articles import preview_views, views

app_name = "articles"
urlpatterns = [
    path("", views.home, name="home"),
    path("artikel/<str:slug>/", views.article_detail, name="article"),
    path("sectie/<str:slug>/", views.section_detail, name="section"),
    path("onderwerp/<str:slug>/", views.topic_detail, name="topic"),
    path("auteur/<str:slug>/", views.author_detail, name="author"),
    path("voorbeeld/<str:signed>/", preview_views.preview, name="preview"),
]
