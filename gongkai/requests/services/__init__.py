"""Writes to applications: intake, the facts of the clock, replies, letters, delivery,
assignment; reviews and lawsuits. Each service is atomic, validates the rules of the 条例,
records the fact as an event, refreshes the derived projection (status, due dates) and
writes an audit entry in the same transaction. Audit entries never carry personal data.
"""

# The services, one module per topic; callers import them from here.
from gongkai.requests.services._common import (
    APPROVE_EXTENSION,
    ASSIGN,
    CASE_EDIT,
    HANDLE,
    PROJECTION_FIELDS,
    PUBLIC_ACTOR,
    TEMPLATE_EDIT,
    TRACKING_ALPHABET,
    _today,
    make_tracking_code,
    normalize_tracking_code,
)
from gongkai.requests.services.cases import CASE_FIELDS, case_create, case_document_add, case_update
from gongkai.requests.services.consultation import consultation_end, consultation_start
from gongkai.requests.services.correction import (
    correction_lapse,
    correction_receive,
    correction_request,
    correction_submit_online,
)
from gongkai.requests.services.digest import digest_send
from gongkai.requests.services.extension import extension_approve, extension_propose
from gongkai.requests.services.fees import fee_amount, fee_lapse, fee_notify, fee_pay
from gongkai.requests.services.intake import (
    APPLICANT_FIELDS,
    request_assign,
    request_confirm_receipt,
    request_register,
    request_submit_online,
)
from gongkai.requests.services.letters import (
    letter_correct,
    letter_record_delivery,
    letter_template_reset,
    letter_template_save,
)
from gongkai.requests.services.personal_data import applicant_reveal, letter_open
from gongkai.requests.services.reasons import delayed_reply_set, reasons_receive, reasons_request
from gongkai.requests.services.recompute import requests_recompute
from gongkai.requests.services.reply import reply_issue
from gongkai.requests.services.withdrawal import request_withdraw, request_withdraw_online

__all__ = [
    "APPLICANT_FIELDS",
    "APPROVE_EXTENSION",
    "ASSIGN",
    "CASE_EDIT",
    "CASE_FIELDS",
    "HANDLE",
    "PROJECTION_FIELDS",
    "PUBLIC_ACTOR",
    "TEMPLATE_EDIT",
    "TRACKING_ALPHABET",
    "_today",
    "applicant_reveal",
    "case_create",
    "case_document_add",
    "case_update",
    "consultation_end",
    "consultation_start",
    "correction_lapse",
    "correction_receive",
    "correction_request",
    "correction_submit_online",
    "delayed_reply_set",
    "digest_send",
    "extension_approve",
    "extension_propose",
    "fee_amount",
    "fee_lapse",
    "fee_notify",
    "fee_pay",
    "letter_correct",
    "letter_open",
    "letter_record_delivery",
    "letter_template_reset",
    "letter_template_save",
    "make_tracking_code",
    "normalize_tracking_code",
    "reasons_receive",
    "reasons_request",
    "reply_issue",
    "request_assign",
    "request_confirm_receipt",
    "request_register",
    "request_submit_online",
    "request_withdraw",
    "request_withdraw_online",
    "requests_recompute",
]
