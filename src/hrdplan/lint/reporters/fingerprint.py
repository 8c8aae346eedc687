"""Fingerprints that identify a finding across commits (GitLab Code Quality, SARIF, JSON).

A fingerprint hashes the file, the rule code and the key path of the offending value, not the
line: inserting or moving lines leaves it unchanged, so CI tools keep tracking the same finding
instead of reporting one fixed and one new. Equal (file, code, key path) triples are told apart
by their order of occurrence.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable

from hrdplan.findings import Finding

VERSION = "hrdplan/v1"  # the SARIF partialFingerprints key; bump when the hash input changes


def fingerprint(finding: Finding, occurrence: int = 0) -> str:
    """The sha256 hex digest of the finding's file, code, dotted key path and occurrence."""
    # A JSON array encodes the parts unambiguously, whatever characters a key holds.
    data = json.dumps([finding.file, finding.code, finding.key_path, occurrence])
    return hashlib.sha256(data.encode("ascii")).hexdigest()


def fingerprints(findings: Iterable[Finding]) -> list[str]:
    """One fingerprint per finding, in order; repeats of a (file, code, key path) triple get
    occurrence 1, 2, ... so that no two findings in a file share a fingerprint."""
    seen: dict[tuple[str, str, str], int] = {}
    out: list[str] = []
    for finding in findings:
        key = (finding.file, finding.code, finding.key_path)
        occurrence = seen.get(key, 0)
        seen[key] = occurrence + 1
        out.append(fingerprint(finding, occurrence))
    return out
