from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from tdc.complaints.choices import ComplaintCategory, ComplaintStatus, HandlingLevel
from tdc.complaints.models import Complaint, ComplaintNote
from tdc.places.selectors import commune_all, province_all


class ComplaintSubmitSerializer(serializers.Serializer[Any]):
    """A complaint from the public (JSON, or multipart with photos)."""

    category = serializers.ChoiceField(choices=ComplaintCategory.choices)
    province = serializers.SlugRelatedField(
        slug_field="code", queryset=province_all(), help_text="Province code"
    )
    commune = serializers.SlugRelatedField(
        slug_field="code",
        queryset=commune_all(),
        required=False,
        allow_null=True,
        help_text="Commune code",
    )
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    business_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    business_tax_code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    description = serializers.CharField(max_length=5000)
    anonymous = serializers.BooleanField(required=False, default=False)
    reporter_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    reporter_phone = serializers.CharField(max_length=32, required=False, allow_blank=True)
    reporter_email = serializers.EmailField(required=False, allow_blank=True)
    reporter_address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    photos = serializers.ListField(
        child=serializers.FileField(), required=False, help_text="Multipart only: JPEG/PNG/WebP"
    )
    website = serializers.CharField(
        required=False, allow_blank=True, help_text="Leave empty (anti-robot field)."
    )


class ComplaintReceiptSerializer(serializers.Serializer[Any]):
    """What the reporter gets back: the tracking code to follow the complaint."""

    tracking_code = serializers.CharField()
    status = serializers.ChoiceField(choices=ComplaintStatus.choices)
    received_at = serializers.DateTimeField()
    deadline = serializers.DateField()
    tracking_url = serializers.CharField()


class ComplaintPublicSerializer(serializers.Serializer[Any]):
    """The public view of a complaint: status, dates, outcome; never the reporter or notes."""

    tracking_code = serializers.CharField()
    category = serializers.ChoiceField(choices=ComplaintCategory.choices)
    category_label = serializers.CharField()
    status = serializers.ChoiceField(choices=ComplaintStatus.choices)
    status_label = serializers.CharField()
    province_name = serializers.CharField()
    commune_name = serializers.CharField(allow_null=True)
    received_at = serializers.DateTimeField()
    deadline = serializers.DateField()
    verified_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    outcome = serializers.CharField()


class ComplaintSerializer(serializers.ModelSerializer[Complaint]):
    """A complaint for the officers handling it; the reporter's identity is never included."""

    province = serializers.CharField(source="province_id", read_only=True)
    commune = serializers.CharField(source="commune_id", read_only=True, allow_null=True)
    commune_name = serializers.CharField(source="commune.name", read_only=True, default=None)
    organisation = serializers.IntegerField(source="organisation_id", read_only=True)
    assigned_to = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.filter(is_active=True), required=False, allow_null=True
    )
    has_reporter_identity = serializers.BooleanField(read_only=True)
    status = serializers.ChoiceField(choices=ComplaintStatus.choices, required=False)
    handling_level = serializers.ChoiceField(choices=HandlingLevel.choices, required=False)
    version = serializers.IntegerField(required=False)

    class Meta:
        model = Complaint
        fields = [
            "id",
            *Complaint.DETAIL_FIELDS,
            "commune_name",
            "has_reporter_identity",
            "source",
            "version",
            "created_at",
            "modified_at",
        ]
        # The handlers write only the handling fields (and send back the version they read).
        read_only_fields = [
            f for f in fields if f not in Complaint.HANDLING_FIELDS and f != "version"
        ]


class ComplaintNoteSerializer(serializers.ModelSerializer[ComplaintNote]):
    created_by = serializers.CharField(source="created_by.username", read_only=True)

    class Meta:
        model = ComplaintNote
        fields = ["id", "text", "created_at", "created_by"]
        read_only_fields = ["id", "created_at", "created_by"]


class RevealRequestSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(
        min_length=5, max_length=1000, help_text=_("Why the identity is needed (audited).")
    )


class RevealStateSerializer(serializers.Serializer[Any]):
    may_reveal = serializers.BooleanField()
    has_reporter_identity = serializers.BooleanField()


class ReporterIdentitySerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    phone = serializers.CharField()
    email = serializers.CharField()
    address = serializers.CharField()
