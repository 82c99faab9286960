import logging

from . import requestid


class RequestIdFilter(logging.Filter):
    """Stamp every log record with the id of the request being served."""

    def filter(self, record):
        record.request_id = requestid.current()
        return True
