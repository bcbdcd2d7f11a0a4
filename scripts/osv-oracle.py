#!/usr/bin/env python3
"""Independent oracle: which PyPA (OSV) advisories cover given installed PyPI package versions.

Written separately from Palisade's Swift matcher so that the matcher's tests compare against a second,
independent implementation of the OSV evaluation rules (https://ossf.github.io/osv-schema/), built on
PyPA's own `packaging.version` (PEP 440) and PyYAML.

Usage:
    scripts/osv-oracle.py ADVISORY_DIR NAME==VERSION... [--json]

ADVISORY_DIR is searched recursively for *.yaml / *.yml / *.json OSV records (e.g.
Tests/Fixtures/pypa-advisory-database/vulns). For each NAME==VERSION it prints the ids of the
advisories that affect that version; with --json it prints
`{"packages": {"NAME==VERSION": [ids...]}}` with sorted keys and sorted ids.

The rules implemented, per the OSV schema:
- records with a `withdrawn` field are skipped;
- an `affected` entry applies when its package ecosystem is `PyPI` and its name equals the installed
  name after PEP 503 normalisation (lower case, runs of `-`, `_`, `.` become `-`);
- a version is affected by an entry when it is listed in `versions` (compared as PEP 440 versions) or
  lies in one of its `ECOSYSTEM` (or `SEMVER`) ranges; `GIT` ranges name commits and are ignored;
- a range's events are sorted by version (`introduced: "0"` sorts first); walking them in order,
  `introduced <= v` makes v affected, `fixed <= v` makes it unaffected, `last_affected < v` makes it
  unaffected; when the range has `limit` events, v must also be below one of them (`*` is no limit);
- an event whose version is not valid PEP 440 is reported on stderr and the range is skipped (never
  silently matched).
"""

import json
import os
import re
import sys

try:
    import yaml
except ImportError:  # pragma: no cover
    sys.exit("osv-oracle: PyYAML is needed (apt-get install python3-yaml)")
from packaging.version import InvalidVersion, Version


def normalise(name):
    """PEP 503 normalised project name."""
    return re.sub(r"[-_.]+", "-", name).lower()


class BadVersion(Exception):
    pass


def parse_version(text):
    try:
        return Version(str(text))
    except InvalidVersion as error:
        raise BadVersion(str(text)) from error


def range_affects(events, version):
    """OSV range evaluation for one range's events (ECOSYSTEM/SEMVER ordering by PEP 440)."""
    keyed = []
    limits = []
    for event in events:
        if len(event) != 1:
            raise BadVersion(f"event with {len(event)} keys: {event}")
        (kind, value), = event.items()
        if kind == "limit":
            limits.append(value)
            continue
        if kind not in ("introduced", "fixed", "last_affected"):
            raise BadVersion(f"unknown event {kind}")
        if kind == "introduced" and str(value) == "0":
            key = (0, None)
        else:
            key = (1, parse_version(value))
        keyed.append((key, kind))
    # Events at the same version: the spec's order is the version order; ties keep document order.
    keyed.sort(key=lambda item: (item[0][0], item[0][1] or Version("0")))
    affected = False
    for (rank, at), kind in keyed:
        if kind == "introduced":
            if rank == 0 or version >= at:
                affected = True
        elif kind == "fixed":
            if version >= at:
                affected = False
        elif kind == "last_affected":
            if version > at:
                affected = False
    if affected and limits:
        affected = any(str(limit) == "*" or version < parse_version(limit) for limit in limits)
    return affected


def entry_affects(entry, version, record_id):
    for listed in entry.get("versions") or []:
        try:
            if parse_version(listed) == version:
                return True
        except BadVersion:
            if str(listed) == str(version):
                return True
    for rng in entry.get("ranges") or []:
        if rng.get("type") not in ("ECOSYSTEM", "SEMVER"):
            continue
        try:
            if range_affects(rng.get("events") or [], version):
                return True
        except BadVersion as error:
            print(f"osv-oracle: {record_id}: range skipped, unparsable version {error}", file=sys.stderr)
    return False


def load_records(directory):
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith((".yaml", ".yml")):
                with open(path, encoding="utf-8") as f:
                    yield path, yaml.load(f, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
            elif name.endswith(".json"):
                with open(path, encoding="utf-8") as f:
                    yield path, json.load(f)


def main(argv):
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    if len(args) < 2:
        sys.exit(__doc__)
    directory, wanted = args[0], args[1:]
    installed = {}
    for spec in wanted:
        name, sep, ver = spec.partition("==")
        if not sep:
            sys.exit(f"osv-oracle: expected NAME==VERSION, got {spec}")
        installed[spec] = (normalise(name), parse_version(ver))
    found = {spec: set() for spec in wanted}
    for path, record in load_records(directory):
        if not isinstance(record, dict) or record.get("withdrawn"):
            continue
        record_id = record.get("id", path)
        for entry in record.get("affected") or []:
            package = entry.get("package") or {}
            if package.get("ecosystem") != "PyPI":
                continue
            pname = normalise(str(package.get("name", "")))
            for spec, (name, version) in installed.items():
                if name == pname and entry_affects(entry, version, record_id):
                    found[spec].add(record_id)
    if as_json:
        result = {"packages": {spec: sorted(ids) for spec, ids in sorted(found.items())}}
        print(json.dumps(result, indent=2, sort_keys=True))
    else:
        for spec in wanted:
            print(spec, " ".join(sorted(found[spec])) or "-")


if __name__ == "__main__":
    main(sys.argv[1:])
