"""The legacy side of the behavioural fidelity test (issue 11).

Each corpus adapter with a `scenario.json` is run in jsdom by tests/node/legacy-effects.cjs with
labelled test doubles of Open CTI (tests/node/opencti-double.cjs) and of its vendor's telephony
(tests/node/vendor-doubles.cjs). The scenario fires the vendor's events as the vendor would (a call
rings, is answered, ends; Salesforce click-to-dial) and the harness records every effect the legacy
code had: screen pops as the page reference Voice would navigate to, saveLog as a record create or
update, runApex as Apex class/method/params, searches, utility-bar changes, refreshes, and the
vendor calls it made. The expected effects in each scenario were written by hand from reading the
legacy code; a converted bundle must reproduce them (the converted side compares against the same
records: NavigationMixin page reference, createRecord/updateRecord fields, Apex class.method(params),
vendor call made by the connector's dial()/acceptCall()/endCall()/mute()/hold()).
"""

from __future__ import annotations

import json
import re
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from .conftest import CORPUS
from .node_support import NODE_JOBS, TEST_SCRIPTS, run_node, started

pytestmark = pytest.mark.node
SCENARIOS = sorted(p.parent.name for p in CORPUS.glob("*/scenario.json"))


def run_scenario(adapter_dir, scenario_file=None) -> dict:
    args = [adapter_dir] + ([scenario_file] if scenario_file else [])
    return run_node(TEST_SCRIPTS / "legacy-effects.cjs", *args, timeout=180)


def comparable(effects: list[dict]) -> list[dict]:
    """Everything but `source` (which legacy call made the effect) is compared."""
    return [{k: v for k, v in effect.items() if k != "source"} for effect in effects]


def load(adapter: str) -> dict:
    return json.loads((CORPUS / adapter / "scenario.json").read_text(encoding="utf-8"))


def test_at_least_20_corpus_adapters_have_a_scenario():
    assert len(SCENARIOS) >= 20, SCENARIOS


@pytest.mark.parametrize("adapter", SCENARIOS)
def test_every_scenario_drives_a_call_through_salesforce(adapter):
    scenario = load(adapter)
    expected = scenario["expected_legacy_effects"]
    kinds = {effect["effect"] for effect in expected}
    assert kinds & {"navigate", "search", "record"}, "the scenario neither pops nor logs"
    assert kinds & {"record", "apex", "vendor"}, "the scenario logs nothing and reaches no vendor"
    assert any(e["effect"] == "vendor" for e in expected) or "vendor" not in scenario, "the vendor is never reached"
    assert all("source" not in effect for effect in expected)
    assert scenario.get("description")


@pytest.fixture(scope="module")
def scenario_runs():
    """Every corpus scenario's legacy run, NODE_JOBS at a time (a run mostly waits on settle times)."""
    with ThreadPoolExecutor(max_workers=NODE_JOBS) as pool:
        yield started(pool, run_scenario, {adapter: (CORPUS / adapter,) for adapter in SCENARIOS})
        pool.shutdown(cancel_futures=True)


@pytest.mark.parametrize("adapter", SCENARIOS)
def test_the_legacy_adapter_has_the_effects_its_code_describes(scenario_runs, adapter):
    scenario = load(adapter)
    result = scenario_runs[adapter].result()
    allowed = [re.compile(pattern) for pattern in scenario.get("expected_errors", [])]
    unexpected = [e for e in result["errors"] if not any(p.search(e) for p in allowed)]
    assert unexpected == [], unexpected
    missing = [p.pattern for p in allowed if not any(p.search(e) for e in result["errors"])]
    assert missing == [], f"expected errors did not happen: {missing}"
    assert comparable(result["effects"]) == scenario["expected_legacy_effects"]


def test_the_harness_sees_a_changed_adapter(tmp_path):
    """A legacy adapter edited to log on WhatId instead of WhoId no longer matches its scenario."""
    copy = tmp_path / "twilio-client-classic"
    shutil.copytree(CORPUS / "twilio-client-classic", copy)
    script = copy / "public" / "js" / "agent-phone.js"
    script.write_text(script.read_text(encoding="utf-8").replace("'&WhoId='", "'&WhatId='"), encoding="utf-8")
    result = run_scenario(copy)
    records = [e for e in comparable(result["effects"]) if e["effect"] == "record"]
    assert records and "WhatId" in records[0]["fields"] and "WhoId" not in records[0]["fields"]
    assert comparable(result["effects"]) != load("twilio-client-classic")["expected_legacy_effects"]


def test_the_open_cti_double_rejects_undocumented_members(tmp_path):
    """Calling a member Open CTI does not have throws, as it would in Salesforce."""
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "a.js").write_text("sforce.opencti.onReady({callback: function () {}});\n"
                                  "sforce.opencti.screenPop({type: sforce.opencti.SCREENPOP_TYPE.URL,"
                                  " params: {url: '/apex/Wrapup'}});\n", encoding="utf-8")
    (adapter / "scenario.json").write_text(json.dumps({"scripts": ["a.js"]}), encoding="utf-8")
    result = run_scenario(adapter)
    assert any("onReady is not a function" in e for e in result["errors"])
    # The script stopped at the first statement, as a browser would.
    assert comparable(result["effects"]) == []
