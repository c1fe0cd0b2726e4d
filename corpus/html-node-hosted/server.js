/*
 * ctimod corpus: html-node-hosted/server.js - Node host (plain http module) for the Relay Voice softphone page and its SIP credential endpoint; no Open CTI here
 * Patterns: plain-js
 * Written for the ctimod test corpus; not copied from any vendor adapter.
 *
 * Environment:
 *   PORT               listen port (default 8443 behind the TLS-terminating proxy)
 *   SF_ORG_ORIGINS     comma-separated Salesforce origins allowed to frame the page
 *   SIP_SHARED_SECRET  secret shared with the SIP proxy for time-limited credentials
 *   AGENTS_FILE        JSON file: { "<extension>": { "pinHash": "<sha256 hex>", "name": "..." } }
 *   CRED_TTL           credential lifetime in seconds (default 3600)
 */
'use strict';

const http = require('http');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const PORT = Number(process.env.PORT || 8443);
const PUBLIC_DIR = path.join(__dirname, 'public');
const VENDOR_SIP = path.join(__dirname, 'node_modules', 'sip.js', 'dist', 'sip.min.js');
const SHARED_SECRET = process.env.SIP_SHARED_SECRET || '';
const CRED_TTL = Number(process.env.CRED_TTL || 3600);
const ORG_ORIGINS = (process.env.SF_ORG_ORIGINS || 'https://relayvoice-demo.my.salesforce.com https://relayvoice-demo.lightning.force.com')
  .split(/[\s,]+/)
  .filter(Boolean);

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.mp3': 'audio/mpeg',
  '.ico': 'image/x-icon'
};

if (!SHARED_SECRET) {
  console.error('SIP_SHARED_SECRET is not set; refusing to start');
  process.exit(1);
}

let agents = {};
function loadAgents() {
  const file = process.env.AGENTS_FILE || path.join(__dirname, 'agents.json');
  try {
    agents = JSON.parse(fs.readFileSync(file, 'utf8'));
    console.log(`loaded ${Object.keys(agents).length} agents from ${file}`);
  } catch (err) {
    console.error(`cannot read agents file ${file}: ${err.message}`);
    agents = {};
  }
}
loadAgents();
process.on('SIGHUP', loadAgents);

function log(req, status, started) {
  const ms = Date.now() - started;
  console.log(`${new Date().toISOString()} ${req.method} ${req.url} ${status} ${ms}ms`);
}

function securityHeaders() {
  return {
    // The page lives inside the Salesforce softphone iframe.
    'Content-Security-Policy': `frame-ancestors ${ORG_ORIGINS.join(' ')}`,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Permissions-Policy': 'microphone=(self)'
  };
}

function send(res, status, body, headers) {
  res.writeHead(status, Object.assign(securityHeaders(), headers || {}));
  res.end(body);
}

function sendJson(res, status, obj) {
  send(res, status, JSON.stringify(obj), {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store'
  });
}

function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks = [];
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------
// Credentials: REST-style ephemeral SIP credentials (username = "<expiry>:<ext>",
// password = base64(HMAC-SHA1(secret, username))), the same scheme the proxy checks.
// ---------------------------------------------------------------------------
function hmac(algo, data) {
  return crypto.createHmac(algo, SHARED_SECRET).update(data).digest('base64');
}

function sipCredentials(extension) {
  const expiry = Math.floor(Date.now() / 1000) + CRED_TTL;
  const username = `${expiry}:${extension}`;
  const refreshPayload = Buffer.from(JSON.stringify({ ext: extension, exp: expiry + 600 })).toString('base64url');
  return {
    extension,
    username,
    password: hmac('sha1', username),
    displayName: agents[extension] ? agents[extension].name : extension,
    ttl: CRED_TTL,
    refreshToken: `${refreshPayload}.${hmac('sha256', refreshPayload)}`
  };
}

function checkPin(extension, pin) {
  const agent = agents[extension];
  if (!agent || typeof pin !== 'string') {
    return false;
  }
  const given = crypto.createHash('sha256').update(pin).digest();
  const stored = Buffer.from(agent.pinHash, 'hex');
  return stored.length === given.length && crypto.timingSafeEqual(stored, given);
}

function checkRefreshToken(token) {
  if (typeof token !== 'string' || token.indexOf('.') < 0) {
    return null;
  }
  const [payload, sig] = token.split('.');
  const expected = hmac('sha256', payload);
  if (sig.length !== expected.length || !crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(expected))) {
    return null;
  }
  const data = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  if (data.exp < Date.now() / 1000 || !agents[data.ext]) {
    return null;
  }
  return data.ext;
}

const failedLogins = new Map(); // remote address -> { count, until }

async function handleToken(req, res) {
  if (req.method !== 'POST') {
    return sendJson(res, 405, { error: 'POST only' });
  }
  const ip = req.socket.remoteAddress;
  const lock = failedLogins.get(ip);
  if (lock && lock.until > Date.now()) {
    return sendJson(res, 429, { error: 'too many attempts' });
  }
  let body;
  try {
    body = JSON.parse(await readBody(req, 4096));
  } catch (err) {
    return sendJson(res, 400, { error: 'invalid JSON' });
  }

  let extension = null;
  if (body.refreshToken) {
    extension = checkRefreshToken(body.refreshToken);
  } else if (checkPin(String(body.extension || ''), body.pin)) {
    extension = String(body.extension);
  }

  if (!extension) {
    const entry = failedLogins.get(ip) || { count: 0, until: 0 };
    entry.count += 1;
    if (entry.count >= 5) {
      entry.until = Date.now() + 5 * 60 * 1000;
      entry.count = 0;
    }
    failedLogins.set(ip, entry);
    return sendJson(res, 401, { error: 'unauthorized' });
  }
  failedLogins.delete(ip);
  return sendJson(res, 200, sipCredentials(extension));
}

// ---------------------------------------------------------------------------
// Static files
// ---------------------------------------------------------------------------
function serveFile(res, file) {
  fs.stat(file, (err, st) => {
    if (err || !st.isFile()) {
      return send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    }
    const type = MIME[path.extname(file)] || 'application/octet-stream';
    res.writeHead(200, Object.assign(securityHeaders(), {
      'Content-Type': type,
      'Content-Length': st.size,
      'Cache-Control': path.extname(file) === '.html' ? 'no-cache' : 'public, max-age=300'
    }));
    fs.createReadStream(file).pipe(res);
    return undefined;
  });
}

function staticPath(urlPath) {
  const decoded = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  const resolved = path.normalize(path.join(PUBLIC_DIR, decoded));
  return resolved.startsWith(PUBLIC_DIR + path.sep) ? resolved : null;
}

const server = http.createServer(async (req, res) => {
  const started = Date.now();
  res.on('finish', () => log(req, res.statusCode, started));
  const url = new URL(req.url, `http://${req.headers.host || 'localhost'}`);

  try {
    if (url.pathname === '/healthz') {
      return sendJson(res, 200, { ok: true, agents: Object.keys(agents).length });
    }
    if (url.pathname === '/api/token') {
      return await handleToken(req, res);
    }
    if (url.pathname === '/vendor/sip.js') {
      return serveFile(res, VENDOR_SIP);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    }
    const file = staticPath(url.pathname);
    if (!file) {
      return send(res, 400, 'Bad path', { 'Content-Type': 'text/plain' });
    }
    return serveFile(res, file);
  } catch (err) {
    console.error(err);
    if (!res.headersSent) {
      sendJson(res, 500, { error: 'internal error' });
    }
    return undefined;
  }
});

server.listen(PORT, () => {
  console.log(`Relay Voice softphone host on :${PORT}, framed by ${ORG_ORIGINS.join(', ')}`);
});

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
