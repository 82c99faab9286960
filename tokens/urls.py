from django.urls import path

from . import views

urlpatterns = [
    path("csrf", views.csrf, name="auth-csrf"),
    path("login", views.login_view, name="auth-login"),
    path("session", views.session_view, name="auth-session"),
    path("logout", views.logout_view, name="auth-logout"),
]
