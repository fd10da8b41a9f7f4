"""The example board's next meeting goes out with its papers: Word papers and PDF appendices,
one appendix exempt under Schedule 12A, so the public and members' agenda packs both have
something to show. Every name and figure is fictional. The packs are built as the agenda
goes out (papers.packs.build_packs), as they are when a clerk publishes one."""

from meetings.models import AgendaItem
from meetings.paper_files import PaperFile, Schedule12A

from .paper_documents import attached_file, pdf_paper, word_paper

# By agenda item title: (file name, title, role, paragraphs, pages, Schedule 12A paragraph).
PAPERS = {
    "Serious violence strategic needs assessment": [
        (
            "serious-violence-needs-assessment.docx",
            "Serious violence strategic needs assessment",
            PaperFile.Role.PAPER,
            [
                "Purpose: to agree the draft strategic needs assessment before it is published.",
                "Summary: the assessment brings together police, health and education data for "
                "the example borough over three years, and finds serious violence concentrated "
                "in two wards and among young people aged 15 to 24.",
                "Recommendation: that the Board agrees the assessment for publication.",
                "The partnership analyst drew on fictional figures from each partner; no "
                "individual can be identified from them.",
            ],
            2,
            None,
        ),
        (
            "needs-assessment-evidence-summary.pdf",
            "Summary of the evidence",
            PaperFile.Role.APPENDIX,
            [
                "Incidents of serious violence by ward, quarter by quarter, with the partners' "
                "sources for each figure.",
                "Hospital admissions for assault with a sharp object fell by an eighth over the "
                "period in the example borough.",
            ],
            2,
            None,
        ),
    ],
    "Hate crime reporting centres: review": [
        (
            "hate-crime-reporting-centres-review.docx",
            "Hate crime reporting centres: review",
            PaperFile.Role.PAPER,
            [
                "Purpose: to give a steer on the future of the third-party reporting centres.",
                "Summary: two of the borough's six reporting centres have closed; reports made "
                "through the others have fallen by a fifth. Three options are set out.",
                "Recommendation: that the Board gives a steer on the future of the reporting "
                "centres.",
            ],
            2,
            None,
        ),
        (
            "reporting-centres-costs-by-provider.pdf",
            "Costs of the reporting centres by provider",
            PaperFile.Role.APPENDIX,
            [
                "Each provider's contract price, staffing costs and the grant it would need "
                "under each option, as the providers gave them in confidence.",
                "Not for publication: the figures are commercially sensitive.",
            ],
            1,
            Schedule12A.FINANCIAL,
        ),
    ],
    "Work programme update": [
        (
            "work-programme-update.pdf",
            "Work programme update",
            PaperFile.Role.PAPER,
            [
                "Progress on each activity since the last meeting, with its RAG rating.",
                "Recommendation: that the Board notes the progress made.",
            ],
            1,
            None,
        ),
    ],
}


def attach_papers(items: list[AgendaItem]) -> int:
    """Attach the example files to the meeting's items that have them; returns how many."""
    attached = 0
    for item in items:
        for order, (name, title, role, paragraphs, pages, paragraph) in enumerate(
            PAPERS.get(item.title, [])
        ):
            make = word_paper if name.endswith(".docx") else pdf_paper
            attached_file(
                item,
                make(title, paragraphs, pages=pages),
                name=name,
                title=title,
                role=role,
                order=order,
                text="\n".join([title, *paragraphs]),
                pages=pages,
                is_confidential=paragraph is not None,
                schedule_12a_paragraph=paragraph,
            )
            attached += 1
    return attached
