"""Build the dashboard's world map: src/rasad/web/geo/world.json, SVG paths of every country by ISO3 code.

    pip install -e ".[build-data]"     # pyogrio (carries the outline) and shapely
    python scripts/build_world_map.py

The outline is Natural Earth's 1:110m admin-0 countries (public domain), as
the ``naturalearth_lowres`` data set that the pyogrio package ships; nothing
is downloaded. Each country is simplified (``--tolerance`` degrees),
projected equirectangularly onto a 1000-unit-wide box (Antarctica left out),
and written as one SVG path with coordinates rounded to 0.1 unit, so the file
stays small enough to inline into a page (about 100 KB).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "rasad" / "web" / "geo" / "world.json"
WIDTH = 1000.0
TOP, BOTTOM = 84.0, -58.0  # latitudes shown: Antarctica would take a fifth of the height for no event
# Rows whose iso_a3 is -99 in this edition, and the code the knowledge files use for them.
FIXES = {"France": "FRA", "Norway": "NOR", "Kosovo": "XKX", "N. Cyprus": "CYP", "Somaliland": "SOM"}


def _source() -> Path:
    import pyogrio

    path = Path(pyogrio.__file__).parent / "tests" / "fixtures" / "naturalearth_lowres" / "naturalearth_lowres.shp"
    if not path.is_file():
        raise SystemExit(f"build_world_map: {path} is missing; install pyogrio (pip install -e '.[build-data]')")
    return path


def _xy(lon: float, lat: float) -> tuple[float, float]:
    scale = WIDTH / 360.0
    return (lon + 180.0) * scale, (TOP - lat) * scale


def _ring(coords: Any) -> str:
    points = [_xy(x, y) for x, y in coords]
    out = []
    last = None
    for x, y in points:
        p = (round(x, 1), round(y, 1))
        if p != last:
            out.append(f"{p[0]:g} {p[1]:g}")
            last = p
    if len(out) < 3:
        return ""
    return "M" + "L".join(out) + "Z"


def _path(geom: Any) -> str:
    polygons = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
    parts = []
    for poly in polygons:
        for ring in (poly.exterior, *poly.interiors):
            d = _ring(ring.coords)
            if d:
                parts.append(d)
    return "".join(parts)


def build(tolerance: float) -> dict[str, Any]:
    import shapely
    from pyogrio.raw import read

    meta, _, wkb, fields = read(_source())
    names = list(meta["fields"])
    name_col, code_col = names.index("name"), names.index("iso_a3")
    shapes: dict[str, list[Any]] = {}
    for i, raw in enumerate(wkb):
        name, code = str(fields[name_col][i]), str(fields[code_col][i])
        code = FIXES.get(name, code)
        if code == "-99" or name == "Antarctica":
            continue
        geom = shapely.clip_by_rect(shapely.from_wkb(raw), -180, BOTTOM, 180, TOP)
        shapes.setdefault(code, []).append(geom.simplify(tolerance, preserve_topology=True))
    countries = {code: _path(shapely.union_all(parts)) for code, parts in sorted(shapes.items())}
    height = round((TOP - BOTTOM) * WIDTH / 360.0, 1)
    return {"source": "Natural Earth 1:110m admin-0 countries (public domain), naturalearth_lowres",
            "projection": f"equirectangular, latitudes {BOTTOM:g} to {TOP:g}",
            "viewBox": f"0 0 {WIDTH:g} {height:g}", "countries": {k: v for k, v in countries.items() if v}}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tolerance", type=float, default=0.15, help="simplification in degrees (default 0.15)")
    ap.add_argument("-o", "--output", type=Path, default=OUT)
    args = ap.parse_args()
    data = build(args.tolerance)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"build_world_map: {len(data['countries'])} countries, {args.output.stat().st_size // 1024} KB "
          f"-> {args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}")


if __name__ == "__main__":
    main()
