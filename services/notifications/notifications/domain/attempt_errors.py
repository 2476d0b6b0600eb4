"""Why a webhook attempt failed, as the delivery log shows it to the endpoint's owner.

A category, never the receiver's answer nor our network's details: the log is
read by whoever registered the URL, and a URL may point anywhere, so an answer
body or a socket error would tell them what lies behind our address guard.
"""
from __future__ import annotations

REFUSED_URL = "refused_url"  # not a URL we call (scheme, credentials, malformed)
REFUSED_PORT = "refused_port"  # a port other than 80, 443 and the operator's list
REFUSED_ADDRESS = "refused_address"  # the host resolves to an address we do not call
UNRESOLVABLE = "unresolvable"  # the host has no address (now)
CONNECT_FAILED = "connect_failed"  # refused, unreachable or reset while connecting
TIMEOUT = "timeout"
TLS_FAILED = "tls_failed"  # handshake failed or the certificate is not the host's
PROTOCOL_ERROR = "protocol_error"  # no valid HTTP answer
HTTP_STATUS = "http_status"  # answered, but not 2xx (the status code says which)

ERROR_CATEGORIES = (REFUSED_URL, REFUSED_PORT, REFUSED_ADDRESS, UNRESOLVABLE, CONNECT_FAILED,
                    TIMEOUT, TLS_FAILED, PROTOCOL_ERROR, HTTP_STATUS)
