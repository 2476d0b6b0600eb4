"""What the notifications service answers: subscriptions, preferences, the in-app feed
and the webhook endpoints of partner systems with their deliveries."""
from __future__ import annotations

from marshmallow import fields

from ._fields import Answer, N, R, about, strings


class SubscriptionSchema(Answer):
    subscription_id = fields.Str(**R)
    subscriber_kind = fields.Str(**R, **about("person or endpoint"))
    subscriber_id = fields.Str(**R)
    event_type = fields.Str(**R)
    initiative_id = fields.Str(**N)
    district = fields.Str(**N)
    theme = fields.Str(**N)
    channels = strings("feed, email (persons) or webhook (endpoints)")
    mute = fields.Bool(**R)
    created_at = fields.Str(**R)

class SubscriptionsSchema(Answer):
    """One subscription per event type asked for."""

    subscriptions = fields.List(fields.Nested(SubscriptionSchema), **R)

class DefaultRuleSchema(Answer):
    """Who is told of an event without subscribing."""

    event_type = fields.Str(**R)
    roles = strings()
    person_field = fields.Str(**N)
    actor_field = fields.Str(**N)

class UnsubscribedSchema(Answer):
    subscription_id = fields.Str(**R)
    removed = fields.Bool(**R)

class PreferencesSchema(Answer):
    person_id = fields.Str(**R)
    language = fields.Str(**R)
    email_frequency = fields.Str(**R)
    mailable = fields.Bool(**R, **about("whether an e-mail address is known"))

class FeedItemSchema(Answer):
    item_id = fields.Str(**R)
    event_type = fields.Str(**R)
    initiative_id = fields.Str(**N)
    occurred_at = fields.Str(**R)
    read = fields.Bool(**R)
    read_at = fields.Str(**N)
    title = fields.Str(**R)
    text = fields.Str(**R)

class FeedItemReadSchema(Answer):
    item_id = fields.Str(**R)
    read = fields.Bool(**R)
    read_at = fields.Str(**N)

class MarkedReadSchema(Answer):
    marked_read = fields.Int(**R)

class SecretSchema(Answer):
    created_at = fields.Str(**R)
    expires_at = fields.Str(**N, **about("null: valid until rotated"))

class EndpointSchema(Answer):
    """A webhook endpoint; its secrets are listed by date only."""

    endpoint_id = fields.Str(**R)
    owner = fields.Str(**R)
    owner_district = fields.Str(**N)
    url = fields.Str(**R)
    description = fields.Str(**R)
    event_types = strings()
    initiative_id = fields.Str(**N)
    district = fields.Str(**N)
    theme = fields.Str(**N)
    status = fields.Str(**R, **about("enabled or disabled"))
    failing_since = fields.Str(**N)
    disabled_at = fields.Str(**N)
    disabled_reason = fields.Str(**N)
    secrets = fields.List(fields.Nested(SecretSchema), **R)
    created_at = fields.Str(**R)
    version = fields.Int()

class EndpointWithSecretSchema(EndpointSchema):
    secret = fields.Str(**R, **about("the signing secret, shown this once"))

class DeliveryAttemptSchema(Answer):
    attempt_id = fields.Str(**R)
    delivery_id = fields.Str(**R)
    channel = fields.Str(**R)
    recipient_id = fields.Str(**R)
    event_id = fields.Str(**R)
    event_type = fields.Str(**R)
    attempt = fields.Int(**R)
    replay = fields.Int(**R)
    at = fields.Str(**R)
    outcome = fields.Str(**R)
    status_code = fields.Int(**N)
    latency_ms = fields.Int(**N)
    error = fields.Str(**N, **about("the error category"))

class DeliverySchema(Answer):
    delivery_id = fields.Str(**R)
    channel = fields.Str(**R)
    recipient_id = fields.Str(**R)
    event_id = fields.Str(**R)
    event_type = fields.Str(**R)
    status = fields.Str(**R)
    next_attempt_at = fields.Str(**R)
    created_at = fields.Str(**R)
    updated_at = fields.Str(**R)
    attempts = fields.Int(**R)
    replays = fields.Int(**R)
    digest = fields.Bool(**R)
    lease_until = fields.Str(**N)
    last_error = fields.Str(**N)
    last_status_code = fields.Int(**N)

class ReplayedSchema(Answer):
    endpoint_id = fields.Str(**R)
    since = fields.Str(**R)
    replayed = fields.Int(**R)
    delivery_ids = strings()
