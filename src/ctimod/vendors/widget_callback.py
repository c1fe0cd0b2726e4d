"""Widget SDKs that hand their event API to a callback: the vendor's script renders the phone and calls the
adapter back with functions to listen and to act (``Brekeke.renderWidget(el, ({onCallEvent, fireMakeCallEvent,
...}) => {...})``)."""

from __future__ import annotations

import re

from ..legacy import BUILTINS, find_declaration, parent_of, unwrap
from . import Boot, Hook, Publish, Recogniser, Surface, register
from ._js import Fn, arguments, calls, compact, kept_statements, resolve_function, root_name, walk
from ._shapes import ID_FIELDS, NUMBER_FIELDS, call_key, detail_reads, pick
from .amazon_connect import element_ids
from .postmessage import kind_of

GLOBAL_HOSTS = {"window", "globalThis", "self"}
NOT_VENDORS = {"sforce", "document", "console", "JSON", "Promise", "Object", "Array", "Math", "$", "jQuery",
               "Twilio", "connect"}
API_PARAM = "ctimodWidgetApi"
# Where the call-control TODOs say the widget's API is (init() keeps it there when it renders the widget).
KEPT = f"is kept in {API_PARAM}"
# Widgets whose callback API is documented: where, and the functions it offers to act (not to listen).
DOCUMENTED = {
    "Brekeke": ("the Brekeke PBX widget README, brekekesoftware/pbx-widget",
                ("fireCallInfoEvent", "fireConfigEvent", "fireLogSavedEvent", "fireMakeCallEvent", "fireNotification")),
}
# A registration's name without its decoration: onCallEndedEvent -> CallEnded.
DECORATION = re.compile(r"^on(?=[A-Z])|(Event|Listener|Handler|Callback)$")
NEW_CALL = re.compile(r"^(New|Incoming)?Call(Started|Start|Received|Created|Offered)?$")
DIAL_WORDS = re.compile(r"^(fire)?(Make|Place|Start|Outbound)?(Call|Dial)(Event|Request)?$|^(make|place)Call$|^dial$",
                        re.I)
DIRECTION = re.compile(r"^(incoming|inbound|isIncoming|isInbound)$")


def event_kind(name: str) -> str | None:
    """incoming / connected / ended for a registration function's name (``onCallEvent`` -> incoming: the
    vendor's event for a call itself; ``onCallEndedEvent`` -> ended; ``onCallUpdatedEvent`` -> None)."""
    word = DECORATION.sub("", DECORATION.sub("", name))
    if NEW_CALL.fullmatch(word):
        return "incoming"
    return kind_of(word)


class Api:
    """One callback that received the vendor's event API: names it destructured (local -> API name) or the
    parameter it kept the API in."""

    def __init__(self, file, call, arg, fn: Fn, vendor: str):
        self.file, self.call, self.arg, self.fn, self.vendor = file, call, arg, fn, vendor
        self.names: dict[str, str] = {}  # local name -> the API's property
        self.param: str | None = None
        params = fn.node.child_by_field_name("parameters") or fn.node.child_by_field_name("parameter")
        first = None
        if params is not None:
            first = params if params.type in ("identifier", "object_pattern") else next(
                (p for p in params.named_children if p.type != "comment"), None)
        if first is not None and first.type in ("required_parameter", "optional_parameter"):
            first = first.child_by_field_name("pattern") or (first.named_children[0] if first.named_children else None)
        if first is None:
            return
        if first.type == "identifier":
            self.param = file.text(first)
        elif first.type == "object_pattern":
            for child in first.named_children:
                if child.type == "shorthand_property_identifier_pattern":
                    self.names[file.text(child)] = file.text(child)
                elif child.type == "pair_pattern":
                    key, value = child.child_by_field_name("key"), child.child_by_field_name("value")
                    if key is not None and value is not None and value.type == "identifier":
                        self.names[file.text(value)] = file.text(key).strip("'\"")

    def member(self, call) -> str | None:
        """The API property a call inside the callback invokes (``onCallEvent(fn)``, ``api.onCallEvent(fn)``)."""
        function = unwrap(call.child_by_field_name("function"))
        if function is None:
            return None
        if function.type == "identifier":
            local = self.file.text(function)
            declaration = find_declaration(self.file.data, local, function)
            if local in self.names and declaration is not None and declaration.kind == "param" and \
                    declaration.node == self.fn.node:
                return self.names[local]
            return None
        if function.type == "member_expression" and self.param:
            obj = unwrap(function.child_by_field_name("object"))
            prop = function.child_by_field_name("property")
            if obj is not None and obj.type == "identifier" and self.file.text(obj) == self.param and prop is not None:
                declaration = find_declaration(self.file.data, self.param, obj)
                if declaration is not None and declaration.node == self.fn.node:
                    return self.file.text(prop)
        return None

    def members(self) -> list[str]:
        return sorted(set(self.names.values()))


@register
class WidgetCallbackApi(Recogniser):
    """A vendor widget whose script renders the phone and hands the adapter its event API in a callback (as
    Brekeke's widget does: ``window.Brekeke.renderWidget(container, ({ onCallEvent, onCallEndedEvent,
    fireMakeCallEvent, ... }) => {...})``): functions named ``on...`` register listeners, the others
    (``fireMakeCallEvent``) act.

    Registrations are told by their names (``onCallEvent``, a call itself, -> CALL_STARTED; ``...Ended`` /
    ``...HangUp`` -> HANGUP; ``...Answered`` / ``...Connected`` -> CALL_CONNECTED; ``onCallUpdatedEvent``,
    ``onLoggedInEvent`` are not call moments). The caller's number and the call id are the fields the
    legacy handlers read from the widget's call (``call.partyNumber``, ``call.id``; the legacy code's own key
    for a call where a handler computes one with a function of the call, such as Brekeke's ``callId(call)``,
    `${call.pbxRoomId}-${call.id}`, carried into the connector); an incoming event is
    published for calls the legacy code treated as incoming (``call.incoming``). init() renders the widget
    the way the legacy code did, keeps the API the widget hands over, gives the functions the connector's
    code uses (the click-to-dial's ``fireMakeCallEvent``) their real value and registers the listeners.
    Call control the API does not show stays a TODO naming it.
    """

    id = "widget-callback-api"
    name = "vendor widget (event API handed to a callback)"
    generic = True

    def recognise(self, files: list) -> Surface | None:
        apis = [api for api in self._apis(files) if api.names or api.param]
        found = []
        for api in apis:
            registrations = []
            for node in walk(api.fn.node):
                if node.type != "call_expression":
                    continue
                member = api.member(node)
                if member is None:
                    continue
                args = arguments(node)
                if member.startswith("on") and args:
                    handler = resolve_function(files, api.file, args[0])
                    registrations.append((node, member, args[0], handler))
            if any(event_kind(member) for _, member, _, _ in registrations):
                found.append((api, registrations))
        if not found:
            return None
        api, registrations = max(found, key=lambda item: len(item[1]))
        events = [r for r in registrations if event_kind(r[1])]
        surface = Surface(self, score=len(events), label=f"{api.vendor} widget", globals={api.vendor})
        # Fields of the widget's call the legacy handlers read (every handler gets the same kind of call).
        reads = []
        for _, _, _, handler in registrations:
            if handler is not None and handler.params and handler.params[0] != "{...}":
                reads += [(path, handler) for path, _, _ in detail_reads(files, handler, handler.params[0])]
        number = pick([(p, None, None) for p, _ in reads], NUMBER_FIELDS)
        call_id = pick([(p, None, None) for p, _ in reads], ID_FIELDS)
        direction = next((p for p, _ in reads if DIRECTION.match(p.split(".")[-1])), None)
        # the legacy code's own key for a call (a function of the call it hands the call to), if it has one
        key = call_key(files, [(h, h.params[0]) for _, _, _, h in registrations
                               if h is not None and h.params and h.params[0] != "{...}"], call_id[0]) \
            if call_id and "." not in call_id[0] else None
        surface.boots.append(Boot(api.file, api.call, "", _statement(api.call), callback=api.arg,
                                  bound=dict(api.names) if api.names else {},
                                  note=f"the {api.vendor} widget hands its event API to the callback of "
                                       f"{compact(api.file, api.call.child_by_field_name('function'))}(...)"))
        surface.page_ids |= {i for a in arguments(api.call)[:-1] for i in element_ids(api.file, a)}
        for node, member, arg, handler in events:
            kind = event_kind(member)
            param = handler.params[0] if handler is not None and handler.params and handler.params[0] != "{...}" \
                else "call"
            identity = f"{key[0]}({param})" if key else f"{param}.{call_id[0]}" if call_id else None
            publish = Publish(kind, f"{member}", call_id=identity,
                              number=f"{param}.{number[0]}" if number and kind == "incoming" else None,
                              vendor_call=param,
                              condition=f"{param}.{direction}" if direction and kind == "incoming" else None,
                              source=handler.where() if handler is not None else api.file.where(node),
                              id_from=f"legacy code (its own key for a call, {key[0]}() at {key[1]})" if key
                              else "legacy code (the fields its widget handlers read)")
            keeps = [(handler.file, s) for s in kept_statements(handler.file, handler.node, {param})] \
                if handler is not None else []
            surface.hooks.append(Hook(f"{api.vendor} widget {member}", f"{API_PARAM}.{member}({{fn}})", [param],
                                      file=api.file, node=node, arg=arg, handler=handler, keeps=keeps,
                                      publishes=[publish], boot=surface.boots[0]))
        acting = [m for m in api.members() if not m.startswith("on")]
        for node in walk(api.fn.node):
            if node.type == "call_expression":
                member = api.member(node)
                if member and DIAL_WORDS.match(member):
                    surface.add_dial(api.file, node, f"{member}(...)")
        offered = ", ".join(acting) if acting else "no function to act"
        documented = DOCUMENTED.get(api.vendor)
        for name, does in (("acceptCall", "answer"), ("declineCall", "decline"), ("endCall", "hang up"),
                           ("mute", "mute"), ("unmute", "unmute"), ("hold", "hold"), ("resume", "resume")):
            if documented is not None:
                # what the vendor documents: no trigger for call control (the agent uses the widget's own buttons)
                surface.todos[name] = (f"{does} in the {api.vendor} widget: its documented event API ({documented[0]}: "
                                       f"{', '.join(documented[1])}) has no trigger to {does} a call, and the legacy "
                                       f"code left it to the widget's own controls. Call the widget's function here "
                                       f"if your version offers one (its API {KEPT}).")
                continue
            surface.todos[name] = (f"the legacy code did not {does} through the {api.vendor} widget: its event API "
                                   f"(handed to the callback of {compact(api.file, api.call.child_by_field_name('function'))}"
                                   f"; the legacy code used {offered}) {KEPT}: call the widget's "
                                   f"function for it (see the {api.vendor} widget documentation).")
        return surface

    def set_up_left_out(self, surface, boot) -> None:
        """The widget is not rendered (its legacy set-up is broken): init() never gets the API, so the call-control
        TODOs do not say it is kept."""
        if boot.callback is None:
            return
        lost = (f"is not kept: the legacy code that renders the widget and hands its API over ({boot.where}) has "
                "syntax errors, so init() does not render the widget (see init()'s TODO); once that code is fixed and "
                f"converted again, init() keeps the API in {API_PARAM}")
        for name, text in surface.todos.items():
            surface.todos[name] = text.replace(KEPT, lost)

    def _apis(self, files) -> list[Api]:
        out = []
        for file in files:
            for region in file.regions:
                for call in calls(region.tree.root_node, region.tree.language):
                    function = unwrap(call.child_by_field_name("function"))
                    if function is None or function.type != "member_expression":
                        continue
                    path = compact(file, function).split(".")
                    root = root_name(file, function)
                    if root in GLOBAL_HOSTS and len(path) >= 3:
                        root = path[1]
                    elif root in GLOBAL_HOSTS:
                        continue
                    if root is None or root in BUILTINS or root in NOT_VENDORS or not root[:1].isupper():
                        continue
                    if find_declaration(file.data, root, function) is not None:
                        continue  # the adapter's own object
                    args = arguments(call)
                    if not args:
                        continue
                    fn = resolve_function([file], file, args[-1])
                    if fn is None:
                        continue
                    out.append(Api(file, call, args[-1], fn, root))
        return out


def _statement(node):
    while parent_of(node) is not None and parent_of(node).type not in ("statement_block", "program"):
        node = parent_of(node)
    return node
