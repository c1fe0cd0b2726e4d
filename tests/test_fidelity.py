"""The behavioural fidelity test (issue 11): the converted Voice component does what the legacy adapter did,
or the conversion report says it does not.

For every corpus adapter with a `scenario.json`, the adapter is converted in-process (ctimod.convert) and
written to disk, then both sides run the same scenario:

* legacy: tests/node/legacy-effects.cjs runs the adapter's own scripts in jsdom with labelled doubles of
  Open CTI and of its vendor (each Salesforce effect carries `source.at`, the file:line of the Open CTI
  call that made it);
* converted: tests/node/lwc-effects.cjs compiles the generated LWC with @lwc/compiler, bundles it with
  esbuild, mounts it with the LWC engine (@lwc/engine-dom) in jsdom, with labelled recording doubles of
  `lightning/*` and `@salesforce/apex/*`, and delivers the scenario as Voice toolkit events.

The effects on Salesforce (page reference navigated to, record created/updated with its fields, Apex
class.method(params), phone search, utility bar, refresh, Lightning message) are compared phase by phase:

* a converted effect the legacy side did not have, or had with another page reference, other fields or
  other parameters, is a WRONG conversion: the test fails and names the generated code and the Open CTI
  calls converted into it;
* a converted effect equal to a legacy one except for arguments it lost, and a legacy effect the
  converted side does not have, are accepted only when the conversion responsible for the legacy call
  (found by its file:line in migration.json's `conversions`) is flagged, with a reason: safety manual,
  drop or invalid, status failed, or a location that says "(nothing calls it yet)".

The accepted divergences are read from each bundle's own migration.json; nothing about an adapter is
written here except the adapters today's converter gets wrong (strict xfails naming the defect).
Telephony (vendor calls, the connector) is compared elsewhere (issue 13); here a telephony action of the
converted component (a Voice toolkit method) only counts as invented when the legacy adapter asked its
vendor for nothing in that phase.
"""

from __future__ import annotations

import json
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from ctimod.convert import ConvertOptions, bundle_files, convert
from ctimod.write import write_bundle

from .conftest import CORPUS, ROOT
from .node_support import TEST_SCRIPTS, require_node, run_node

pytestmark = pytest.mark.node
SCENARIOS = sorted(p.parent.name for p in CORPUS.glob("*/scenario.json"))
UI_EFFECTS = ("navigate", "record", "apex", "search", "utilityBar", "refresh", "publish")
FLAGGED_SAFETY = {"manual", "drop", "invalid"}
NOTHING_CALLS_IT = "(nothing calls it yet)"
THROWS_UNTIL = "(throws until the component has "  # the method uses names the component does not define

# Adapters today's converter gets wrong: each reason names the defect the comparison finds. strict=True:
# the case fails as soon as the converter is fixed, so the entry is removed then.
# "Nothing calls it" below: the report says review/converted into a generated method no toolkit event
# calls (the call is commented out as a TODO), and the row's location does not say "(nothing calls it yet)".
WRONG_TODAY: dict[str, str] = {}


# --------------------------------------------------------------------------------------------- running


def _convert_and_write(adapter: str, root: Path) -> tuple[Path, dict]:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = convert([f"corpus/{adapter}"], ConvertOptions())
        files = bundle_files(result)
    finally:
        os.chdir(cwd)
    out = root / adapter
    write_bundle(str(out), [(f.path, f.content) for f in files], [])
    return out, json.loads((out / "migration.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Both sides of every scenario: {adapter: {"legacy", "converted", "report", "bundle"}}.

    One Node process runs every converted component; the legacy runs (one process per adapter, mostly
    waiting on the scenario's settle times) go three at a time beside it.
    """
    require_node()
    root = tmp_path_factory.mktemp("fidelity")
    out: dict[str, dict] = {}
    jobs = []
    for adapter in SCENARIOS:
        try:
            bundle, report = _convert_and_write(adapter, root)
        except Exception as exc:  # a converter crash is this adapter's failure, not every adapter's
            out[adapter] = {"problem": f"ctimod convert failed: {type(exc).__name__}: {exc}"}
            continue
        out[adapter] = {"bundle": bundle, "report": report}
        jobs.append({"name": adapter, "bundle": str(bundle), "adapter": str(CORPUS / adapter)})
    (root / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    with ThreadPoolExecutor(max_workers=3) as pool:
        converted = pool.submit(run_node, TEST_SCRIPTS / "lwc-effects.cjs", "--jobs", root / "jobs.json",
                                timeout=900)
        legacy = {job["name"]: pool.submit(run_node, TEST_SCRIPTS / "legacy-effects.cjs", CORPUS / job["name"],
                                           timeout=300) for job in jobs}
        results = converted.result()["results"]
        for name, future in legacy.items():
            out[name]["legacy"] = future.result()
            out[name]["converted"] = results.get(name, {"fatal": "the converted runner returned nothing"})
    return out


# --------------------------------------------------------------------------------------------- comparing


def _stringified(values):
    return {k: "" if v is None else (v if isinstance(v, str) else json.dumps(v) if isinstance(v, (dict, list))
                                     else str(v).lower() if isinstance(v, bool) else str(v))
            for k, v in (values or {}).items()}


def comparable(effect: dict) -> dict:
    """What an effect did, without where (phase, source) it came from.

    Two documented equivalences: a record create page receives every default field value as text
    (lightning/pageReferenceUtils: "Field type isn't preserved"), and an update names its record by Id
    (the object Open CTI's saveLog was told is not sent by updateRecord).
    """
    out = {k: v for k, v in effect.items() if k not in ("phase", "source")}
    reference = out.get("pageReference")
    if isinstance(reference, dict) and isinstance(reference.get("state"), dict) \
            and isinstance(reference["state"].get("defaultFieldValues"), dict):
        state = dict(reference["state"], defaultFieldValues=_stringified(reference["state"]["defaultFieldValues"]))
        out["pageReference"] = dict(reference, state=state)
    if out.get("effect") == "record" and out.get("operation") == "update":
        out.pop("apiName", None)
    return out


def _within(part, whole) -> bool:
    """`part` is `whole` with some dictionary entries left out (arguments lost), nothing changed."""
    if isinstance(part, dict) and isinstance(whole, dict):
        return all(k in whole and _within(v, whole[k]) for k, v in part.items())
    return part == whole


def _adapter_relative(file: str, adapter: str) -> str:
    text = str(file).replace("\\", "/")
    for prefix in (f"{CORPUS.as_posix()}/{adapter}/", f"corpus/{adapter}/", f"./corpus/{adapter}/"):
        if text.startswith(prefix):
            return text[len(prefix):]
    return text


def responsible(report: dict, adapter: str, source: dict) -> list[dict]:
    """The conversions of the Open CTI call that made a legacy effect (by file:line, then by member)."""
    at = (source or {}).get("at")
    if not at:
        return []
    file, _, line = at.rpartition(":")
    rows = [c for c in report.get("conversions", [])
            if _adapter_relative(c.get("file", ""), adapter) == file and str(c.get("line")) == line]
    same_member = [c for c in rows if c.get("api") == source.get("api")]
    return same_member or rows


def flag_reason(row: dict) -> str | None:
    """Why the report says this conversion does not (yet) do what the legacy call did, or None.

    A manual, drop, invalid or failed conversion needs its reason (or TODO); a location that says
    "(nothing calls it yet)" or "(throws until the component has <names>)" is its own reason.
    """
    reason = row.get("reason") or row.get("todo")
    if reason and row.get("safety") in FLAGGED_SAFETY:
        return f"{row['safety']}: {reason}"
    if reason and row.get("status") == "failed":
        return f"failed: {reason}"
    if NOTHING_CALLS_IT in (row.get("location") or "") or THROWS_UNTIL in (row.get("location") or ""):
        return f"{row.get('location')}" + (f": {reason}" if reason else "")
    return None


def _describe(effect: dict) -> str:
    return json.dumps(comparable(effect), sort_keys=True)


def _row(row: dict, adapter: str) -> str:
    return (f"{row.get('api')} at {_adapter_relative(row.get('file', ''), adapter)}:{row.get('line')} "
            f"[{row.get('safety')}/{row.get('status')}] -> {row.get('location') or 'nowhere'}")


def _generated_in(report: dict, source: dict) -> list[dict]:
    """The conversions placed in the generated methods a converted effect came from."""
    names = {frame.split(" (")[0] for frame in (source or {}).get("at", []) if " (" in frame}
    return [c for c in report.get("conversions", [])
            if any((c.get("location") or "").endswith(f": {name}()") for name in names)]


def compare(adapter: str, legacy: dict, converted: dict, report: dict) -> dict:
    """{"matched", "flagged", "wrong", "unflagged"}: every legacy and converted UI effect in one of them."""
    outcome = {"matched": [], "flagged": [], "wrong": [], "unflagged": []}
    phases = []
    for effect in legacy["effects"] + converted["effects"]:
        if effect["effect"] in UI_EFFECTS and effect["phase"] not in phases:
            phases.append(effect["phase"])
    for effect in converted["effects"]:
        if effect["effect"] == "toolkit" and not any(e["effect"] == "vendor" and e["phase"] == effect["phase"]
                                                     for e in legacy["effects"]):
            outcome["wrong"].append(f"{effect['phase']}: the converted component called the Voice toolkit's "
                                    f"{effect.get('method')}({effect.get('args')}) (at {effect['source'].get('at')}); "
                                    f"the legacy adapter asked its vendor for nothing in this phase")
    for phase in phases:
        old = [e for e in legacy["effects"] if e["phase"] == phase and e["effect"] in UI_EFFECTS]
        new = [e for e in converted["effects"] if e["phase"] == phase and e["effect"] in UI_EFFECTS]
        left = list(old)
        partial = []
        unmatched = []
        for effect in new:
            twin = next((e for e in left if comparable(e) == comparable(effect)), None)
            if twin is not None:
                left.remove(twin)
                outcome["matched"].append(f"{phase}: {_describe(effect)}")
            else:
                unmatched.append(effect)
        for effect in unmatched:
            whole = next((e for e in left if e["effect"] == effect["effect"]
                          and _within(comparable(effect), comparable(e))), None)
            if whole is not None:
                left.remove(whole)
                partial.append((whole, effect))
                continue
            rows = _generated_in(report, effect.get("source"))
            outcome["wrong"].append(
                f"{phase}: the converted component made {_describe(effect)} "
                f"(via {effect['source'].get('api')}, at {' <- '.join(effect['source'].get('at') or ['?'])}); "
                f"the legacy adapter made no such effect in this phase"
                + (f" (it made {'; '.join(_describe(e) for e in old)})" if old else "")
                + f". Open CTI calls converted into that code: {'; '.join(_row(r, adapter) for r in rows) or 'none'}")
        for whole, part in [(e, None) for e in left] + partial:
            rows = responsible(report, adapter, whole.get("source"))
            reasons = [r for r in (flag_reason(row) for row in rows) if r]
            what = (f"{phase}: {whole['source'].get('api')} at {whole['source'].get('at') or '?'} made "
                    f"{_describe(whole)}; the converted component "
                    + (f"made only {_describe(part)}" if part else "did not"))
            if reasons:
                outcome["flagged"].append(f"{what} -- flagged: {reasons[0]}")
            else:
                said = "; ".join(_row(r, adapter) for r in rows) or "no conversion is reported for that call"
                outcome["unflagged"].append(f"{what}, and the report does not say so ({said})")
    return outcome


# --------------------------------------------------------------------------------------------- tests


def test_at_least_20_adapters_are_compared():
    assert len(SCENARIOS) >= 20, SCENARIOS


@pytest.mark.parametrize("adapter", [
    pytest.param(a, marks=pytest.mark.xfail(strict=True, reason=WRONG_TODAY[a])) if a in WRONG_TODAY else a
    for a in SCENARIOS])
def test_the_converted_component_does_what_the_legacy_adapter_did_or_says_why_not(runs, adapter):
    run = runs[adapter]
    assert "problem" not in run, run.get("problem")
    assert "fatal" not in run["converted"], f"the converted component did not run: {run['converted'].get('fatal')}"
    outcome = compare(adapter, run["legacy"], run["converted"], run["report"])
    problems = [f"WRONG {w}" for w in outcome["wrong"]] + [f"NOT FLAGGED {u}" for u in outcome["unflagged"]]
    errors = [f"{e['phase']}: {e['error']}" for e in run["converted"]["errors"]]
    assert problems == [], "\n".join(problems + [f"(converted-side error {e})" for e in errors])


APEX_IMPORT = re.compile(r"^import\s+[\w$]+\s+from\s+['\"]@salesforce/apex/(?:(\w+)\.)?(\w+)\.(\w+)['\"]", re.M)


def _apex_imports(bundle: Path) -> list[tuple[str, str]]:
    out = []
    for js in sorted(bundle.glob("force-app/main/default/lwc/*/*.js")):
        out += [(cls, method) for _ns, cls, method in APEX_IMPORT.findall(js.read_text(encoding="utf-8"))]
    return out


@pytest.mark.parametrize("adapter", SCENARIOS)
def test_every_apex_method_the_component_imports_is_in_the_bundle(runs, adapter):
    """An `@salesforce/apex/<Class>.<method>` import deploys only with an @AuraEnabled <method> in <Class>.cls."""
    run = runs[adapter]
    assert "problem" not in run, run.get("problem")
    missing = []
    for cls, method in _apex_imports(run["bundle"]):
        source = run["bundle"] / "force-app" / "main" / "default" / "classes" / f"{cls}.cls"
        text = source.read_text(encoding="utf-8") if source.is_file() else ""
        if not re.search(rf"@AuraEnabled[^;{{]*?\bstatic\b[^;{{(]*\b{method}\s*\(", text):
            missing.append(f"@salesforce/apex/{cls}.{method}" + ("" if text else f" (no classes/{cls}.cls)"))
    assert missing == []


# --------------------------------------------------------------------------------------------- the comparison itself

LEGACY_SCRIPT = """\
Phone.on('ringing', function (call) {
    sforce.opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: '003000000000001AAA' } });
});
Phone.on('ended', function (call) {
    sforce.opencti.saveLog({ value: { entityApiName: 'Task', Subject: 'Call ' + call.from, CallObject: call.id } });
    sforce.opencti.runApex({ apexClass: 'Audit', methodName: 'note', methodParams: 'id=' + call.id });
});
"""
FAITHFUL_LWC = """\
import { LightningElement } from 'lwc';
import { NavigationMixin } from 'lightning/navigation';
import { createRecord } from 'lightning/uiRecordApi';
import note from '@salesforce/apex/AuditVoice.note';

export default class Faithful extends NavigationMixin(LightningElement) {
    caller;

    renderedCallback() {
        if (this.toolkit) {
            return;
        }
        this.toolkit = this.template.querySelector('lightning-service-cloud-voice-toolkit-api');
        this.toolkit.addEventListener('callstarted', (event) => this.popCaller(event.detail));
        this.toolkit.addEventListener('callended', (event) => this.logCall(event.detail));
    }

    popCaller(detail) {
        this.caller = detail.participant;
        this[NavigationMixin.Navigate]({ type: 'standard__recordPage', attributes: { recordId: '003000000000001AAA', actionName: 'view' } });
    }

    logCall(detail) {
        createRecord({ apiName: 'Task', fields: { Subject: 'Call ' + this.caller, CallObject: detail.callId } });
        note({ id: detail.callId });
    }
}
"""
AUDIT_WRAPPER = """\
public with sharing class AuditVoice {
    @AuraEnabled
    public static String note(String id) {
        return Audit.note(id);
    }
}
"""


def _line(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


VARIANTS = {
    "faithful": FAITHFUL_LWC,
    "changed-field": FAITHFUL_LWC.replace("CallObject: detail.callId", "CallObject: 'VC-' + detail.callId"),
    "field-left-out": FAITHFUL_LWC.replace(", CallObject: detail.callId", ""),
    "apex-left-out": FAITHFUL_LWC.replace("        note({ id: detail.callId });\n", ""),
    "invented-apex": FAITHFUL_LWC.replace("this.caller = detail.participant;",
                                          "this.caller = detail.participant;\n        note({ id: 'early' });"),
}


def _report(runapex_safety: str, runapex_location: str = "logCall()") -> dict:
    where = "force-app/main/default/lwc/faithful/faithful.js"
    rows = [("sforce.opencti.screenPop", "screenPop({", "review", f"{where}: popCaller()"),
            ("sforce.opencti.saveLog", "saveLog({", "review", f"{where}: logCall()"),
            ("sforce.opencti.runApex", "runApex({", runapex_safety, f"{where}: {runapex_location}")]
    return {"conversions": [{"file": "a.js", "line": _line(LEGACY_SCRIPT, needle), "api": api, "safety": safety,
                             "status": "converted", "location": location,
                             "todo": "Check the Apex parameters." if safety == "review" else None,
                             "reason": "the Apex method is not @AuraEnabled" if safety == "manual" else None}
                            for api, needle, safety, location in rows]}


@pytest.fixture(scope="module")
def control(tmp_path_factory):
    """A small legacy adapter and hand-written conversions of it (faithful, and each kind of mistake), run
    once each: {"legacy": effects, variant: converted effects}."""
    require_node()
    root = tmp_path_factory.mktemp("control")
    adapter = root / "adapter"
    adapter.mkdir()
    (adapter / "a.js").write_text(LEGACY_SCRIPT, encoding="utf-8")
    (adapter / "scenario.json").write_text(json.dumps({
        "scripts": ["a.js"], "vendor": {"globals": ["Phone"]},
        "steps": [{"do": "fire", "handler": "Phone.on:ringing", "args": [{"id": "c1", "from": "+15551234567"}],
                   "phase": "incoming", "voice": {"event": "callstarted", "callId": "c1", "callType": "inbound",
                                                  "participant": "+15551234567"}},
                  {"do": "fire", "handler": "Phone.on:ended", "args": [{"id": "c1", "from": "+15551234567"}],
                   "phase": "ended", "voice": {"event": "callended"}}]}), encoding="utf-8")
    jobs = []
    for name, lwc in VARIANTS.items():
        component = root / name / "force-app" / "main" / "default" / "lwc" / "faithful"
        component.mkdir(parents=True)
        (component / "faithful.js").write_text(lwc, encoding="utf-8")
        (component / "faithful.html").write_text(
            "<template><lightning-service-cloud-voice-toolkit-api></lightning-service-cloud-voice-toolkit-api>"
            "</template>\n", encoding="utf-8")
        classes = root / name / "force-app" / "main" / "default" / "classes"
        classes.mkdir(parents=True)
        (classes / "AuditVoice.cls").write_text(AUDIT_WRAPPER, encoding="utf-8")
        jobs.append({"name": name, "bundle": str(root / name), "adapter": str(adapter)})
    (root / "jobs.json").write_text(json.dumps(jobs), encoding="utf-8")
    out = run_node(TEST_SCRIPTS / "lwc-effects.cjs", "--jobs", root / "jobs.json")["results"]
    out["legacy"] = run_node(TEST_SCRIPTS / "legacy-effects.cjs", adapter)
    for name, result in out.items():
        assert "fatal" not in result and result["errors"] == [], (name, result)
    return out


def _compare(control, variant: str, runapex_safety: str = "review", runapex_location: str = "logCall()") -> dict:
    return compare("adapter", control["legacy"], control[variant], _report(runapex_safety, runapex_location))


def test_a_faithful_conversion_matches_effect_for_effect(control):
    outcome = _compare(control, "faithful")
    assert outcome["wrong"] == [] and outcome["unflagged"] == [] and outcome["flagged"] == []
    assert len(outcome["matched"]) == 3  # the pop, the Task and the Apex call through the @AuraEnabled wrapper
    assert any('"class": "Audit"' in m and '"params": {"id": "c1"}' in m for m in outcome["matched"])


def test_a_changed_field_is_a_wrong_conversion_named_by_its_open_cti_call(control):
    outcome = _compare(control, "changed-field")
    assert len(outcome["wrong"]) == 1
    assert '"CallObject": "VC-c1"' in outcome["wrong"][0]
    assert "sforce.opencti.saveLog at a.js:5" in outcome["wrong"][0]  # the Open CTI call converted into logCall()
    assert len(outcome["unflagged"]) == 1 and "sforce.opencti.saveLog at a.js:5" in outcome["unflagged"][0]


def test_a_field_left_out_is_a_lost_argument(control):
    outcome = _compare(control, "field-left-out")
    assert outcome["wrong"] == []
    assert len(outcome["unflagged"]) == 1 and "made only" in outcome["unflagged"][0]


def test_a_lost_effect_passes_only_when_its_conversion_is_flagged(control):
    flagged = _compare(control, "apex-left-out", runapex_safety="manual")
    assert flagged["wrong"] == [] and flagged["unflagged"] == []
    assert len(flagged["flagged"]) == 1 and "manual: the Apex method is not @AuraEnabled" in flagged["flagged"][0]
    unflagged = _compare(control, "apex-left-out", runapex_safety="review")
    assert len(unflagged["unflagged"]) == 1 and "sforce.opencti.runApex at a.js:6" in unflagged["unflagged"][0]
    unwired = _compare(control, "apex-left-out", runapex_safety="review", runapex_location="audit() (nothing calls it yet)")
    assert unwired["unflagged"] == [] and len(unwired["flagged"]) == 1 and NOTHING_CALLS_IT in unwired["flagged"][0]


def test_an_invented_effect_is_a_wrong_conversion(control):
    outcome = _compare(control, "invented-apex")
    assert len(outcome["wrong"]) == 1 and '"params": {"id": "early"}' in outcome["wrong"][0]
    assert "popCaller" in outcome["wrong"][0]


# --------------------------------------------------------------------------------------------- response shapes


def _convert_and_compare(tmp_path, script: str, scenario: dict) -> dict:
    """A small legacy adapter (a.js) converted by ctimod, both sides run on the same scenario, compared."""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "a.js").write_text(script, encoding="utf-8")
    (adapter / "scenario.json").write_text(json.dumps({"scripts": ["a.js"]} | scenario), encoding="utf-8")
    result = convert([str(adapter)], ConvertOptions())
    bundle = tmp_path / "bundle"
    write_bundle(str(bundle), [(f.path, f.content) for f in bundle_files(result)], [])
    (tmp_path / "jobs.json").write_text(json.dumps([{"name": "adapter", "bundle": str(bundle),
                                                     "adapter": str(adapter)}]), encoding="utf-8")
    converted = run_node(TEST_SCRIPTS / "lwc-effects.cjs", "--jobs", tmp_path / "jobs.json")["results"]["adapter"]
    legacy = run_node(TEST_SCRIPTS / "legacy-effects.cjs", adapter)
    report = json.loads((bundle / "migration.json").read_text(encoding="utf-8"))
    return compare("adapter", legacy, converted, report) | {"converted": converted, "legacy": legacy}


def test_a_classic_save_log_callback_gets_the_new_record_id_where_open_cti_put_it(tmp_path):
    """Classic saveLog answered { result, id, error }: the callback that opens the Task it logged reads
    `response.id`. Before, the converted callback got { result: { result: true, id }, error } and popped a
    record page of `undefined`."""
    require_node()
    outcome = _convert_and_compare(tmp_path, """\
Phone.on('ended', function (call) {
    sforce.interaction.saveLog('Task', 'Subject=Call&CallObject=' + call.id, function (response) {
        if (response.result) {
            sforce.interaction.screenPop('/' + response.id, true);
        }
    });
});
""", {"families": ["classic"], "vendor": {"globals": ["Phone"]},
       "steps": [{"do": "fire", "handler": "Phone.on:ended", "args": [{"id": "c1"}], "phase": "ended",
                  "voice": {"event": "callended", "callId": "c1"}}]})
    assert outcome["legacy"]["errors"] == [], outcome["legacy"]["errors"]
    assert outcome["converted"]["errors"] == [], outcome["converted"]["errors"]
    assert outcome["wrong"] == [] and outcome["unflagged"] == [], outcome["wrong"] + outcome["unflagged"]
    pops = [m for m in outcome["matched"] if '"effect": "navigate"' in m]
    assert len(pops) == 1 and '"recordId": "00TDBL000000000001"' in pops[0], outcome["matched"]
    assert any('"effect": "record"' in m and '"CallObject": "c1"' in m for m in outcome["matched"])


@pytest.mark.parametrize("query,fields", [
    ("'Subject=Call' + (call.id ? '&CallObject=' + call.id : '')", '"fields": {"CallObject": "c1", "Subject": "Call"}'),
    ("'Subject=Call ' + (call.id ? call.id : 'unknown') + '&Description=' + call.id.length + call.id.length",
     '"fields": {"Description": "22", "Subject": "Call c1"}'),
], ids=["field-added-at-run-time", "parenthesised-and-adjacent-parts"])
def test_a_classic_save_log_query_string_gives_the_fields_the_legacy_string_gave(tmp_path, query, fields):
    """The query string is read into a fields object at conversion time only where that is what it held at
    run time. Before: a part that adds its own '&CallObject=' field became part of the Subject (and the
    field was lost), `'Subject=Call ' + (id ? id : 'unknown')` lost its parentheses (Subject 'c1'), and
    `'...=' + a + b` summed a and b where the string joined them ('22', not 4)."""
    require_node()
    outcome = _convert_and_compare(tmp_path, f"""\
Phone.on('ended', function (call) {{
    sforce.interaction.saveLog('Task', {query}, function (response) {{}});
}});
""", {"families": ["classic"], "vendor": {"globals": ["Phone"]},
       "steps": [{"do": "fire", "handler": "Phone.on:ended", "args": [{"id": "c1"}], "phase": "ended",
                  "voice": {"event": "callended", "callId": "c1"}}]})
    assert outcome["legacy"]["errors"] == [] and outcome["converted"]["errors"] == []
    assert outcome["wrong"] == [] and outcome["unflagged"] == [] and outcome["flagged"] == [], outcome
    records = [m for m in outcome["matched"] if '"effect": "record"' in m]
    assert len(records) == 1 and fields in records[0], outcome["matched"]


@pytest.mark.parametrize("callback", [
    "function (response) { if (response.result) { sforce.interaction.refreshPage(); } }",
    "popped",
], ids=["function-expression", "declared-function"])
def test_a_classic_screen_pop_callback_given_second_still_runs(tmp_path, callback):
    """screenPop(url, callback), the Classic form before API 28.0 added `force`: Open CTI called the second
    argument when it was a function. Before, the converted pop dropped it, and the refreshPage() in it never ran
    while its row said it was converted into the same method."""
    require_node()
    outcome = _convert_and_compare(tmp_path, f"""\
function popped(response) {{ if (response.result) {{ sforce.interaction.refreshPage(); }} }}
Phone.on('ringing', function (call) {{
    sforce.interaction.screenPop('/' + call.id, {callback});
}});
""", {"families": ["classic"], "vendor": {"globals": ["Phone"]},
       "steps": [{"do": "fire", "handler": "Phone.on:ringing", "args": [{"id": "003000000000001AAA"}],
                  "phase": "ringing", "voice": {"event": "callstarted", "callId": "003000000000001AAA",
                                                "callType": "inbound", "participant": "+15551234567"}}]})
    assert outcome["legacy"]["errors"] == [] and outcome["converted"]["errors"] == []
    assert outcome["wrong"] == [] and outcome["unflagged"] == [] and outcome["flagged"] == [], outcome
    assert sorted(m.split('"effect": "')[1].split('"')[0] for m in outcome["matched"]) == ["navigate", "refresh"]


# Phone.on('ringing') fires for an inbound call, which Voice announces as callstarted.
RINGING = {"do": "fire", "handler": "Phone.on:ringing", "args": [{"id": "003000000000001AAA"}], "phase": "ringing",
           "voice": {"event": "callstarted", "callId": "003000000000001AAA", "callType": "inbound",
                     "participant": "+15551234567"}}


def _ui_effects(outcome) -> tuple[list, list]:
    """The effects on Salesforce's UI of each side, in order (after checking that neither side threw)."""
    assert outcome["legacy"]["errors"] == [] and outcome["converted"]["errors"] == [], outcome
    return tuple([e["effect"] for e in outcome[side]["effects"] if e["effect"] in UI_EFFECTS]
                 for side in ("legacy", "converted"))


def test_a_classic_callback_that_tells_success_by_an_undefined_error_takes_its_success_path(tmp_path):
    """Classic Open CTI left `error` undefined on success (the Open CTI guide's Classic pages: "If the API call was
    successful, this variable is undefined"; reference §2.1 names the response { result, error }). A callback that
    tests `response.error === undefined` pops the caller after setVisible succeeds, on both sides. Before, the
    converted callback got `error: null` and logged a failure Task instead of popping."""
    require_node()
    outcome = _convert_and_compare(tmp_path, """\
Phone.on('ringing', function (call) {
    sforce.interaction.setVisible(true, function (response) {
        if (response.error === undefined) {
            sforce.interaction.screenPop('/' + call.id, true);
        } else {
            sforce.interaction.saveLog('Task', 'Subject=Softphone unavailable&CallObject=' + call.id, function () {});
        }
    });
});
""", {"families": ["classic"], "vendor": {"globals": ["Phone"]},
       "steps": [RINGING]})
    legacy, converted = _ui_effects(outcome)
    assert legacy == ["utilityBar", "navigate"], outcome["legacy"]["effects"]  # the success path: the pop
    assert converted == ["utilityBar", "navigate"], outcome["converted"]["effects"]
    assert outcome["wrong"] == [] and outcome["unflagged"] == [], outcome


def test_a_classic_callback_tells_a_failure_by_the_result_open_cti_gave_it(tmp_path):
    """Classic setVisible answered in `result` whether it worked (a boolean: reference §2.2), so a failure was
    {result: false, error}. The legacy callback logs a Task when result is false and otherwise pops the caller.
    Both sides fail here (Open CTI could not show the softphone; the converted component is not a utility item, so
    open() rejects): the legacy callback logged, and so does the converted one. Before, the converted callback got
    {result: null, error}: `null === false` is false, so it popped the caller as if the softphone had opened."""
    require_node()
    outcome = _convert_and_compare(tmp_path, """\
Phone.on('ringing', function (call) {
    sforce.interaction.setVisible(true, function (response) {
        if (response.result === false) {
            sforce.interaction.saveLog('Task', 'Subject=Softphone unavailable&CallObject=' + call.id, function () {});
        } else {
            sforce.interaction.screenPop('/' + call.id, true);
        }
    });
});
""", {"families": ["classic"], "vendor": {"globals": ["Phone"]}, "utility": False,
       "fail": {"setVisible": "the softphone is not available"},
       "steps": [RINGING]})
    legacy, converted = _ui_effects(outcome)
    assert legacy == ["record"], outcome["legacy"]["effects"]  # the legacy callback took its failure path
    # the converted component tried to open its utility panel (the double records the rejected open), then its
    # callback took the same failure path: the same Task, and no pop
    assert converted == ["utilityBar", "record"], outcome["converted"]["effects"]
    assert [m for m in outcome["matched"] if '"effect": "record"' in m and "Softphone unavailable" in m], outcome
    assert outcome["unflagged"] == [] and not [w for w in outcome["wrong"] if "utilityBar" not in w], outcome


def test_a_classic_save_log_field_named_in_another_case_reaches_the_same_field(tmp_path):
    """As the development set's client-acd does: a Classic saveLog whose query string, built at run time, names
    'whoId' and 'Activitydate'. Open CTI (as the SOAP API) reads field names in any case, so the Task got WhoId
    and ActivityDate; the converted component gives createRecord the API names (Task's standard fields by a fixed
    map; 'Custom_Note__c' as written). Before, createRecord received 'whoId' and 'Activitydate'."""
    require_node()
    outcome = _convert_and_compare(tmp_path, """\
Phone.on('ended', function (call) {
    sforce.interaction.saveLog('Task', 'subject=Call&Activitydate=2026-12-02' +
        (call.id ? '&whoId=003000000000001AAA' : '') + '&Custom_Note__c=' + call.id, function (response) {});
});
""", {"families": ["classic"], "vendor": {"globals": ["Phone"]},
       "steps": [{"do": "fire", "handler": "Phone.on:ended", "args": [{"id": "c1"}], "phase": "ended",
                  "voice": {"event": "callended", "callId": "c1"}}]})
    assert outcome["legacy"]["errors"] == [] and outcome["converted"]["errors"] == []
    assert outcome["wrong"] == [] and outcome["unflagged"] == [], outcome["wrong"] + outcome["unflagged"]
    records = [m for m in outcome["matched"] if '"effect": "record"' in m]
    assert len(records) == 1, outcome["matched"]
    assert ('"fields": {"ActivityDate": "2026-12-02", "Custom_Note__c": "c1", "Subject": "Call", '
            '"WhoId": "003000000000001AAA"}') in records[0], records


def test_a_custom_field_named_in_another_case_than_its_api_name_is_flagged(tmp_path):
    """A custom field is not in the fixed map of Task / Event standard names, so its case cannot be put right:
    one whose '__c' suffix the legacy code wrote in another case is named in the saveLog row's TODO (in
    migration.json and MIGRATION.md); standard names in another case are not (ctimodSaveRecord gives them
    their API names)."""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "a.js").write_text(
        "function logIt(id) {\n"
        "    sforce.interaction.saveLog('Task', 'whoId=' + id + '&Call_Result__C=done&Notes__c=x', function () {});\n"
        "}\n"
        "sforce.interaction.cti.onClickToDial(function (r) { logIt(r); });\n", encoding="utf-8")
    result = convert([str(adapter)], ConvertOptions())
    bundle = tmp_path / "bundle"
    write_bundle(str(bundle), [(f.path, f.content) for f in bundle_files(result)], [])
    rows = [c for c in json.loads((bundle / "migration.json").read_text(encoding="utf-8"))["conversions"]
            if c["api"] == "sforce.interaction.saveLog"]
    assert len(rows) == 1 and "'Call_Result__C': the legacy code named this custom field in another case" in rows[0]["todo"]
    assert "'Notes__c'" not in rows[0]["todo"] and "'whoId'" not in rows[0]["todo"]
    migration = (bundle / "MIGRATION.md").read_text(encoding="utf-8")
    assert "'Call_Result__C': the legacy code named this custom field in another case" in migration


def test_state_only_the_moved_handlers_use_travels_with_them_and_keeps_its_values(tmp_path):
    """A variable of the legacy page that only the moved handlers read and set (a count of the calls, the last
    caller) is their state: carried into the component with its start value, the Task the second handler logs
    holds what the first one stored, as on the legacy side. Before, each use threw on a stand-in (`legacy state
    and DOM code stay out of the component`) and the ended handler logged no Task."""
    require_node()
    outcome = _convert_and_compare(tmp_path, """\
var callsTaken = 0;
var lastCaller = null;
Phone.on('ringing', function (call) {
    callsTaken += 1;
    lastCaller = call.id;
    sforce.interaction.screenPop('/' + call.id, true);
});
Phone.on('ended', function (call) {
    sforce.interaction.saveLog('Task', 'Subject=Call ' + callsTaken + ' from ' + lastCaller + '&CallObject=' + call.id,
                               function () {});
});
""", {"families": ["classic"], "vendor": {"globals": ["Phone"]},
       "steps": [RINGING, {"do": "fire", "handler": "Phone.on:ended", "args": [{"id": "003000000000001AAA"}],
                           "phase": "ended", "voice": {"event": "callended", "callId": "003000000000001AAA"}}]})
    legacy, converted = _ui_effects(outcome)
    assert legacy == converted == ["navigate", "record"], outcome
    assert outcome["wrong"] == [] and outcome["unflagged"] == [], outcome
    assert [m for m in outcome["matched"] if '"Subject": "Call 1 from 003000000000001AAA"' in m], outcome["matched"]
@pytest.mark.parametrize("built", [False, True])
def test_a_lightning_save_log_field_named_in_another_case_is_named_in_the_todo(tmp_path, built):
    """Lightning saveLog's value names a Task's standard fields in another case than their API names ('whoid',
    'subject'). Whether Open CTI accepted that is not documented, so the converted component gives createRecord
    the names as written, the same record fields as the legacy call (both sides run), also for a value built at run
    time (ctimodSaveLog(); before, it was given WhoId / Subject: not what the legacy call sent); an object literal's
    such keys are named in the saveLog row's TODO with their API names, in migration.json and MIGRATION.md
    (before: nothing said). A key already in its API name's case (CallObject) is not named."""
    require_node()
    value = "{ entityApiName: 'Task', whoid: '003000000000001AAA', subject: 'Call', CallObject: call.id }"
    call = (f"var v = {value};\n    sforce.opencti.saveLog({{ value: v }});" if built else
            f"sforce.opencti.saveLog({{ value: {value} }});")
    outcome = _convert_and_compare(tmp_path, f"""\
Phone.on('ended', function (call) {{
    {call}
}});
""", {"families": ["lightning"], "vendor": {"globals": ["Phone"]},
       "steps": [{"do": "fire", "handler": "Phone.on:ended", "args": [{"id": "c1"}], "phase": "ended",
                  "voice": {"event": "callended", "callId": "c1"}}]})
    assert outcome["legacy"]["errors"] == [] and outcome["converted"]["errors"] == []
    assert outcome["wrong"] == [] and outcome["unflagged"] == [], outcome["wrong"] + outcome["unflagged"]
    records = [m for m in outcome["matched"] if '"effect": "record"' in m]
    assert len(records) == 1 and '"subject": "Call", "whoid": "003000000000001AAA"' in records[0], outcome
    if not built:
        report = json.loads((tmp_path / "bundle" / "migration.json").read_text(encoding="utf-8"))
        rows = [c for c in report["conversions"] if c["api"] == "sforce.opencti.saveLog"]
        said = "'whoid' (WhoId), 'subject' (Subject): the legacy code named these standard fields in another case"
        assert len(rows) == 1 and said in rows[0]["todo"] and "CallObject" not in rows[0]["todo"], rows
        assert said in (tmp_path / "bundle" / "MIGRATION.md").read_text(encoding="utf-8")
