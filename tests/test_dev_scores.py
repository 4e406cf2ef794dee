"""Floors for extraction quality: the means over the seeds, our own synopses (tests/fixtures/synopses) and
the dev set (../shared/dev) may not fall below what has been reached. Raise a floor when a change lifts its
measure."""
from __future__ import annotations

import pytest
from conftest import ROOT, SHARED, load_module

SEED_FLOORS = {"chars_f1": 0.95, "alias_recall": 0.97, "gender_acc": 1.0, "noncharacter_rejected": 1.0,
               "affil_org_acc": 0.9, "affil_status_acc": 0.9, "relation_recall": 0.60,
               "death_recall": 1.0, "death_precision": 1.0}
OWN_FLOORS = {"chars_f1": 1.0, "alias_recall": 1.0, "gender_acc": 1.0, "noncharacter_rejected": 1.0,
              "affil_org_acc": 1.0, "affil_status_acc": 1.0, "relation_recall": 1.0, "death_recall": 1.0,
              "death_precision": 1.0}
DEV_FLOORS = {
    "chars_precision": 1.0,
    "chars_recall": 1.0,
    "chars_f1": 1.0,
    "alias_recall": 0.96,
    "gender_acc": 0.92,  # 0.96 while names-dataset gave surnames used alone a gender; a guess, now left unknown
    "noncharacter_rejected": 1.0,
    "affil_org_acc": 0.92,
    "affil_status_acc": 0.87,
    "relation_recall": 0.78,
    "death_recall": 0.95,
    "death_precision": 1.0,
}


@pytest.fixture(scope="module")
def group_means():
    score_dev = load_module(ROOT / "benchmarks" / "score_dev.py")
    pairs = score_dev.texts()
    return lambda group: score_dev.means(score_dev.score_group(pairs[group])) if pairs[group] else None


@pytest.mark.slow
def test_seed_floors(group_means):
    means = group_means("seeds")
    for measure, floor in SEED_FLOORS.items():
        assert means[measure] >= floor, f"seeds: {measure} {means[measure]:.2f} < {floor}"


@pytest.mark.slow
def test_own_fixture_floors(group_means):
    means = group_means("own")
    for measure, floor in OWN_FLOORS.items():
        assert means[measure] >= floor, f"own synopses: {measure} {means[measure]:.2f} < {floor}"


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "dev" / "synopses").is_dir(), reason="../shared/dev/synopses is not present")
def test_dev_floors(group_means):
    means = group_means("dev")
    for measure, floor in DEV_FLOORS.items():
        assert means[measure] >= floor, f"dev set: {measure} {means[measure]:.2f} < {floor}"


# pooled figures (summed counts) that deaths and cast notes may not fall below, per group
POOLED_FLOORS = {
    "seeds": {"death found": 1.0, "death right": 1.0, "cast right": 0.95, "cast found": 0.90},
    # a character found anew (a code name, a one-letter name) may bring a death not read yet: synopses2/
    # has two of them (a code name that "dies", an informant killed in a relative clause)
    "dev": {"death found": 0.95, "death right": 1.0, "cast right": 0.88, "cast found": 0.85,
            "affil found": 0.92, "affil right": 0.95, "rel found": 0.75, "rel right": 0.92},
    # rel right short of 1: a deputy's works_for ("den Stellvertreter Brauns, Jost") and a kidnapper's enemy_of
    # (of a husband named only as "her husband") that two references leave out
    "dev2": {"death found": 0.85, "death right": 1.0, "affil found": 0.70, "affil right": 0.95,
             "rel found": 0.63, "rel right": 0.90, "outsiders rej": 0.97},
}


@pytest.mark.slow
@pytest.mark.parametrize("group", sorted(POOLED_FLOORS))
def test_pooled_death_and_presence_floors(group):
    score_dev = load_module(ROOT / "benchmarks" / "score_dev.py")
    pairs = score_dev.texts()[group]
    if not pairs:
        pytest.skip(f"no texts for {group}")
    pooled = score_dev.pooled(score_dev.score_group(pairs, group=group))
    for measure, floor in POOLED_FLOORS[group].items():
        assert pooled[measure] is not None and pooled[measure] >= floor - 1e-9, \
            f"{group}: {measure} {pooled[measure]} < {floor}"
