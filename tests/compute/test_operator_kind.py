"""Operator variants: a small value type whose names are the compile cache's (stable) keys."""

from __future__ import annotations

import pytest
from seisless_compute.solvers.operator_kind import OperatorKind

#: The names operators were cached under before the value type; a change orphans every cache.
CACHED_NAMES = ("forward", "forward-save", "adjoint", "born", "born-save", "born-isic",
                "born-isic-save", "gradient", "gradient-save", "gradient-isic",
                "gradient-isic-save")


def test_every_variant_keeps_its_cache_name():
    assert tuple(kind.name for kind in OperatorKind.every()) == CACHED_NAMES


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
])
def test_a_variant_without_an_operator_is_refused(options, message):
    with pytest.raises(ValueError, match=message):
        OperatorKind(**options)
