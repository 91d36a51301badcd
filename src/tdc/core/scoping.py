"""One scoping mechanism for every list, detail, export and API query (DESIGN.md §1).

A scoped model declares a :class:`ScopeSpec`: which field paths lead to its province, commune and
owning organisation, and which roles may perform each action. ``Model.objects.for_user(user,
action)`` turns that into a filter; gatekeeper selectors use :func:`get_for_user_or_404`, so an
object outside the user's scope answers 404 exactly like a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Self

from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.http import Http404

from tdc.core.roles import READ_ONLY_ACTIONS, ROLE_JURISDICTION, Action, Jurisdiction, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


@dataclass(frozen=True)
class ScopeSpec:
    """How a model's rows map onto jurisdictions and who may do what with them."""

    province: str | None = None
    commune: str | None = None
    organisation: str | None = None
    #: action -> roles allowed to perform it (within their jurisdiction).
    roles: Mapping[str, Iterable[str]] = field(default_factory=dict)
    #: True for reference data everyone signed in may read (places, holidays…).
    public_read: bool = False

    def allows(self, role: str | None, action: str) -> bool:
        if role is None:
            return False
        if role == Role.NATIONAL_USER and action not in READ_ONLY_ACTIONS:
            return False
        return role in set(self.roles.get(action, ()))

    def q_for(self, user: Any, action: str) -> Q | None:
        """The filter for ``user`` doing ``action``; ``None`` means nothing at all."""
        if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
            return None
        role = getattr(user, "role", None)
        if self.public_read and action in READ_ONLY_ACTIONS:
            return Q()
        if not self.allows(role, action):
            return None
        level = ROLE_JURISDICTION.get(role or "")
        if level == Jurisdiction.NATION:
            return Q()
        if level == Jurisdiction.PROVINCE:
            return _path_q(self.province, getattr(user, "province_id", None))
        if level == Jurisdiction.COMMUNE:
            # A commune officer sees rows placed in their commune; rows that carry no commune
            # (province-level records) are not theirs.
            return _path_q(self.commune, getattr(user, "commune_id", None))
        if level == Jurisdiction.ORGANISATION:
            return _path_q(self.organisation, getattr(user, "organisation_id", None))
        return None


def _path_q(path: str | None, value: Any) -> Q | None:
    if path is None or value is None:
        return None
    return Q(**{path: value})


class ScopedQuerySet[M: models.Model](models.QuerySet[M, M]):
    """QuerySet with :meth:`for_user`, the only door to scoped rows.

    ``Model.objects`` of a scoped model is a manager of ``ScopedQuerySet[Model]`` (or of a
    subclass); selectors that return one annotate it so, which lets callers chain ``for_user``.
    """

    def for_user(self, user: Any, action: str = Action.VIEW) -> Self:
        spec: ScopeSpec | None = getattr(self.model, "scope", None)
        if spec is None:
            raise TypeError(f"{self.model.__name__} declares no ScopeSpec; it cannot be scoped.")
        q = spec.q_for(user, action)
        if q is None:
            return self.none()
        return self.filter(q)


def user_may(user: AnonymousUser | Any, model: type[models.Model], action: str) -> bool:
    """Whether the user's role may perform ``action`` on ``model`` at all (ignoring rows)."""
    spec: ScopeSpec | None = getattr(model, "scope", None)
    if spec is None or not getattr(user, "is_authenticated", False):
        return False
    if spec.public_read and action in READ_ONLY_ACTIONS:
        return True
    return spec.allows(getattr(user, "role", None), action)


def get_for_user_or_404[M: models.Model](
    queryset: ScopedQuerySet[M], user: Any, action: str = Action.VIEW, **lookup: Any
) -> M:
    """Gatekeeper: the object if the user may ``action`` it, else 404 (missing or forbidden)."""
    qs = queryset.for_user(user, action)
    try:
        return qs.get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def scoped_all[M: models.Model](model: type[M]) -> ScopedQuerySet[M]:
    """Every row of a scoped model, through its default manager, before :meth:`for_user`."""
    queryset = model._default_manager.all()
    if not isinstance(queryset, ScopedQuerySet):
        raise ImproperlyConfigured(
            f"{model.__name__}'s default manager is not scoped; give it a ScopedQuerySet manager."
        )
    return queryset


def object_in_scope(obj: models.Model, user: Any, action: str) -> bool:
    """Re-check after a write that the object is still inside the user's scope."""
    return scoped_all(type(obj)).filter(pk=obj.pk).for_user(user, action).exists()
