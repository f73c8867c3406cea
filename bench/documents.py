"""Document generation times on a benchmark database; run by scale.py as its own process.

Prints one JSON object: the seconds to build and render the PDF of the largest published
besluitenlijst, and of the uitvoeringsprogramma of the smallest (programme, year) that has at
least 300 decided projects (the largest there is when none has that many).
"""

import datetime
import gc
import json
import os
import sys
import time

import django

PROGRAMME_PROJECTS = 300


def _timed(function) -> tuple[float, object]:
    gc.collect()
    start = time.perf_counter()
    result = function()
    return time.perf_counter() - start, result


def besluitenlijst_pdf() -> dict[str, object]:
    from django.db.models import Count, Q

    from regiodeal.decisions.constants import DecisionState
    from regiodeal.decisions.models import DecisionList
    from regiodeal.publishing.besluitenlijst import build_document
    from regiodeal.publishing.renderers import render_besluitenlijst

    published = Q(meeting__decisions__state=DecisionState.GEPUBLICEERD)
    largest = (
        DecisionList.objects.annotate(size=Count("meeting__decisions", filter=published))
        .order_by("-size", "pk")
        .first()
    )
    if largest is None:
        return {}
    seconds, rendered = _timed(lambda: render_besluitenlijst(build_document(largest), "pdf"))
    return {"seconds": seconds, "decisions": largest.size, "bytes": len(rendered.content)}


def uitvoeringsprogramma_pdf() -> dict[str, object]:
    from regiodeal.monitoring.selectors import decided_projects, programme_years
    from regiodeal.monitoring.uitvoeringsprogramma import build_document
    from regiodeal.monitoring.uitvoeringsprogramma_renderers import render
    from regiodeal.programmes.models import Programme

    best, largest = None, None
    for programme in Programme.objects.order_by("pk"):
        for year in programme_years(programme):
            count = decided_projects(programme, until=datetime.date(year, 12, 31)).count()
            if largest is None or count > largest[0]:
                largest = (count, programme, year)
            if count >= PROGRAMME_PROJECTS and (best is None or count < best[0]):
                best = (count, programme, year)
                break  # later years of this programme only have more
    chosen = best or largest
    if chosen is None:
        return {}
    count, programme, year = chosen
    seconds, rendered = _timed(lambda: render(build_document(programme, year), "pdf"))
    return {"seconds": seconds, "projects": count, "bytes": len(rendered.content)}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regiodeal.settings.bench")
    django.setup()
    which = sys.argv[1:] or ["besluitenlijst", "uitvoeringsprogramma"]
    result = {}
    if "besluitenlijst" in which:
        result["besluitenlijst"] = besluitenlijst_pdf()
    if "uitvoeringsprogramma" in which:
        result["uitvoeringsprogramma"] = uitvoeringsprogramma_pdf()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
