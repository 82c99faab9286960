from .views import StoreProxyView

urlpatterns = [StoreProxyView.url("store")]
