import json

from .errors import BadRequest, UnsupportedMediaType

SHAPES = {"object": dict, "array": list}


def is_json(content_type):
    media_type = (content_type or "").split(";")[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def parse_json(request, shape="object"):
    """Return the request's JSON body, checked to be a JSON `shape`.

    Raise `UnsupportedMediaType` or `BadRequest` with a message that says
    what was wrong.
    """
    if not is_json(request.content_type):
        raise UnsupportedMediaType("Send the body as application/json.")
    try:
        value = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise BadRequest("The body is not valid JSON.") from None
    if not isinstance(value, SHAPES[shape]):
        raise BadRequest(f"The body must be a JSON {shape}.")
    return value
