"""Models files: reading and validating one into a Catalog, and writing one out.

A models file is validated by pydantic (specs.py) the first time mcstrat sees its content; the
validated result is remembered (cache.py), so the usual run neither parses YAML nor imports pydantic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mcstrat import sanitize
from mcstrat.core.catalog import Catalog, build, canonical, check_catalog
from mcstrat.core.lines import Lines
from mcstrat.errors import FileProblem


def catalog_from_data(data: Any, lines: Lines | None = None, shown: str = "models file") -> Catalog:
    """Validate DATA as a models file (raising FileProblem naming SHOWN) and build the catalogue."""
    return build(validated(data, lines or {}, shown))


def validated(data: Any, lines: Lines, shown: str) -> dict[str, Any]:
    """DATA checked by the models-file spec, as plain data with ratings in the scale's spelling."""
    from pydantic import ValidationError

    from mcstrat.files.specs import CatalogSpec, validation_problems

    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}"
        raise FileProblem(
            shown,
            [f"is {kind}, not a mapping with version, criteria and models; see `mcstrat schema models`"],
            "models file",
        )
    try:
        spec = CatalogSpec.model_validate(data)
    except ValidationError as exc:
        raise FileProblem(shown, validation_problems(exc, lines), "models file") from None
    plain = spec.model_dump()
    scales = {c["id"]: c["scale"] for c in plain["criteria"]}
    for model in plain["models"]:
        model["ratings"] = {cid: canonical(scales[cid], text) for cid, text in model["ratings"].items()}
    return plain


def default_path() -> Path:
    """The data/models.yaml shipped inside the installed package."""
    # mcstrat.data is a plain folder of the installed package (pip unpacks it): its path is enough,
    # and importing importlib.resources for it cost every command about 3 ms of start-up
    from importlib import import_module

    return Path(str(import_module("mcstrat.data").__file__)).parent / "models.yaml"


def load_catalog(path: Path | str | None = None) -> Catalog:
    """Load and validate a models file (the shipped Table 2 data when PATH is None)."""
    return load_catalog_digest(path)[0]


def load_catalog_digest(path: Path | str | None = None) -> tuple[Catalog, str]:
    """load_catalog's catalogue and the SHA-256 of the exact bytes it was read from."""
    from mcstrat.files.cache import load_validated

    file = Path(path) if path is not None else default_path()
    catalog, _, digest = load_validated(
        file, "models file", lambda data, lines: validated(data, lines, str(file)), build, check_catalog
    )
    return catalog, digest


def dump_models(catalog: Catalog, *, shipped: str | None = None, source_name: str | None = None) -> str:
    """The catalogue as a models file to start a custom one from (`mcstrat models --format yaml`).

    SHIPPED is the text of the built-in models file when that is the catalogue in use: it is
    printed verbatim, comments and source block included, since the data file is the one source
    of truth. Any other catalogue (a --models file, which may be JSON) is written out with
    yaml.safe_dump in the file's own key order, empty optional keys left out, under a header
    comment naming SOURCE_NAME. Either way `mcstrat --models` of the output gives the same results.
    """
    if shipped is not None:
        return shipped.rstrip("\n")
    import yaml

    def pruned(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: pruned(v) for k, v in value.items() if v is not None}
        if isinstance(value, list):
            return [pruned(v) for v in value]
        return value

    where = f" from {sanitize.terminal(source_name)}" if source_name else ""
    header = (
        f"# An mcstrat models file, written by `mcstrat models --format yaml`{where}.\n"
        "# Edit it and use it with `mcstrat --models FILE ...`; `mcstrat schema models` prints its\n"
        "# JSON Schema and `mcstrat validate FILE` checks it.\n\n"
    )

    class Dumper(yaml.SafeDumper):
        """Strings holding a control, format or line-break character are double-quoted, so escapes hold."""

    def text(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        # the same rule as saved answers: PyYAML writes bidi and zero-width characters raw otherwise,
        # and reads U+0085, U+2028 and U+2029 as line breaks
        escape = any(not ch.isprintable() or ch in "\x85\u2028\u2029\ufeff" for ch in data)
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"' if escape else None)

    Dumper.add_representer(str, text)
    body = yaml.dump(pruned(catalog.to_data()), Dumper=Dumper, sort_keys=False, allow_unicode=True, width=100)
    return header + sanitize.yaml_text(body).rstrip("\n")
