"""The built-in wording of letters (告知书), used unless an organization saved its own
(``LetterTemplate``). These are legal documents in Chinese, so they are data, not
translatable strings; each cites its legal basis.

Placeholders are ``{{name}}``; ``PLACEHOLDERS`` lists them. A letter's text is the
template with every placeholder filled; lines become paragraphs; an empty paragraph (for
example an empty ``{{explanation}}``) is dropped.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from gongkai.requests.codes import Disposition, LetterKind

LAW = "《中华人民共和国政府信息公开条例》"

PLACEHOLDERS = {
    "applicant": _("the applicant's name"),
    "organization": _("the body's name"),
    "reference": _("the application's reference"),
    "received_on": _("the day the application was received"),
    "description": _("the information requested"),
    "decision": _("the decision with its legal basis (reply letters)"),
    "explanation": _("the handler's explanation"),
    "grounds": _("the grounds for what is withheld"),
    "other_agency": _("the body responsible for the information, with its contact"),
    "remedies": _("how to seek administrative review or sue"),
    "correction_items": _("what must be corrected"),
    "correction_due": _("the deadline for the correction"),
    "correction_requested_on": _("the day the correction was requested"),
    "party": _("the consulted party"),
    "opinion_due": _("the deadline for the consulted party's opinion"),
    "extension_days": _("the working days of the extension"),
    "reply_due": _("the reply due date"),
    "reasons_due": _("the deadline for the applicant's reasons"),
    "fee_basis": _("the basis of the fee"),
    "fee_quantity": _("the pieces or pages charged"),
    "fee_amount": _("the fee in yuan"),
    "fee_due": _("the deadline for payment"),
    "issued_on": _("the date of the letter"),
}

REMEDIES = (
    "如对本答复不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
)

TITLES: dict[str, str] = {
    LetterKind.REPLY: "政府信息公开申请答复告知书",
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.CONSULTATION: "政府信息公开征求意见书",
    LetterKind.EXTENSION: "延长政府信息公开申请答复期限告知书",
    LetterKind.REASONS: "政府信息公开申请说明理由通知书",
    LetterKind.DELAYED_REPLY: "政府信息公开申请延迟答复告知书",
    LetterKind.FEE: "政府信息公开信息处理费收费通知书",
}

_RECEIVED = "本机关于{{received_on}}收到您（单位）提出的政府信息公开申请（编号：{{reference}}），申请获取：“{{description}}”。"

BODIES: dict[str, str] = {
    LetterKind.REPLY: f"{_RECEIVED}\n{{{{decision}}}}\n{{{{explanation}}}}\n{{{{remedies}}}}",
    LetterKind.CORRECTION: (
        f"{_RECEIVED}\n"
        f"经审查，您的申请内容不明确。根据{LAW}第三十条的规定，请您对以下事项作出补正：\n"
        "{{correction_items}}\n"
        "请您于{{correction_due}}前向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
        "申请人无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    LetterKind.CONSULTATION: (
        "本机关于{{received_on}}收到一份政府信息公开申请，申请公开的信息为：“{{description}}”。"
        f"该信息的公开可能涉及贵方的合法权益或者需要征求贵方意见。根据{LAW}第三十二条、第三十四条的规定，现书面征求贵方意见。\n"
        "请于收到本意见书之日起15个工作日内（即{{opinion_due}}前）书面提出意见。"
        "第三方逾期未提出意见的，由本机关依照条例的规定决定是否公开；被征求意见的行政机关逾期未提出意见的，视为同意公开。\n"
        "{{explanation}}"
    ),
    LetterKind.EXTENSION: (
        f"{_RECEIVED}\n"
        "{{explanation}}\n"
        f"本机关无法在法定期限内作出答复。经本机关政府信息公开工作机构负责人同意，根据{LAW}第三十三条第二款的规定，"
        "答复期限延长{{extension_days}}个工作日，本机关将于{{reply_due}}前作出答复。"
    ),
    LetterKind.REASONS: (
        f"{_RECEIVED}\n"
        f"经审查，您申请公开政府信息的数量、频次明显超过合理范围。根据{LAW}第三十五条的规定，"
        "请您于{{reasons_due}}前向本机关说明理由。\n{{explanation}}"
    ),
    LetterKind.DELAYED_REPLY: (
        f"{_RECEIVED}\n"
        f"经审查，本机关认为您的申请理由合理，但无法在{LAW}第三十三条规定的期限内答复。"
        f"根据{LAW}第三十五条的规定，本机关确定延迟答复的期限为{{{{reply_due}}}}前。\n{{{{explanation}}}}"
    ),
    LetterKind.FEE: (
        f"{_RECEIVED}\n"
        f"根据{LAW}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，本机关依法收取信息处理费。"
        "计收方式：{{fee_basis}}；计费数量：{{fee_quantity}}；收费金额：人民币{{fee_amount}}元。\n"
        "请您在收到本通知次日起20个工作日内（即{{fee_due}}前）缴纳。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。\n"
        "{{explanation}}"
    ),
}

# The decision paragraph of a reply, per result, with its legal basis.
DECISIONS: dict[str, str] = {
    Disposition.ALREADY_PUBLIC: f"经查，您申请获取的政府信息已经主动公开。根据{LAW}第三十六条第（一）项的规定，现告知您获取该政府信息的方式和途径。",
    Disposition.DISCLOSED: f"经查，您申请获取的政府信息属于可以公开的政府信息。根据{LAW}第三十六条第（二）项的规定，现向您提供该政府信息（或者告知您获取该政府信息的方式、途径和时间）。",
    Disposition.PARTLY_DISCLOSED: f"经查，您申请获取的信息中含有不应当公开或者不属于政府信息的内容（{{{{grounds}}}}），但是能够作区分处理。根据{LAW}第三十七条的规定，现向您提供可以公开的政府信息内容，并对不予公开的内容说明理由。",
    Disposition.WITHHELD_SECRET: f"经查，您申请获取的政府信息属于依法确定为国家秘密的政府信息。根据{LAW}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
    Disposition.WITHHELD_PROHIBITED: f"经查，您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。根据{LAW}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
    Disposition.WITHHELD_SAFETY: f"经查，您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。根据{LAW}第十四条、第三十六条第（三）项的规定，本机关决定不予公开。",
    Disposition.WITHHELD_THIRD_PARTY: f"经查，您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。根据{LAW}第十五条、第三十六条第（三）项的规定，本机关决定不予公开。",
    Disposition.WITHHELD_INTERNAL: f"经查，您申请获取的政府信息属于行政机关的内部事务信息。根据{LAW}第十六条第一款、第三十六条第（三）项的规定，本机关决定不予公开。",
    Disposition.WITHHELD_PROCESS: f"经查，您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的过程性信息。根据{LAW}第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。",
    Disposition.WITHHELD_CASE_FILE: f"经查，您申请获取的政府信息属于行政执法案卷信息。根据{LAW}第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。",
    Disposition.WITHHELD_INQUIRY: f"经查，您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的信息。根据{LAW}第三十六条第（七）项的规定，请您依照有关法律、行政法规的规定办理。",
    Disposition.NOT_HELD: f"经检索，本机关没有您申请公开的政府信息。根据{LAW}第三十六条第（四）项的规定，现告知您该政府信息不存在。",
    Disposition.NOT_OURS: f"经查，您申请公开的信息不属于本机关负责公开。根据{LAW}第三十六条第（五）项的规定，现告知您：{{{{other_agency}}}}",
    Disposition.NEEDS_CREATION: f"经查，您申请获取的信息需要本机关对现有政府信息进行加工、分析。根据{LAW}第三十八条的规定，本机关不予提供。",
    Disposition.STILL_UNCLEAR: f"本机关已于{{{{correction_requested_on}}}}依照{LAW}第三十条的规定告知您作出补正，补正后的申请内容仍不明确，本机关无法确定您所需的政府信息，无法提供。",
    Disposition.PETITION: f"经审查，您以政府信息公开申请的形式进行信访、投诉、举报等活动。根据{LAW}第三十九条第一款的规定，本机关不作为政府信息公开申请处理，您可以通过相应渠道提出。",
    Disposition.REPEAT: f"经查，本机关已就您提出的政府信息公开申请作出答复，您重复申请公开相同政府信息。根据{LAW}第三十六条第（六）项的规定，本机关不予重复处理。",
    Disposition.PUBLICATION: f"经查，您申请获取的信息属于政府公报、报刊、书籍等公开出版物。根据{LAW}第三十九条第二款的规定，现告知您获取的途径。",
    Disposition.EXCESSIVE: f"本机关已要求您说明申请理由。经审查，本机关认为您的申请理由不合理。根据{LAW}第三十五条的规定，本机关不予处理。",
    Disposition.CONFIRMATION: "经查，您的申请系要求本机关确认或者重新出具您已获取的信息，本机关不作为政府信息公开申请处理。",
    Disposition.OTHER: "",
}


def default_title(kind: str) -> str:
    return TITLES[kind]


def default_body(kind: str) -> str:
    return BODIES[kind]
