"""Worked examples of derived progress and indicator achievement."""

from decimal import Decimal as D

from regiodeal.monitoring.progress import (
    achievement,
    combined_progress,
    mean_achievement,
    milestone_progress,
    project_progress,
)


def test_progress_is_the_weight_of_the_milestones_reached():
    # Three milestones weighing 1, 1 and 2; the first two reached: 2 of 4 = 50%.
    assert milestone_progress([(1, True), (1, True), (2, False)]) == D(50)
    assert milestone_progress([(1, True), (2, False)]) == D(33)  # 33,3… rounds to 33
    assert milestone_progress([]) is None


def test_the_leads_own_figure_comes_before_the_milestones():
    assert project_progress(70, [(1, False)]) == D(70)
    assert project_progress(None, [(1, True), (1, False)]) == D(50)


def test_a_parents_progress_is_weighted_by_the_money_of_each_part():
    # Parent 100% done with € 100.000; extension 20% with € 300.000: (100·1 + 20·3) / 4 = 40%.
    assert combined_progress([(D(100), D(100000)), (D(20), D(300000))]) == D(40)
    # A part without a figure is left out; without money each part counts alike.
    assert combined_progress([(D(100), D(0)), (None, D(5)), (D(50), D(0))]) == D(75)
    assert combined_progress([(None, D(1))]) is None


def test_achievement_runs_from_baseline_to_target():
    # 40 jobs at the start, 100 targeted, 70 now: halfway.
    assert achievement(baseline=D(40), target=D(100), actual=D(70)) == D("0.5")
    # Lower is better: waiting time from 12 to 6 weeks, now 9: also halfway.
    assert achievement(baseline=D(12), target=D(6), actual=D(9)) == D("0.5")
    # No baseline counts from zero; beyond the target is more than 1.
    assert achievement(baseline=None, target=D(20), actual=D(25)) == D("1.25")
    assert achievement(baseline=D(5), target=D(5), actual=D(6)) is None
    assert achievement(baseline=D(5), target=D(10), actual=None) is None


def test_mean_achievement_caps_each_indicator_at_its_target():
    # 125% on one and 50% on the other average to 75%, not 87,5%.
    assert mean_achievement([D("1.25"), D("0.5"), None]) == D("0.75")
    assert mean_achievement([None]) is None
