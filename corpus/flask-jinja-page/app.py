# ctimod corpus: flask-jinja-page/app.py - Flask app serving the DeskLink Open CTI softphone template and proxying desk-phone call control to the PBX; no Open CTI here
# Patterns: jinja-template
# Written for the ctimod test corpus; not copied from any vendor adapter.
"""
DeskLink softphone host.

Run:  FLASK_APP=app.py flask run --cert=adhoc   (the page must be https to live in the
      Salesforce softphone iframe). Configuration comes from environment variables, see
      Config below. PBX events are published to Redis by the separate pbx-listener service.
"""
import functools
import hmac
import json
import logging
import os
import secrets
import time

import redis
import requests
from flask import (Flask, Response, abort, g, jsonify, redirect, render_template,
                   render_template_string, request, session, stream_with_context, url_for)
from werkzeug.security import check_password_hash


class Config:
    SECRET_KEY = os.environ.get("DESKLINK_SECRET_KEY") or secrets.token_hex(32)
    SF_ORIGIN = os.environ.get("DESKLINK_SF_ORIGIN", "https://desklink-demo.my.salesforce.com")
    PBX_API_URL = os.environ.get("DESKLINK_PBX_API_URL", "https://pbx.internal.example:8089/api/v1")
    PBX_API_KEY = os.environ.get("DESKLINK_PBX_API_KEY", "")
    REDIS_URL = os.environ.get("DESKLINK_REDIS_URL", "redis://localhost:6379/0")
    AGENTS_FILE = os.environ.get("DESKLINK_AGENTS_FILE", "agents.json")
    DEBUG_PAGE = os.environ.get("DESKLINK_DEBUG_PAGE") == "1"
    WRAPUP_CODES = os.environ.get(
        "DESKLINK_WRAPUP_CODES", "Resolved,Follow-up needed,Transferred,Wrong number,Voicemail"
    ).split(",")
    # The page is framed by Salesforce: the session cookie must be sent cross-site.
    SESSION_COOKIE_SAMESITE = "None"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True


app = Flask(__name__)
app.config.from_object(Config)
log = logging.getLogger("desklink")
logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

_redis = redis.Redis.from_url(app.config["REDIS_URL"], decode_responses=True)
_pbx = requests.Session()
_pbx.headers.update({"Authorization": "Bearer " + app.config["PBX_API_KEY"]})


def load_agents():
    """agents.json: {"<username>": {"name": ..., "extension": ..., "password_hash": ...}}"""
    try:
        with open(app.config["AGENTS_FILE"], encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, ValueError) as exc:
        log.error("cannot load agents: %s", exc)
        return {}


AGENTS = load_agents()

LOGIN_FORM = """<!doctype html>
<title>DeskLink sign-in</title>
<form method="post">
  <input name="username" placeholder="Username" autofocus>
  <input name="password" type="password" placeholder="Password">
  <button>Sign in</button>
  {% if error %}<p class="error">{{ error }}</p>{% endif %}
</form>"""


@app.after_request
def frame_headers(resp):
    resp.headers["Content-Security-Policy"] = "frame-ancestors " + " ".join(
        [app.config["SF_ORIGIN"], app.config["SF_ORIGIN"].replace(".my.salesforce.com", ".lightning.force.com")]
    )
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp


def login_required(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        username = session.get("username")
        if not username or username not in AGENTS:
            if request.path.startswith("/api/"):
                return jsonify(error="not signed in"), 401
            return redirect(url_for("login", next=request.path))
        g.agent = dict(AGENTS[username], username=username)
        return view(*args, **kwargs)
    return wrapped


def csrf_protected(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        sent = request.headers.get("X-CSRFToken", "")
        if not hmac.compare_digest(sent, session.get("csrf_token", "")):
            return jsonify(error="bad CSRF token"), 403
        return view(*args, **kwargs)
    return wrapped


@app.route("/login", methods=["GET", "POST"])
def login():
    error = None
    if request.method == "POST":
        username = request.form.get("username", "").strip().lower()
        agent = AGENTS.get(username)
        if agent and check_password_hash(agent["password_hash"], request.form.get("password", "")):
            session.clear()
            session["username"] = username
            session["csrf_token"] = secrets.token_urlsafe(24)
            log.info("agent %s signed in (ext %s)", username, agent["extension"])
            target = request.args.get("next", "")
            return redirect(target if target.startswith("/") and not target.startswith("//") else url_for("softphone"))
        error = "Wrong username or password"
        time.sleep(1)
    return render_template_string(LOGIN_FORM, error=error)


@app.route("/logout")
def logout():
    session.clear()
    return redirect(url_for("login"))


@app.route("/")
@app.route("/softphone")
@login_required
def softphone():
    page_settings = {
        "wrapup_codes": app.config["WRAPUP_CODES"],
        "search_min_digits": 4,
        "extension": g.agent["extension"],
    }
    return render_template(
        "softphone.html",
        agent=g.agent,
        settings=page_settings,
        debug=app.config["DEBUG_PAGE"],
        sf_origin=app.config["SF_ORIGIN"],
        csrf_token=session["csrf_token"],
    )


# ---------------------------------------------------------------------------
# Call control: thin proxy to the PBX REST API, scoped to the agent's extension
# ---------------------------------------------------------------------------
def pbx(method, path, **kwargs):
    url = app.config["PBX_API_URL"].rstrip("/") + path
    try:
        resp = _pbx.request(method, url, timeout=5, **kwargs)
    except requests.RequestException as exc:
        log.error("PBX %s %s failed: %s", method, path, exc)
        abort(502)
    if resp.status_code >= 400:
        log.warning("PBX %s %s -> %s %s", method, path, resp.status_code, resp.text[:200])
        return None, resp.status_code
    return (resp.json() if resp.content else {}), resp.status_code


def owns_call(call_id):
    owner = _redis.get("pbx:call:%s:ext" % call_id)
    return owner == str(g.agent["extension"])


@app.route("/api/calls", methods=["POST"])
@login_required
@csrf_protected
def originate():
    body = request.get_json(silent=True) or {}
    number = "".join(ch for ch in str(body.get("to", "")) if ch.isdigit() or ch == "+")
    if len(number) < 3:
        return jsonify(error="invalid number"), 400
    data, status = pbx("POST", "/originate", json={
        "endpoint": "PJSIP/%s" % g.agent["extension"],
        "destination": number,
        "caller_id_name": g.agent["name"],
        "variables": {"DESKLINK_AGENT": g.agent["username"]},
    })
    if data is None:
        return jsonify(error="PBX refused the call"), status
    _redis.setex("pbx:call:%s:ext" % data["call_id"], 4 * 3600, g.agent["extension"])
    log.info("%s dialing %s (call %s)", g.agent["username"], number, data["call_id"])
    return jsonify(call_id=data["call_id"])


@app.route("/api/calls/<call_id>/<action>", methods=["POST"])
@login_required
@csrf_protected
def call_action(call_id, action):
    if action not in ("answer", "hold", "unhold", "hangup"):
        abort(404)
    if not owns_call(call_id):
        return jsonify(error="not your call"), 403
    data, status = pbx("POST", "/calls/%s/%s" % (call_id, action))
    if data is None:
        return jsonify(error="PBX could not %s the call" % action), status
    return jsonify(ok=True)


@app.route("/api/events")
@login_required
def events():
    extension = str(g.agent["extension"])

    def stream():
        pubsub = _redis.pubsub(ignore_subscribe_messages=True)
        pubsub.subscribe("pbx:events:%s" % extension)
        last_ping = time.time()
        try:
            while True:
                message = pubsub.get_message(timeout=1.0)
                if message:
                    evt = json.loads(message["data"])
                    evt["extension"] = extension
                    if evt.get("direction") == "inbound" and evt.get("type") == "ringing":
                        _redis.setex("pbx:call:%s:ext" % evt["call_id"], 4 * 3600, extension)
                    yield "data: %s\n\n" % json.dumps(evt)
                elif time.time() - last_ping > 20:
                    last_ping = time.time()
                    yield ": ping\n\n"
        finally:
            pubsub.close()

    return Response(stream_with_context(stream()), mimetype="text/event-stream",
                    headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})


@app.route("/healthz")
def healthz():
    try:
        _redis.ping()
        return jsonify(ok=True)
    except redis.RedisError:
        return jsonify(ok=False), 503


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.environ.get("PORT", "5443")), ssl_context="adhoc", threaded=True)
