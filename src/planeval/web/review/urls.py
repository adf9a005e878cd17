"""URLs of the review pages."""

from django.urls import URLPattern, URLResolver, path

from planeval.web.review import views

app_name = "review"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.rounds, name="rounds"),
    path("value/<int:pk>/history/", views.history, name="history"),
    path("value/<int:pk>/approve/", views.approve, name="approve"),
    path("value/<int:pk>/return/", views.send_back, name="return"),
    path("<str:period>/<slug:code>/", views.department, name="department"),
    path("<str:period>/<slug:code>/approve-all/", views.approve_all, name="approve_all"),
]
