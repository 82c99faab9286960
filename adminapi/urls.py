from .views import AdminProxyView

urlpatterns = [AdminProxyView.url("adminapi")]
