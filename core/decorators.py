from functools import wraps

from .errors import MethodNotAllowed


def allow_methods(*methods):
    """Answer other methods with a JSON 405, as the rest of the API does."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods:
                raise MethodNotAllowed(
                    f"{request.method} is not allowed here.", methods
                )
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
