"""The connector's hints (legacy functions whose names suggest a Voice method) are read once per plan: the
answer kept for a plan is that plan's, for the legacy files it has."""

from __future__ import annotations

from ctimod.analysis import analyse_adapter
from ctimod.legacy import forget_trees
from ctimod.plan import ConvertOptions, make_plan
from ctimod.render.connector import _vendor_hints


def _plan(folder, name: str, function: str):
    path = folder / name
    path.write_text(f"function {function}() {{ return 1; }}\nsforce.opencti.notifyInitializationComplete();\n")
    options = ConvertOptions()
    return make_plan([str(path)], analyse_adapter([str(path)], options.max_file_size), options)


def test_hints_are_the_plans_own(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    try:
        first = _plan(tmp_path / "a", "first.js", "hold")
        second = _plan(tmp_path / "b", "second.js", "transferCall")
        assert set(_vendor_hints(first)) == {"hold"}
        assert set(_vendor_hints(second)) == {"addParticipant"}
        assert set(_vendor_hints(first)) == {"hold"}  # (asked again: still its own)
        first.files = second.files  # the same plan with other legacy files
        assert set(_vendor_hints(first)) == {"addParticipant"}
        assert "second.js:1" in _vendor_hints(first)["addParticipant"]
    finally:
        forget_trees()


def _set_agent_status(tmp_path, source: str) -> tuple[str, str, str]:
    """The connector, its setAgentStatus method and MIGRATION.md of a one-file adapter (phone.js) converted."""
    from .conftest import run_cli

    adapter = tmp_path / "desk"
    adapter.mkdir()
    (adapter / "phone.js").write_text(source, encoding="utf-8")
    done = run_cli("convert", str(adapter), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    connector = (tmp_path / "out" / "connector" / "src" / "connector.js").read_text(encoding="utf-8")
    method = connector[connector.index("    setAgentStatus("):]
    return connector, method[:method.index("\n    }\n")], (tmp_path / "out" / "MIGRATION.md").read_text(encoding="utf-8")


def test_a_hint_says_it_was_matched_by_name_only(tmp_path):
    """A hint is a name match, not a reading of the code: the legacy setStatus() below only writes a status line,
    so the connector's setAgentStatus TODO must not say the legacy adapter set the agent's presence there."""
    connector, method, migration = _set_agent_status(tmp_path, (
        "function setStatus(text) {\n"
        "    document.getElementById('status').textContent = text;\n"
        "}\n"
        "sforce.opencti.enableClickToDial({callback: function () { setStatus('ready'); }});\n"))
    assert ("//   A legacy function whose name suggests it (ctimod matched the name, not what it does): "
            "setStatus() at phone.js:1.") in method
    assert "did this in" not in connector
    # (nothing in it changed the agent's state in a vendor: setAgentStatus keeps its success, and no row says so)
    assert "return Promise.resolve(new GenericResult({ success: true }));" in method and "ctimodTodo" not in method
    assert "setAgentStatus" not in migration


def test_a_worker_activity_update_without_a_recognised_vendor_is_named_by_set_agent_status(tmp_path):
    """A Twilio TaskRouter worker whose activity the legacy code updated, with no call control ctimod recognises
    as a vendor: setAgentStatus fails with the TODO naming that update, and MIGRATION.md (which has no vendor
    table to hold the row) says so where it lists the connector."""
    _, method, migration = _set_agent_status(tmp_path, (
        "var worker = new Twilio.TaskRouter.Worker(workerToken);\n"
        "function goAvailable() {\n"
        "    worker.update('ActivitySid', availableActivitySid, function () {});\n"
        "}\n"
        "sforce.opencti.enableClickToDial({callback: goAvailable});\n"))
    assert "return ctimodTodo(\"setAgentStatus\", " in method and "success: true }));" not in method.split("ctimodTodo")[-1]
    assert "a Twilio TaskRouter worker activity update (worker.update(...)) at phone.js:3" in method
    assert "## Vendor telephony" not in migration
    bullet = next(line for line in migration.splitlines() if line.startswith("- `connector/`"))
    assert ("`setAgentStatus()` fails with its TODO: the legacy adapter changed the agent's state in the vendor "
            "(a Twilio TaskRouter worker activity update (worker.update(...)) at phone.js:3)") in bullet


# A Classic desk softphone in the shape of a real one (jQuery, its own routing server): the agent's availability
# picker tells the server, directly and through a helper; a refresh button only reads the status, and the
# caller-id field posts something that is not a status.
DESK_PRESENCE = """\
var desk = { agent: 'agent-7', line: null };
desk.tellRouter = function (state) {
    $.ajax({ url: '/routing/agents/' + desk.agent, type: 'PUT', data: { state: state } });
};
$('#presence-picker .go-available').click(function () {
    desk.tellRouter('available');
});
$('#presence-picker').on('change', 'select.away-reason', function () {
    desk.tellRouter('away:' + $(this).val());
});
document.getElementById('status-menu').onchange = function (event) {
    fetch('/routing/presence', { method: 'POST', body: JSON.stringify({ presence: event.target.value }) });
};
$('#queue-stats button.refresh-status').click(function () {
    $.get('/routing/agents/' + desk.agent, function (state) { $('#queue-stats .state').text(state); });
    fetch('/routing/presence');
});
$('#caller-id').change(function () {
    $.post('/routing/caller-id', { number: $(this).val() });
});
sforce.interaction.cti.onClickToDial(function (response) {
    desk.line = JSON.parse(response.result).number;
});
"""


def test_a_status_control_telling_the_adapters_server_is_named_by_set_agent_status(tmp_path):
    """The legacy availability picker told the adapter's own routing server the agent's state ($.ajax PUT
    through a helper, a fetch POST): Salesforce calls setAgentStatus when Omni-Channel presence changes, and a
    success there would claim the server followed. setAgentStatus fails with the TODO naming each status
    control and its request (before: it returned success with a generic TODO); the status refresh (GETs) and
    the caller-id field (not a status control) are not named."""
    _, method, migration = _set_agent_status(tmp_path, DESK_PRESENCE)
    assert "return ctimodTodo(\"setAgentStatus\", " in method and "success: true }));" not in method.split("ctimodTodo")[-1]
    todo = method[method.index("TODO(ctimod): "):method.index("\n", method.index("TODO(ctimod): "))]
    assert "changed the agent's state in the vendor or on its own server" in todo
    assert ("a request to the adapter's server (desk.tellRouter(...) -> $.ajax(...), phone.js:3) from the click "
            "listener of the status control `$('#presence-picker .go-available')` at phone.js:5") in todo
    assert ("a request to the adapter's server (desk.tellRouter(...) -> $.ajax(...), phone.js:3) from the change "
            "listener of the status control `$('#presence-picker') select.away-reason` at phone.js:8") in todo
    assert ("a request to the adapter's server (fetch(...), phone.js:12) from the change listener of the status "
            "control `document.getElementById('status-menu')` at phone.js:11") in todo
    assert "phone.js:14" not in todo and "phone.js:18" not in todo
    bullet = next(line for line in migration.splitlines() if line.startswith("- `connector/`"))
    assert "`setAgentStatus()` fails with its TODO: the legacy adapter changed the agent's state in the vendor or " \
           "on its own server" in bullet


def test_status_controls_that_only_read_the_status_keep_set_agent_status(tmp_path):
    """Without the requests that set the state (only the refresh's GETs and the caller-id post are left),
    nothing changed the agent's state: setAgentStatus keeps its success and MIGRATION.md does not name it."""
    lines = DESK_PRESENCE.splitlines(keepends=True)
    source = "".join(lines[:4] + lines[13:])  # the helper, without the picker's listeners and the status menu
    _, method, migration = _set_agent_status(tmp_path, source)
    assert "return Promise.resolve(new GenericResult({ success: true }));" in method and "ctimodTodo" not in method
    assert "setAgentStatus" not in migration


# An Amazon Connect CCP softphone whose click-to-dial places the call with agent.connect: Streams tells whether
# the outbound contact was made only to the success / failure callbacks of its options.
CCP_DIAL = """\
connect.core.initCCP(document.getElementById('ccp-frame'), {
    ccpUrl: 'https://acme-desk.my.connect.aws/ccp-v2/', softphone: { allowFramedSoftphone: true }
});
var deskAgent = null;
connect.agent(function (agent) { deskAgent = agent; });
sforce.opencti.onClickToDial({ listener: function (payload) {
    var target = connect.Endpoint.byPhoneNumber(payload.number);
    deskAgent.connect(target, OPTIONS);
}});
"""


def test_dial_says_when_the_legacy_amazon_connect_did_not_observe_a_failure(tmp_path):
    """agent.connect(endpoint, {}) returns nothing and reports a refused contact only to a failure callback the
    legacy code did not pass: dial() still reports the call placed as the legacy code went on, and now says so
    in a TODO in dial() and on the click-to-dial row of MIGRATION.md (before: neither said it). With a failure
    callback, nothing is said."""
    (tmp_path / "blind").mkdir()
    (tmp_path / "seen").mkdir()
    connector, _, migration = _set_agent_status(tmp_path / "blind", CCP_DIAL.replace("OPTIONS", "{}"))
    dial = connector[connector.index("    async dial("):]
    todo = ("dial() reports the call placed once deskAgent.connect(...) (phone.js:8) returns, as the legacy code "
            "went on, but Amazon Connect Streams tells whether the outbound contact was made only to the success / "
            "failure callbacks of its options, and the legacy code passed options {}")
    assert "// TODO(ctimod): " + todo in dial[:dial.index("\n    }\n")]
    row = migration[migration.index("sforce.opencti.onClickToDial at phone.js:6"):]
    assert todo in row[:row.index("\n## ")]
    connector, _, migration = _set_agent_status(tmp_path / "seen", CCP_DIAL.replace(
        "OPTIONS", "{ failure: function (error) { console.warn('not dialled', error); } }"))
    assert "Amazon Connect Streams tells whether" not in connector + migration
