"""The assessment: adapters found under the scanned paths, an effort estimate and a compliance checklist.

Phase one of a migration plan is an assessment: inventory every adapter, map every handler, find
what depends on Open CTI, audit call recording and retention. This module derives all of it from
the code (the scan and the conversion plan) — nothing is asked of the user.

Effort heuristic (printed in the report so a consultant can defend it), per adapter, in days::

    estimate = 1.0                      # project set-up: deploy, ConversationVendorInfo, hosting
             + 0.05 x auto uses + 0.02 x removed (drop) uses
             + 0.25 x review uses + 0.25 x invalid uses
             + 1.0  x manual uses
             + moved legacy lines / 400  # reading and testing code that changed home
             + 0.1  x undefined names left in the new homes
             + 0.05 x custom call center items carried into vendor sections
    range    = [0.75 x estimate, 1.5 x estimate], each rounded up to half a day

An adapter holding Open CTI mentions that could not be analysed (syntax errors, languages the
grammars cannot read, oversized files) has an **unknown** effort: the figure above covers only the
analysed code, and is shown as a lower bound ("at least"), never as the estimate.

:func:`tally` is the one source of the numbers every report shows (cards, chart, adapter table,
MIGRATION.md, migration.json): the conversions of each adapter, counted once.
"""

from __future__ import annotations

import bisect
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field

from .escape import display_path
from .inventory import FileReport

EFFORT_WEIGHTS = {"base": 1.0, "auto": 0.05, "drop": 0.02, "review": 0.25, "invalid": 0.25, "manual": 1.0,
                  "lines_per_day": 400, "free_name": 0.1, "custom_item": 0.05, "low": 0.75, "high": 1.5}
EFFORT_FORMULA = (
    "days = 1.0 (set-up) + 0.05 × auto + 0.02 × removed (Voice owns it) + 0.25 × review + 0.25 × invalid + 1.0 × manual "
    "+ moved legacy lines ÷ 400 + 0.1 × undefined names + 0.05 × carried custom call center items; "
    "range = 0.75 × days … 1.5 × days, rounded up to half days; unknown (shown as “at least”) when the adapter "
    "holds Open CTI mentions that could not be analysed; a call left out (dead code, a feature check's branch that "
    "does not run in Voice, a samples file, a superseded copy) counts nothing")
SAFETIES = ("auto", "review", "manual", "drop", "invalid")
# A drop row removed for another reason than Voice owning the behaviour (Conversion.left_out) is counted apart
# from ``drop``: COUNTS are the columns every count of calls is split into (they add up to the calls).
LEFT_OUT = "left-out"
COUNTS = ("auto", "review", "manual", "drop", LEFT_OUT, "invalid")


def counted_as(conversion) -> str:
    """The column a conversion is counted in: its safety, or ``left-out`` for a call removed for another reason
    than Voice owning the behaviour."""
    return LEFT_OUT if conversion.left_out and conversion.safety == "drop" else str(conversion.safety)

SECRET_NAME = re.compile(r"(api[_-]?key|apikey|auth[_-]?token|access[_-]?token|access[_-]?key|client[_-]?secret|"
                         r"secret|password|passwd|pwd|token|bearer|credential)", re.I)
SECRET_ASSIGNMENT = re.compile(  # the look-behind starts matches at identifier starts only (much faster)
    r"""(?<![\w$.-])(?P<name>[\w$.-]*(?:api[_-]?key|apikey|token|secret|password|passwd|pwd|credential)[\w$-]*)"""
    r"""['"]?\s*[:=]\s*"""
    r"""(?P<quote>['"])(?P<value>[^'"\n]{8,})(?P=quote)""", re.I)
SECRET_FORMATS = [
    ("Twilio Account SID", re.compile(r"\bAC[0-9a-f]{32}\b")),
    ("live API key", re.compile(r"\b(?:sk|pk|rk|lmr)_live_[0-9A-Za-z]{12,}\b")),
    ("AWS access key", re.compile(r"\bAKIA[0-9A-Z]{16}\b")),
    ("JSON Web Token", re.compile(r"\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{5,}")),
    ("bearer token", re.compile(r"\bBearer\s+[A-Za-z0-9._~+/-]{20,}")),
]
# Unlabelled secrets: a quoted token of mixed case and digits whose characters are spread like random data
# (Shannon entropy per character, as detect-secrets measures it). Identifiers ("setSoftphonePanelVisibility",
# "reqSalesforceCompatibilityMode") stay below the bar: they are words, with few digits.
HIGH_ENTROPY_TOKEN = re.compile(r"""(?P<quote>['"`])(?P<value>[A-Za-z0-9+/_=-]{24,200})(?P=quote)""")
ENTROPY_BITS = 4.3


def shannon_entropy(text: str) -> float:
    from collections import Counter as _Counter

    counts = _Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values()) if text else 0.0


def _random_looking(value: str) -> bool:
    if not (re.search(r"[a-z]", value) and re.search(r"[A-Z]", value)) or len(re.findall(r"\d", value)) < 3:
        return False
    return shannon_entropy(value) >= ENTROPY_BITS


# Names that hold a secret's neighbours, not the secret: tokenApexClass, authTokenUrl, apiKeyHeader...
NOT_A_SECRET = re.compile(r"(class|classname|url|uri|endpoint|host|path|name|label|type|mode|timeout|ttl|length|"
                          r"expiry|expires|header|field|param|key_?name)$", re.I)
PLACEHOLDER = re.compile(r"^(?:x+|\*+|<[^>]*>|\{\{.*\}\}|\$\{.*\}|your[_ -].*|changeme|replace[_ -]?me|todo|test|"
                         r"example.*|placeholder.*|dummy.*|.*\.\.\.)$", re.I)
RECORDING = re.compile(r"\b\w*(?:pause|resume|stop|start|toggle)_?record(?:ing)?\w*|\brecord(?:ing)?_?(?:pause|resume|"
                       r"stop|start|toggle)\w*", re.I)
CONSENT = re.compile(r"\bconsent\w*|\bopt_?in\b|\bbeep\b|recording[_ ]?notice|announce\w*", re.I)
RETENTION = re.compile(r"retain|retention|purge|ttl|expir|archive|delete|days|record", re.I)


@dataclass
class Effort:
    estimate: float
    low: float
    high: float
    parts: dict[str, float] = field(default_factory=dict)
    unanalysed: int = 0  # mentions of the API in code that could not be analysed: the effort is unknown

    @property
    def known(self) -> bool:
        return not self.unanalysed

    def text(self) -> str:
        span = f"{_days(self.low)}–{_days(self.high)} days"
        return span if self.known else f"unknown (at least {span})"


def _days(value: float) -> str:
    return f"{value:g}"


@dataclass
class Tally:
    """The numbers of one adapter's conversion (or of several, added up)."""

    calls: int = 0
    # by safety; ``drop`` counts the calls removed because Voice owns the behaviour, not the left-out ones
    by_safety: dict[str, int] = field(default_factory=lambda: {s: 0 for s in SAFETIES})
    left_out: Counter = field(default_factory=Counter)  # Conversion.left_out -> calls (removed, not Voice's)
    failed: int = 0
    by_api: dict[str, Counter] = field(default_factory=dict)  # api -> Counter(counted_as)
    unanalysed: int = 0  # mentions of the API in code that could not be analysed

    def add(self, other: "Tally") -> "Tally":
        self.calls += other.calls
        for safety, count in other.by_safety.items():
            self.by_safety[safety] = self.by_safety.get(safety, 0) + count
        self.left_out.update(other.left_out)
        self.failed += other.failed
        for api, counts in other.by_api.items():
            self.by_api.setdefault(api, Counter()).update(counts)
        self.unanalysed += other.unanalysed
        return self

    def columns(self) -> dict[str, int]:
        """The calls split into COUNTS (they add up to ``calls``)."""
        return {c: sum(self.left_out.values()) if c == LEFT_OUT else self.by_safety.get(c, 0) for c in COUNTS}


def tally(conversions: list, reports: list = ()) -> Tally:
    """Count an adapter's conversions by safety and API member; ``reports`` add the unanalysed mentions."""
    result = Tally()
    for conversion in conversions:
        result.calls += 1
        column = counted_as(conversion)
        if column == LEFT_OUT:
            result.left_out[conversion.left_out] += 1
        else:
            result.by_safety[column] = result.by_safety.get(column, 0) + 1
        result.failed += conversion.status == "failed"
        result.by_api.setdefault(conversion.use.api, Counter())[column] += 1
    result.unanalysed = sum(r.unanalysed_mentions for r in reports)
    return result


@dataclass
class ComplianceItem:
    topic: str  # recording | consent | call-logs | screen-pops | retention | credentials
    status: str  # found | not-found | review
    summary: str
    evidence: list[str] = field(default_factory=list)  # file:line — text (secrets masked)


def is_secret(name: str, value: str | None) -> bool:
    """A call center item or assignment that holds a credential (its name says so, its value is real)."""
    value = (value or "").strip()
    return bool(SECRET_NAME.search(name)) and not NOT_A_SECRET.search(name) and len(value) >= 8 and \
        not PLACEHOLDER.match(value) and " " not in value and not value.startswith(("http://", "https://", "/"))


def mask(secret: str) -> str:
    """Show just enough of a secret to find it: the first 4 characters and the length."""
    return f"{secret[:4]}…({len(secret)} chars)"


def _half_up(days: float) -> float:
    return math.ceil(days * 2) / 2


def measure(result, reports=None) -> tuple[Tally, Effort]:
    """The numbers and the effort of one adapter's conversion (``reports``: its scanned files; default the plan's)."""
    plan, generated = result.plan, result.generated
    numbers = tally(result.conversions, plan.reports if reports is None else reports)
    moved = sum(m.node.end_point[0] - m.node.start_point[0] + 1 for m in plan.moved)
    free = len({(f.home, f.name) for f in generated.free_names})
    carried = len(generated.contact_center.get("carried", []))
    return numbers, effort(numbers.by_safety, moved, free, carried, numbers.unanalysed)


def effort(counts: dict[str, int], moved_lines: int, free_names: int, custom_items: int, unanalysed: int = 0) -> Effort:
    w = EFFORT_WEIGHTS
    parts = {
        "set-up": w["base"],
        "auto": w["auto"] * counts.get("auto", 0),
        "removed": w["drop"] * counts.get("drop", 0),
        "review": w["review"] * counts.get("review", 0),
        "invalid": w["invalid"] * counts.get("invalid", 0),
        "manual": w["manual"] * counts.get("manual", 0),
        "moved lines": moved_lines / w["lines_per_day"],
        "undefined names": w["free_name"] * free_names,
        "call center items": w["custom_item"] * custom_items,
    }
    # math.fsum, not sum: Python 3.12 made sum() of floats compensated, so sum() gave 3.01 on 3.11 and 3.0 on
    # 3.12+ for the same parts (amazon-connect-ccp); fsum's correctly rounded total is the same everywhere.
    estimate = round(math.fsum(parts.values()), 2)
    return Effort(estimate, _half_up(estimate * w["low"]), _half_up(estimate * w["high"]),
                  {k: round(v, 2) for k, v in parts.items()}, unanalysed)


def total_effort(efforts: list[Effort]) -> Effort:
    """The efforts of several adapters added up (unknown if any is)."""
    return Effort(round(math.fsum(e.estimate for e in efforts), 2), math.fsum(e.low for e in efforts),
                  math.fsum(e.high for e in efforts), {}, sum(e.unanalysed for e in efforts))


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


class _Spans:
    """Spans of text already reported, sorted: whether a new one starts inside (or overlaps) one is a bisect,
    not a pass over every secret found so far (a file with thousands of tokens stays linear)."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.longest = 0

    def add(self, start: int, end: int) -> None:
        at = bisect.bisect_right(self.starts, start)
        self.starts.insert(at, start)
        self.ends.insert(at, end)
        self.longest = max(self.longest, end - start)

    def holds(self, offset: int) -> bool:
        """Some span has start <= offset < end."""
        return self.overlaps(offset, offset + 1)

    def overlaps(self, start: int, end: int) -> bool:
        """Some span meets [start, end) (or starts at ``start``)."""
        low = bisect.bisect_left(self.starts, start - self.longest)
        high = bisect.bisect_left(self.starts, max(end, start + 1))
        return any(self.ends[i] > start for i in range(low, high))


# Where a match of each SECRET_FORMATS pattern can start: (literal it holds, offsets of the match's start before it).
_FORMAT_ANCHORS = {"Twilio Account SID": ("AC", (0,)), "live API key": ("_live_", (2, 3)),
                   "AWS access key": ("AKIA", (0,)), "JSON Web Token": ("eyJ", (0,)), "bearer token": ("Bearer", (0,))}
_FORMAT_ANCHOR_OF = {pattern: _FORMAT_ANCHORS[label] for label, pattern in SECRET_FORMATS}
# Words one of which the name of every SECRET_ASSIGNMENT match holds (lower case), and where such a name can start.
_ASSIGNMENT_NEEDLES = ("key", "token", "secret", "passw", "pwd", "credential")
_NAME_START = re.compile(r"(?<![\w$.-])[\w$.-]")


def _anchored_matches(pattern: re.Pattern, text: str, starts):
    """``pattern.finditer(text)`` when every match starts at one of ``starts`` (ascending): the pattern is
    tried there only, skipping starts inside the previous match, as finditer does."""
    after = 0
    for start in starts:
        if start < after:
            continue
        match = pattern.match(text, start)
        if match is not None:
            yield match
            after = max(match.end(), start + 1)


def _format_starts(pattern: re.Pattern, text: str) -> list[int]:
    needle, offsets = _FORMAT_ANCHOR_OF[pattern]
    starts = set()
    at = text.find(needle)
    while at >= 0:
        starts.update(at - offset for offset in offsets if at >= offset)
        at = text.find(needle, at + 1)
    return sorted(starts)


def _secret_assignments(text: str):
    """``SECRET_ASSIGNMENT.finditer(text)``: tried only at the name starts of the lines that hold one of
    its words (a match's name holds one and has no line break). Text that is not ASCII is searched whole
    (re.I matches 'ſ', 'K'... as ASCII letters)."""
    if not text.isascii():
        yield from SECRET_ASSIGNMENT.finditer(text)
        return
    starts = []
    for line in _lines_holding(text, _ASSIGNMENT_NEEDLES):
        end = text.find("\n", line)
        starts += [m.start() for m in _NAME_START.finditer(text, line, len(text) if end < 0 else end)]
    yield from _anchored_matches(SECRET_ASSIGNMENT, text, starts)


def find_secrets(path: str, text: str) -> list[str]:
    found = []
    seen = set()
    spans = _Spans()
    line_starts: list[int] = []

    def line(offset: int) -> int:
        if not line_starts:  # indexed on first use: each secret's line is a bisect, not a count from the start
            line_starts.extend([0] + [m.end() for m in re.finditer("\n", text)])
        return bisect.bisect_right(line_starts, offset)

    for match in _secret_assignments(text):
        value = match.group("value").strip()
        if not is_secret(match.group("name"), value):
            continue
        key = (match.start("value"), value)
        if key not in seen:
            seen.add(key)
            spans.add(key[0], key[0] + len(value))
            found.append(f"{path}:{line(match.start())} — {match.group('name')} = {mask(value)}")
    masked = {mask(v) for _, v in seen}
    for label, pattern in SECRET_FORMATS:
        for match in _anchored_matches(pattern, text, _format_starts(pattern, text)):
            if mask(match.group(0)) in masked or spans.holds(match.start()):
                continue
            seen.add((match.start(), match.group(0)))
            spans.add(match.start(), match.end())
            found.append(f"{path}:{line(match.start())} — {label} {mask(match.group(0))}")
    for match in HIGH_ENTROPY_TOKEN.finditer(text):
        value = match.group("value")
        start = match.start("value")
        if spans.overlaps(start, start + len(value)) or not _random_looking(value):
            continue
        seen.add((start, value))
        spans.add(start, start + len(value))
        found.append(f"{path}:{line(start)} — high-entropy string {mask(value)}")
    return found


# What every pattern above needs to match (a superset): a line without any of it holds no secret, and most
# lines of code hold none, so redaction costs a few substring tests a line, not seven substitutions.
_SECRET_WORDS = ("key", "token", "secret", "passw", "pwd", "credential", "_live_", "akia", "eyj", "bearer")
_MAYBE_TWILIO = re.compile(r"AC[0-9a-f]{32}")
_MAYBE_TOKEN = re.compile(r"""['"`][A-Za-z0-9+/_=-]{24}""")


def _maybe_secret(text: str) -> bool:
    if not text.isascii():  # re.I matches 'ſ', 'ı', 'K' (Kelvin) ... as ASCII letters: the full search decides
        return True
    lowered = text.lower()
    return any(word in lowered for word in _SECRET_WORDS) or bool(_MAYBE_TWILIO.search(text)) or \
        bool(_MAYBE_TOKEN.search(text))


def redact(text: str) -> str:
    """A line of evidence with any secret in it masked."""
    if not _maybe_secret(text):
        return text
    return _redact(text)


def _redact(text: str) -> str:
    text = SECRET_ASSIGNMENT.sub(lambda m: m.group(0).replace(m.group("value"), mask(m.group("value"))), text)
    for _, pattern in SECRET_FORMATS:
        text = pattern.sub(lambda m: mask(m.group(0)), text)
    return HIGH_ENTROPY_TOKEN.sub(lambda m: m.group(0).replace(m.group("value"), mask(m.group("value")))
                                  if _random_looking(m.group("value")) else m.group(0), text)


# The words every match of RECORDING / CONSENT holds (lower case); a match never crosses a line.
_NEEDLES = {RECORDING: ("record",), CONSENT: ("consent", "opt", "beep", "recording", "announce")}


def _lines_holding(text: str, needles) -> list[int]:
    """The starts of the lines of ``text`` that hold one of ``needles`` (lower case), in order."""
    lowered = text.lower()
    lines = set()
    for needle in needles:
        at = lowered.find(needle)
        while at >= 0:
            lines.add(lowered.rfind("\n", 0, at) + 1)
            at = lowered.find(needle, at + 1)
    return sorted(lines)


def _line_matches(pattern: re.Pattern, text: str, needles: tuple[str, ...] | None):
    """``pattern.finditer(text)``, searching only the lines that hold one of ``needles`` (every match of the
    pattern holds one, within one line). Text that is not ASCII is searched whole (re.I matches 'ſ', 'K'...)."""
    if needles is None or not text.isascii():
        yield from pattern.finditer(text)
        return
    for start in _lines_holding(text, needles):
        end = text.find("\n", start)
        yield from pattern.finditer(text, start, len(text) if end < 0 else end)


def _code_hits(sources: dict[str, str], pattern: re.Pattern, limit: int = 8) -> list[str]:
    hits = []
    for path, text in sorted(sources.items()):
        for match in _line_matches(pattern, text, _NEEDLES.get(pattern)):
            line_start = text.rfind("\n", 0, match.start()) + 1
            line_end = text.find("\n", match.start())
            line = text[line_start:line_end if line_end >= 0 else None].strip()
            if line.startswith(("//", "*", "/*", "<!--")):
                continue
            hits.append(f"{path}:{_line(text, match.start())} — {redact(line)[:100]}")
            if len(hits) >= limit:
                return hits
    return hits


def compliance(sources: dict[str, str], conversions: list, call_centers: list) -> list[ComplianceItem]:
    """The checklist for regulated industries, derived from what the adapter's code does."""
    from .codemod import codemod_for

    items = []
    recording = _code_hits(sources, RECORDING)
    items.append(ComplianceItem(
        "recording", "found" if recording else "not-found",
        "Call recording control in the adapter (pause/resume): map it to the connector's pauseRecording / "
        "resumeRecording and the toolkit's pauserecording / resumerecording events." if recording else
        "No call recording control found: confirm where recording is started and who can pause it in Voice.",
        recording))
    consent = _code_hits(sources, CONSENT)
    items.append(ComplianceItem(
        "consent", "found" if consent else "not-found",
        "Consent / announcement logic before recording: keep it ahead of recording in the Voice flow." if consent
        else "No consent-before-recording logic found: check the IVR or Omni-Channel flow announces recording.",
        consent))
    logs = []
    for c in conversions:
        if "call-logs" in codemod_for(c.use.api).compliance:
            target = "VoiceCall" if "VoiceCall" in (c.use.snippet or "") else "Task or the object named in the code"
            logs.append(f"{c.use.file}:{c.use.line} — {c.use.api} writes {target}: {c.use.snippet[:80]}")
    items.append(ComplianceItem(
        "call-logs", "review" if logs else "not-found",
        "Call logs are written with saveLog (usually Task records); Voice keeps call data on VoiceCall — decide "
        "where logs live and who can read them." if logs else "No call logging found in the adapter.", logs))
    pops = [f"{c.use.file}:{c.use.line} — {c.use.api}" + (f" ({c.use.variant})" if c.use.variant else "")
            for c in conversions if "screen-pops" in codemod_for(c.use.api).compliance]
    items.append(ComplianceItem(
        "screen-pops", "review" if pops else "not-found",
        "Screen pops display record data to the agent: review them for minimum-necessary access." if pops else
        "No screen pops found.", pops))
    retention, secrets = [], []
    for path, definition in call_centers:
        for item in definition.items:
            text = f"{item.section}/{item.name}"
            if RETENTION.search(item.name) or RETENTION.search(item.label or ""):
                retention.append(f"{path} — {text} = {item.value}")
            if is_secret(item.name, item.value):
                secrets.append(f"{path} — {text} = {mask(item.value.strip())}")
    items.append(ComplianceItem(
        "retention", "review" if retention else "not-found",
        "Retention-related settings in the call center file: carry the policy into the contact center and "
        "recording storage." if retention else "No retention-related settings in the call center file.",
        retention))
    masked_token = re.compile(r"\S+…\(\d+ chars\)")
    for path, text in sorted(sources.items()):
        known = {m for s in secrets for m in masked_token.findall(s)}
        secrets += [hit for hit in find_secrets(path, text) if not set(masked_token.findall(hit)) & known]
    items.append(ComplianceItem(
        "credentials", "found" if secrets else "not-found",
        "Credentials or tokens are hard-coded (values masked): move them to Named Credentials or the vendor's "
        "secret store before migrating." if secrets else "No hard-coded credentials or tokens found.", secrets))
    return items


# ---------------------------------------------------------------------------------------- adapters
def adapter_roots(paths: list[str], reports: list[FileReport]) -> list[tuple[str, list[str]]]:
    """Group scanned files into adapters: (adapter name, its file paths).

    A folder given on the command line is one adapter when it holds Open CTI files itself, when only
    one sub-folder does, or when its sub-folders are the usual parts of one project (src, pages,
    staticresources, callCenters, aura, ...); otherwise each sub-folder with Open CTI files is an
    adapter. A file given on the command line is its own adapter.
    """
    relevant = [r.path for r in reports if r.uses or r.call_center or r.script_loads or r.status == "unsupported"]
    parts_of_one = {"src", "lib", "js", "public", "static", "dist", "build", "views", "templates", "modules", "pages",
                    "classes", "staticresources", "callcenters", "aura", "lwc", "components", "resources", "externs",
                    "assets", "scripts", "app", "www", "web", "force-app", "main", "default", "client", "server"}
    groups: dict[str, list[str]] = {}
    for arg in paths:
        base = display_path(os.path.normpath(arg).replace(os.sep, "/"))  # as scan shows paths
        if base == ".":  # the current folder: scan shows its files without a "./" in front
            prefix = ""
            inside = [p for p in relevant if not p.startswith("../") and not os.path.isabs(p)]
        else:
            prefix = base.rstrip("/") + "/"
            inside = [p for p in relevant if p == base or p.startswith(prefix)]
        if not os.path.isdir(arg):
            if inside:
                groups.setdefault(base, []).extend(inside)
            continue
        direct = [p for p in inside if "/" not in p[len(prefix):]]
        children = sorted({p[len(prefix):].split("/", 1)[0] for p in inside if p not in direct})
        if direct or len(children) <= 1 or all(c.lower() in parts_of_one for c in children):
            if inside:
                groups.setdefault(base, []).extend(inside)
        else:
            for child in children:
                root = prefix + child
                groups.setdefault(root, []).extend(p for p in inside if p.startswith(root + "/"))
    return [(root, sorted(set(files))) for root, files in sorted(groups.items())]
