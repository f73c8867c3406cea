"""The demo's calls: the 2025 call of Zuid- en Oost-Drenthe II, reviewed and allocated, with
its proposals in a draft meeting, and an open call with applications at the early stages.

Everything goes through the services, with the clock set to the moments of the 2025 call.
"""

import datetime
import random
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify

from regiodeal.core.roles import Role, group_of
from regiodeal.decisions import services as decision_services
from regiodeal.organisations.constants import OrganisationKind
from regiodeal.organisations.models import Municipality, Organisation
from regiodeal.programmes.models import FunderContribution, Pillar, Programme, Theme

from . import allocation_runs, review
from . import applications as flow
from . import demo_content as content
from .models import Call, Criterion, ProgrammeLine

# Applications of the 2025 call per programme line (40 in all).
LINE_COUNTS = (8, 9, 9, 6, 4, 4)
APPLICANTS = 8
EXPERTS = 3


def _user(username: str, first_name: str, role: Role):
    user, _ = get_user_model().objects.get_or_create(
        username=username,
        defaults={"first_name": first_name, "last_name": "(demo)"},
    )
    user.set_password(settings.REGIODEAL_DEMO_PASSWORD)
    user.save()
    user.groups.add(group_of(role))
    return user


def _organisation(name: str) -> Organisation:
    organisation, _ = Organisation.objects.get_or_create(
        slug=slugify(name)[:255],
        defaults={"name": name, "kind": OrganisationKind.MAATSCHAPPELIJKE_ORGANISATIE},
    )
    return organisation


def _programme() -> tuple[Programme, dict[str, Pillar]]:
    programme = Programme.objects.create(**content.PROGRAMME)
    for slug, amount in content.FUNDERS:
        FunderContribution.objects.create(
            programme=programme, organisation=Organisation.objects.get(slug=slug), amount=amount
        )
    pillars = {}
    for position, (name, slug, budget, _percentage, _maximum) in enumerate(content.LINES, 1):
        pillars[slug] = Pillar.objects.create(
            programme=programme,
            name=name,
            slug=slug,
            budget=budget + content.SECOND_ROUND_BUDGET,
            budget_note=content.ILLUSTRATIVE,
            position=position,
        )
    for name, slug in (("Brede welvaart", "brede-welvaart"), ("Lerende regio", "lerende-regio")):
        Theme.objects.create(programme=programme, name=name, slug=slug)
    return programme, pillars


def _call(programme: Programme, pillars: dict[str, Pillar], fields: dict, budget=None) -> Call:
    call = Call.objects.create(programme=programme, is_published=True, **fields)
    for position, (name, slug, line_budget, percentage, maximum) in enumerate(content.LINES, 1):
        ProgrammeLine.objects.create(
            call=call,
            name=name,
            pillar=pillars[slug],
            budget=budget or line_budget,
            percentage=percentage,
            max_amount=maximum,
            position=position,
        )
    for position, (name, description, weight, tie_break) in enumerate(content.CRITERIA, 1):
        Criterion.objects.create(
            call=call,
            name=name,
            description=description,
            weight=weight,
            tie_break_position=tie_break,
            position=position,
        )
    return call


def _fill(application, rng: random.Random, line: ProgrammeLine, places) -> None:
    """The applicant writes the application: plan, partners, places and budget."""
    village = rng.choice(content.VILLAGES)
    maximum = line.max_amount or Decimal("500000")
    requested = Decimal(
        rng.randrange(int(maximum * Decimal("0.15")), int(maximum * Decimal("1.1")))
    )
    requested = requested.quantize(Decimal("1000"))
    costs = (requested * 100 / line.percentage * Decimal(rng.uniform(1.0, 1.5))).quantize(
        Decimal("1000")
    )
    application.line = line
    application.summary = (
        f"{application.title}: een project voor en met de inwoners van {village} en omgeving."
    )
    application.description = (
        f"Aanleiding: in {village} en omgeving {rng.choice(['ontbreekt', 'vraagt om', 'mist'])} "
        "een aanpak die de brede welvaart vergroot.\n\nAanpak: in drie fasen, met de partners "
        "en inwoners, met een evaluatie na elk jaar.\n\nResultaat: meetbare verbetering voor "
        "de doelgroep, vastgelegd in de voortgangsrapportages."
    )
    application.lead_organisation = _organisation(
        rng.choice(content.ORGANISATION_FORMS).format(village=village)
    )
    application.eligible_costs = costs
    application.co_financing = (costs - requested) if rng.random() < 0.7 else None
    application.requested_amount = requested
    application.save()
    application.places.set(rng.sample(places, k=rng.choice([1, 1, 2, 3])))
    application.partners.set([_organisation(f"Stichting Welzijn {rng.choice(content.VILLAGES)}")])


def _title(rng: random.Random, slug: str) -> str:
    return rng.choice(content.TITLES[slug]).format(village=rng.choice(content.VILLAGES))


def _scores(rng: random.Random, quality: float, call: Call) -> dict:
    return {
        criterion.pk: (
            Decimal(str(round(min(10, max(0, rng.gauss(quality, 1.0))) * 2) / 2)),
            rng.choice(
                [
                    "Goed onderbouwd; de doelgroep is duidelijk.",
                    "Sterk plan, maar de begroting is krap.",
                    "Draagvlak is aangetoond met brieven van partners.",
                    "De samenhang met andere projecten kan beter.",
                ]
            ),
        )
        for criterion in call.criteria.all()
    }


def _call_2025(programme, pillars, applicants, experts, office) -> None:
    rng = random.Random(content.SEED_2025)
    call = _call(programme, pillars, content.CALL_2025)
    lines = list(call.lines.all())
    places = list(Municipality.objects.filter(code__in=content.PLACES))
    registered = call.registration_deadline - datetime.timedelta(days=30)
    submitted = call.application_deadline - datetime.timedelta(days=2)
    checked = call.application_deadline + datetime.timedelta(days=3)
    complete = []
    # More applications than money on most lines, as in a real call: (line, count).
    spread = [line for line, count in zip(lines, LINE_COUNTS, strict=True) for _ in range(count)]
    rng.shuffle(spread)
    for number, line in enumerate(spread):
        application = flow.register_idea(
            call,
            applicant=applicants[number % len(applicants)],
            title=_title(rng, line.pillar.slug),
            idea="Wij willen dit project samen met inwoners en partners opzetten.",
            now=registered,
        )
        flow.give_pre_check(
            application,
            advice="Het idee past bij de programmalijn; werk de begroting goed uit.",
            positive=rng.random() > 0.1,
            user=office,
        )
        application.refresh_from_db()
        _fill(application, rng, line, places)
        application = flow.submit_application(
            application, user=application.applicant, now=submitted
        )
        if number in (7, 23):
            flow.check_completeness(
                application,
                complete=False,
                note="De begroting en de brief van de penvoerder ontbreken.",
                user=office,
                now=checked,
            )
        elif number in (11, 30):
            flow.declare_ineligible(
                application, reason="Het project vindt buiten de zes gemeenten plaats.", user=office
            )
        else:
            complete.append(
                flow.check_completeness(application, complete=True, user=office, now=checked)
            )
    for number, application in enumerate(complete):
        quality = rng.uniform(4.5, 9.5)
        chosen = [experts[number % EXPERTS], experts[(number + 1) % EXPERTS]]
        for reviewer in chosen:
            assignment = review.assign_reviewer(application, reviewer, user=office)
            if number in (4, 17) and reviewer == chosen[1]:
                review.declare_conflict(
                    assignment, note="Ik ben betrokken bij een van de partners van dit project."
                )
                stand_in = experts[(number + 2) % EXPERTS]
                assignment = review.assign_reviewer(application, stand_in, user=office)
            review.submit_scores(assignment, _scores(rng, quality, call))
    run = allocation_runs.run_allocation(
        call,
        seed=content.SEED_2025,
        user=office,
        now=call.application_deadline + datetime.timedelta(days=25),
    )
    meeting = decision_services.create_meeting(
        programme=programme, date=content.MEETING_DATE, user=office
    )
    allocation_runs.propose_decisions(run, meeting, user=office)


def _open_call(programme, pillars, applicants, office) -> None:
    rng = random.Random(content.SEED_2025 + 1)
    now = timezone.now()
    opens, registration, deadline = (
        now + datetime.timedelta(days=d) for d in content.OPEN_CALL_DAYS
    )
    call = _call(
        programme,
        pillars,
        {
            **content.OPEN_CALL,
            "opens_at": opens,
            "registration_deadline": registration,
            "application_deadline": deadline,
        },
        budget=content.SECOND_ROUND_BUDGET,
    )
    lines = list(call.lines.all())
    places = list(Municipality.objects.filter(code__in=content.PLACES))
    # Two ideas await their pre-check, two applications are being written, one is submitted
    # and awaits the completeness check, one is in its repair period.
    for number, stage in enumerate(["idea", "idea", "writing", "writing", "submitted", "repair"]):
        line = lines[number % len(lines)]
        application = flow.register_idea(
            call,
            applicant=applicants[number],
            title=_title(rng, line.pillar.slug),
            idea="Een idee voor de tweede ronde, uitgewerkt met de buurt.",
            now=now,
        )
        if stage == "idea":
            continue
        flow.give_pre_check(
            application, advice="Kansrijk; let op de cofinanciering.", positive=True, user=office
        )
        application.refresh_from_db()
        if stage == "writing" and number == 3:
            continue  # still empty: the applicant has only just begun
        _fill(application, rng, line, places)
        if stage == "writing":
            continue
        application = flow.submit_application(application, user=application.applicant, now=now)
        if stage == "repair":
            flow.check_completeness(
                application,
                complete=False,
                note="Voeg de begroting per jaar toe.",
                user=office,
                now=now,
            )


def load_calls_demo(*, user=None) -> Programme | None:
    """The second programme with its calls; nothing when it is already there."""
    if Programme.objects.filter(slug=content.PROGRAMME["slug"]).exists():
        return None
    programme, pillars = _programme()
    applicants = [
        _user(f"aanvrager{n}", f"Aanvrager {n}", Role.AANVRAGER) for n in range(1, APPLICANTS + 1)
    ]
    experts = [_user(f"expert{n}", f"Expert {n}", Role.EXPERT) for n in range(1, EXPERTS + 1)]
    _call_2025(programme, pillars, applicants, experts, user)
    _open_call(programme, pillars, applicants, user)
    # Addresses only now: the hundreds of messages of the demo's history are kept on the
    # applications but not mailed to the console of `make run`.
    for person in [*applicants, *experts]:
        person.email = f"{person.username}@example.org"
        person.save(update_fields=["email"])
    return programme
