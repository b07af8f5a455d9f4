"""Operator variants: a small value type whose names are the compile cache's (stable) keys."""

from __future__ import annotations

import pytest
from seisless_compute.solvers.operator_kind import OperatorKind

#: The names operators were cached under before the value type; a change orphans every cache.
CACHED_NAMES = ("forward", "forward-save", "adjoint", "born", "born-save", "born-isic",
                "born-isic-save", "gradient", "gradient-save", "gradient-isic",
                "gradient-isic-save")


def test_every_variant_keeps_its_cache_name():
    older = tuple(kind.name for kind in OperatorKind.every()
                  if not (kind.subsampled or kind.illumination))
    assert older == CACHED_NAMES


def test_the_newer_flags_only_add_a_suffix():
    assert OperatorKind("born", isic=True, save=True, subsampled=True,
                        illumination=True).name == "born-isic-save-sub-illum"
    assert OperatorKind("forward", illumination=True).name == "forward-illum"
    assert OperatorKind("gradient", save=True, subsampled=True).name == "gradient-save-sub"
    assert OperatorKind("forward", save=True, subsampled=True, physical=True,
                        illumination=True).name == "forward-save-sub-phys-illum"
    assert len(OperatorKind.every()) == len({kind.name for kind in OperatorKind.every()}) == 30


def test_only_subsampled_acoustic_histories_of_the_standard_pair_are_physical():
    physical = [kind.name for kind in OperatorKind.every() if kind.physical]
    assert physical == ["forward-save-sub-phys", "forward-save-sub-phys-illum",
                        "born-save-sub-phys", "born-save-sub-phys-illum",
                        "gradient-save-sub-phys"]
    assert not any(kind.physical for kind in OperatorKind.every("tti"))


def test_tti_variants_are_the_acoustic_names_with_a_tti_suffix():
    acoustic = [kind.name for kind in OperatorKind.every()]
    tti = [kind.name for kind in OperatorKind.every("tti")]
    assert tti == [f"{name}-tti" for name in acoustic if "-phys" not in name]
    assert OperatorKind("forward", physics="tti") != OperatorKind("forward")
    with pytest.raises(ValueError, match="operator physics 'elastic'"):
        OperatorKind("forward", physics="elastic")


def test_a_variant_is_a_value():
    # Equal variants are one dictionary key: a solver compiles each operator once
    assert OperatorKind("born", isic=True) == OperatorKind("born", isic=True, save=False)
    assert len({OperatorKind("gradient", save=True), OperatorKind("gradient", save=True)}) == 1
    with pytest.raises(AttributeError):
        OperatorKind("forward").save = True


@pytest.mark.parametrize(("options", "message"), [
    ({"equation": "backward"}, "operator equation 'backward'"),
    ({"equation": "forward", "isic": True}, "isic on the forward operator"),
    ({"equation": "adjoint", "isic": True}, "isic on the adjoint operator"),
    ({"equation": "adjoint", "save": True}, "save on the adjoint operator"),
    ({"equation": "forward", "subsampled": True}, "subsampled without save"),
    ({"equation": "gradient", "save": True, "illumination": True},
     "illumination on the gradient operator"),
    ({"equation": "adjoint", "illumination": True}, "illumination on the adjoint operator"),
    ({"equation": "gradient", "save": True, "physical": True},
     "physical-region history on the gradient-save-phys operator"),
    ({"equation": "gradient", "isic": True, "save": True, "subsampled": True, "physical": True},
     "physical-region history on the gradient-isic-save-sub-phys operator"),
    ({"equation": "born", "save": True, "subsampled": True, "physical": True, "physics": "tti"},
     "physical-region history on the born-save-sub-phys-tti operator"),
])
def test_a_variant_without_an_operator_is_refused(options, message):
    with pytest.raises(ValueError, match=message):
        OperatorKind(**options)
