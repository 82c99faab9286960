from django.urls import path

from .views import StoreProxyView

urlpatterns = [path("<path:path>", StoreProxyView.as_view(), name="store")]
