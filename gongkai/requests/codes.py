"""The controlled vocabularies of applications: applicant types, channels, events, and the
dispositions (办理结果) that map each closed application to exactly one row of table 三.

Article citations are statutory data in exact Chinese; labels are translatable.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.annualreport.formats import FormatCode, get_format


class ApplicantType(models.TextChoices):
    """申请人情况: the column of table 三 an application is counted in."""

    NATURAL_PERSON = "natural_person", _("Natural person")
    BUSINESS = "business", _("Business enterprise")
    RESEARCH = "research", _("Research institution")
    NONPROFIT = "nonprofit", _("Public-interest organization")
    LEGAL_SERVICES = "legal_services", _("Legal services organization")
    OTHER_ORG = "other_org", _("Other organization")


T3_COLUMN: dict[str, str] = {
    ApplicantType.NATURAL_PERSON: "NP",
    ApplicantType.BUSINESS: "LP_BIZ",
    ApplicantType.RESEARCH: "LP_RES",
    ApplicantType.NONPROFIT: "LP_NGO",
    ApplicantType.LEGAL_SERVICES: "LP_LAW",
    ApplicantType.OTHER_ORG: "LP_OTHER",
}


class IdType(models.TextChoices):
    ID_CARD = "id_card", _("Resident identity card")
    PASSPORT = "passport", _("Passport")
    PERMIT = "permit", _("Travel permit (Hong Kong, Macao, Taiwan)")
    CREDIT_CODE = "credit_code", _("Unified social credit code")
    OTHER = "other", _("Other identity document")


class Channel(models.TextChoices):
    """How the application reached the disclosure office (Art. 29, Art. 31)."""

    ONLINE = "online", _("Online form")
    IN_PERSON = "in_person", _("In person")
    POST_SIGNED = "post_signed", _("Post that the office signs for")
    POST_ORDINARY = "post_ordinary", _("Ordinary letter")
    FAX = "fax", _("By fax")
    EMAIL = "email", pgettext_lazy("sent by", "E-mail")


# Art. 31: channels whose receipt day is the day both sides confirm (or, for an ordinary
# letter, the day the office confirms with the applicant).
CONFIRMED_CHANNELS = frozenset({Channel.ONLINE, Channel.POST_ORDINARY, Channel.FAX, Channel.EMAIL})


class FormWanted(models.TextChoices):
    """获取信息的形式 (Art. 29 (三), Art. 40)."""

    PAPER = "paper", _("On paper")
    ELECTRONIC = "electronic", _("Electronic")
    INSPECTION = "inspection", _("Inspect or copy on site")


class DeliveryWanted(models.TextChoices):
    """获取信息的途径."""

    POST = "post", _("By post")
    EMAIL = "email", _("By e-mail")
    PICKUP = "pickup", _("Collect in person")
    ONLINE = "online", _("Online")
    FAX = "fax", _("By fax")


class Status(models.TextChoices):
    """Derived from the events by the clock; stored only as a projection for the queue."""

    AWAITING_CONFIRMATION = "awaiting_confirmation", _("Awaiting confirmation of receipt")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_CORRECTION = "awaiting_correction", _("Awaiting correction by the applicant")
    IN_CONSULTATION = "in_consultation", _("Clock stopped: consultation")
    AWAITING_FEE = "awaiting_fee", _("Awaiting payment of the fee")
    AWAITING_REASONS = "awaiting_reasons", _("Awaiting the applicant's reasons")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = tuple(s for s in Status.values if s != Status.CLOSED)


class EventKind(models.TextChoices):
    SUBMITTED = "submitted", _("Application submitted")
    RECEIVED = "received", _("Application received")
    CORRECTION_REQUESTED = "correction_requested", _("Correction requested")
    CORRECTION_RECEIVED = "correction_received", _("Corrected application received")
    CORRECTION_LAPSED = "correction_lapsed", _("Not corrected in time: abandoned")
    CONSULTATION_STARTED = "consultation_started", _("Consultation started")
    CONSULTATION_ENDED = "consultation_ended", _("Consultation ended")
    EXTENSION_PROPOSED = "extension_proposed", _("Extension proposed")
    EXTENSION = "extension", _("Reply period extended")
    REASONS_REQUESTED = "reasons_requested", _("Reasons requested (Art. 35)")
    REASONS_RECEIVED = "reasons_received", _("Reasons received (Art. 35)")
    DELAYED_REPLY = "delayed_reply", _("Delayed reply set (Art. 35)")
    FEE_NOTICE = "fee_notice", _("Fee notice issued")
    FEE_PAID = "fee_paid", _("Fee paid")
    FEE_LAPSED = "fee_lapsed", _("Fee not paid in time")
    REPLIED = "replied", _("Replied")
    WITHDRAWN = "withdrawn", _("Withdrawn by the applicant")


CLOSING_EVENTS = frozenset(
    {EventKind.CORRECTION_LAPSED, EventKind.FEE_LAPSED, EventKind.REPLIED, EventKind.WITHDRAWN}
)


class ConsultationKind(models.TextChoices):
    THIRD_PARTY = "third_party", _("Third party (Art. 32)")
    OTHER_AGENCY = "other_agency", _("Other agency (Art. 33, Art. 34)")


class FeeBasis(models.TextChoices):
    """国办函〔2020〕109号 Art. 3: per piece or per volume, never both."""

    PER_PIECE = "per_piece", _("Per application (per piece)")
    PER_PAGE = "per_page", _("Per page (per volume)")


class Ground(models.TextChoices):
    """Why information is withheld (Arts. 14–16, Art. 37)."""

    SECRET = "secret", _("State secret (Art. 14)")
    PROHIBITED_BY_LAW = (
        "prohibited_by_law",
        _("Disclosure prohibited by law or administrative regulation (Art. 14)"),
    )
    SAFETY = "safety", _("Would endanger national, public or economic security or social stability (Art. 14)")
    THIRD_PARTY = "third_party", _("Would harm a third party's lawful rights (Art. 15)")
    INTERNAL_AFFAIRS = "internal_affairs", _("Internal affairs information (Art. 16 ¶1)")
    PROCESS_INFORMATION = "process_information", _("Process information (Art. 16 ¶2)")
    CASE_FILE = "case_file", _("Administrative enforcement case file (Art. 16 ¶2)")
    NOT_GOVERNMENT_INFORMATION = "not_government_information", _("Not government information (Art. 37)")


GROUND_ARTICLES: dict[str, str] = {
    Ground.SECRET: "第十四条",
    Ground.PROHIBITED_BY_LAW: "第十四条",
    Ground.SAFETY: "第十四条",
    Ground.THIRD_PARTY: "第十五条",
    Ground.INTERNAL_AFFAIRS: "第十六条第一款",
    Ground.PROCESS_INFORMATION: "第十六条第二款",
    Ground.CASE_FILE: "第十六条第二款",
    Ground.NOT_GOVERNMENT_INFORMATION: "第三十七条",
}


class Outcome(models.TextChoices):
    """办理结果: the groups of table 三, 三、(一)–(六)."""

    DISCLOSED = "disclosed", _("Disclosed")
    PARTLY_DISCLOSED = "partly_disclosed", _("Partly disclosed")
    WITHHELD = "withheld", _("Withheld")
    UNAVAILABLE = "unavailable", _("Cannot be provided")
    NOT_PROCESSED = "not_processed", _("Not processed")
    OTHER = "other", _("Other handling")


class Disposition(models.TextChoices):
    """The decision that closes an application. Each maps to exactly one row of table 三."""

    ALREADY_PUBLIC = "already_public", _("Already proactively disclosed: told where to find it")
    DISCLOSED = "disclosed", _("Disclosed")
    PARTLY_DISCLOSED = "partly_disclosed", _("Partly disclosed (severable parts withheld)")
    WITHHELD_SECRET = "withheld_secret", _("Withheld: state secret")
    WITHHELD_PROHIBITED = "withheld_prohibited", _("Withheld: prohibited by law or administrative regulation")
    WITHHELD_SAFETY = "withheld_safety", _("Withheld: would endanger security or stability")
    WITHHELD_THIRD_PARTY = "withheld_third_party", _("Withheld: protects a third party's lawful rights")
    WITHHELD_INTERNAL = "withheld_internal", _("Withheld: internal affairs information")
    WITHHELD_PROCESS = "withheld_process", _("Withheld: process information")
    WITHHELD_CASE_FILE = "withheld_case_file", _("Withheld: administrative enforcement case file")
    WITHHELD_INQUIRY = "withheld_inquiry", _("Administrative inquiry matter: special law applies")
    NOT_HELD = "not_held", _("Cannot be provided: the information does not exist")
    NOT_OURS = "not_ours", _("Cannot be provided: another body is responsible")
    NEEDS_CREATION = "needs_creation", _("Cannot be provided: would have to be made anew")
    STILL_UNCLEAR = "still_unclear", _("Cannot be provided: still unclear after correction")
    PETITION = "petition", _("Not processed: a petition, complaint or report")
    REPEAT = "repeat", _("Not processed: repeated application")
    PUBLICATION = "publication", _("Not processed: asks for a public publication")
    EXCESSIVE = "excessive", _("Not processed: excessive applications without good reason")
    CONFIRMATION = (
        "confirmation",
        _("Not processed: asks to confirm or re-issue information already obtained"),
    )
    ABANDONED = "abandoned", _("Other: not corrected in time")
    FEE_UNPAID = "fee_unpaid", _("Other: fee not paid in time")
    WITHDRAWN = "withdrawn", _("Other: withdrawn by the applicant")
    OTHER = "other", _("Other handling")


@dataclass(frozen=True)
class DispositionRule:
    outcome: str
    row: str  # the table-三 row in the 2021 format
    article: str  # the legal basis, as cited in letters (exact Chinese)
    ground: str = ""  # the ground a withheld disposition rests on
    by_reply: bool = True  # chosen in a reply (False: only by its own event)

    def row_for(self, layout: FormatCode) -> str:
        """The row in ``layout`` (the format folds rows: the 2019 one has one （六）其他处理)."""
        return get_format(layout).t3_row_for(self.row)


DISPOSITIONS: dict[str, DispositionRule] = {
    Disposition.ALREADY_PUBLIC: DispositionRule(Outcome.DISCLOSED, "R3_1", "第三十六条第（一）项"),
    Disposition.DISCLOSED: DispositionRule(Outcome.DISCLOSED, "R3_1", "第三十六条第（二）项"),
    Disposition.PARTLY_DISCLOSED: DispositionRule(Outcome.PARTLY_DISCLOSED, "R3_2", "第三十七条"),
    Disposition.WITHHELD_SECRET: DispositionRule(
        Outcome.WITHHELD, "R3_3_1", "第十四条、第三十六条第（三）项", Ground.SECRET
    ),
    Disposition.WITHHELD_PROHIBITED: DispositionRule(
        Outcome.WITHHELD, "R3_3_2", "第十四条、第三十六条第（三）项", Ground.PROHIBITED_BY_LAW
    ),
    Disposition.WITHHELD_SAFETY: DispositionRule(
        Outcome.WITHHELD, "R3_3_3", "第十四条、第三十六条第（三）项", Ground.SAFETY
    ),
    Disposition.WITHHELD_THIRD_PARTY: DispositionRule(
        Outcome.WITHHELD, "R3_3_4", "第十五条、第三十六条第（三）项", Ground.THIRD_PARTY
    ),
    Disposition.WITHHELD_INTERNAL: DispositionRule(
        Outcome.WITHHELD, "R3_3_5", "第十六条第一款、第三十六条第（三）项", Ground.INTERNAL_AFFAIRS
    ),
    Disposition.WITHHELD_PROCESS: DispositionRule(
        Outcome.WITHHELD, "R3_3_6", "第十六条第二款、第三十六条第（三）项", Ground.PROCESS_INFORMATION
    ),
    Disposition.WITHHELD_CASE_FILE: DispositionRule(
        Outcome.WITHHELD, "R3_3_7", "第十六条第二款、第三十六条第（三）项", Ground.CASE_FILE
    ),
    Disposition.WITHHELD_INQUIRY: DispositionRule(Outcome.WITHHELD, "R3_3_8", "第三十六条第（七）项"),
    Disposition.NOT_HELD: DispositionRule(Outcome.UNAVAILABLE, "R3_4_1", "第三十六条第（四）项"),
    Disposition.NOT_OURS: DispositionRule(Outcome.UNAVAILABLE, "R3_4_1", "第三十六条第（五）项"),
    Disposition.NEEDS_CREATION: DispositionRule(Outcome.UNAVAILABLE, "R3_4_2", "第三十八条"),
    Disposition.STILL_UNCLEAR: DispositionRule(Outcome.UNAVAILABLE, "R3_4_3", "第三十条"),
    Disposition.PETITION: DispositionRule(Outcome.NOT_PROCESSED, "R3_5_1", "第三十九条第一款"),
    Disposition.REPEAT: DispositionRule(Outcome.NOT_PROCESSED, "R3_5_2", "第三十六条第（六）项"),
    Disposition.PUBLICATION: DispositionRule(Outcome.NOT_PROCESSED, "R3_5_3", "第三十九条第二款"),
    Disposition.EXCESSIVE: DispositionRule(Outcome.NOT_PROCESSED, "R3_5_4", "第三十五条"),
    Disposition.CONFIRMATION: DispositionRule(Outcome.NOT_PROCESSED, "R3_5_5", "第三十六条"),
    Disposition.ABANDONED: DispositionRule(Outcome.OTHER, "R3_6_1", "第三十条", by_reply=False),
    Disposition.FEE_UNPAID: DispositionRule(Outcome.OTHER, "R3_6_2", "第四十二条", by_reply=False),
    Disposition.WITHDRAWN: DispositionRule(Outcome.OTHER, "R3_6_3", "", by_reply=False),
    Disposition.OTHER: DispositionRule(Outcome.OTHER, "R3_6_3", ""),
}
REPLY_DISPOSITIONS: tuple[str, ...] = tuple(code for code, rule in DISPOSITIONS.items() if rule.by_reply)
# Dispositions whose letter must state the grounds for what is withheld.
NEEDS_GROUNDS = frozenset({Disposition.PARTLY_DISCLOSED})


def disposition_label(code: str) -> str | Promise:
    return Disposition(code).label if code in Disposition.values else code


class CaseKind(models.TextChoices):
    ADMINISTRATIVE_REVIEW = "administrative_review", _("Administrative review")
    LAWSUIT = "lawsuit", _("Administrative lawsuit")


class CaseResult(models.TextChoices):
    """Table 四's columns: 结果维持 / 结果纠正 / 其他结果 / 尚未审结."""

    PENDING = "pending", _("Pending")
    UPHELD = "upheld", _("Upheld")
    CORRECTED = "corrected", _("Corrected")
    OTHER = "other", _("Other result")


T4_COLUMN: dict[str, str] = {
    CaseResult.UPHELD: "MAINTAIN",
    CaseResult.CORRECTED: "CORRECT",
    CaseResult.OTHER: "OTHER",
    CaseResult.PENDING: "PENDING",
}


class LetterKind(models.TextChoices):
    REPLY = "reply", _("Reply (答复告知书)")
    CORRECTION = "correction", _("Correction notice (补正告知书)")
    CONSULTATION = "consultation", _("Request for opinion (征求意见书)")
    EXTENSION = "extension", _("Extension notice (延长答复期限告知书)")
    REASONS = "reasons", _("Request for reasons (说明理由通知书)")
    DELAYED_REPLY = "delayed_reply", _("Delayed reply notice (延迟答复告知书)")
    FEE = "fee", _("Fee notice (收费通知书)")


class DeliveryMethod(models.TextChoices):
    POST = "post", _("Post")
    EMAIL = "email", pgettext_lazy("sent by", "E-mail")
    IN_PERSON = "in_person", _("Handed over in person")
    ONLINE = "online", _("Online")
    FAX = "fax", _("By fax")
