// The REAL Twilio Voice JavaScript SDK (npm @twilio/voice-sdk, its browser build dist/twilio.js) loaded
// into the page, with its network stubbed: the signaling WebSocket is played by this file (Twilio's
// gateway: 'listen' -> 'connected', 'register' -> 'ready', and, on the test's cue, 'invite' / 'cancel' /
// 'hangup' for a call), and WebRTC (getUserMedia, RTCPeerConnection) is a minimal local stand-in that
// produces an SDP and one host candidate, so the SDK's own code runs its Device and Call: an 'invite'
// becomes device.on('incoming') with the call's parameters, call.accept() sends 'answer', call.reject()
// 'reject', call.disconnect() 'hangup', device.connect() an 'invite' with the TwiML params. Every
// signaling message the SDK sends is recorded as a vendor effect ('twilio.signal.<type>'), and so are
// the SDK's own Call.mute / Call.accept / Call.reject / Call.disconnect / Device.connect (spies around
// the real methods, which still run).
'use strict';

const fs = require('fs');
const path = require('path');

function install(window, ctx, options, requireTool) {
    const sockets = [];
    const gateway = (socket, type, payload) => window.setTimeout(() => socket.fire('message',
        { data: JSON.stringify({ type, version: '1.6', payload }) }), 0);
    const summary = (type, payload) => {
        const out = {};
        for (const key of ['callsid', 'reason']) if (payload && payload[key] !== undefined) out[key] = payload[key];
        if (payload && payload.twilio && payload.twilio.params) out.params = payload.twilio.params;
        if (type === 'register') out.media = payload.media;
        return out;
    };

    class SignalingSocket {
        constructor(url) {
            this.url = url;
            this.readyState = 0;
            this.listeners = {};
            sockets.push(this);
            window.setTimeout(() => {
                this.readyState = 1;
                this.fire('open', {});
            }, 0);
        }

        addEventListener(type, fn) {
            (this.listeners[type] = this.listeners[type] || []).push(fn);
        }

        removeEventListener(type, fn) {
            this.listeners[type] = (this.listeners[type] || []).filter((g) => g !== fn);
        }

        fire(type, event) {
            if (typeof this[`on${type}`] === 'function') this[`on${type}`](event);
            (this.listeners[type] || []).slice().forEach((fn) => fn(event));
        }

        send(data) {
            const message = JSON.parse(data);
            if (message.type !== 'listen') ctx.vendor(`twilio.signal.${message.type}`, [summary(message.type, message.payload)]);
            if (message.type === 'listen') gateway(this, 'connected', { region: 'us1', gateway: 'ctimod-test.twilio.com' });
            if (message.type === 'register') gateway(this, 'ready', {});
        }

        close() {
            this.readyState = 3;
            this.fire('close', { code: 1000 });
        }
    }
    Object.assign(SignalingSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
    window.WebSocket = SignalingSocket;

    // WebRTC, local only: a microphone track, and a peer connection that answers with a fixed SDP.
    const SDP = 'v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n'
        + 'a=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\n';
    const track = () => ({ kind: 'audio', id: 'ctimod-test-mic', label: 'Microphone', enabled: true, readyState: 'live',
        stop() {}, clone() { return track(); }, addEventListener() {}, removeEventListener() {},
        getSettings() { return { deviceId: 'default' }; }, getConstraints() { return {}; } });
    class LocalStream {
        constructor(tracks) { this.tracks = tracks || [track()]; this.id = 'ctimod-test-stream'; this.active = true; }
        getTracks() { return this.tracks; }
        getAudioTracks() { return this.tracks; }
        getVideoTracks() { return []; }
        addTrack(t) { this.tracks.push(t); }
        removeTrack() {}
        clone() { return new LocalStream(this.tracks.map((t) => t.clone())); }
        addEventListener() {}
        removeEventListener() {}
    }
    class LocalPeerConnection {
        constructor() {
            Object.assign(this, { signalingState: 'stable', iceConnectionState: 'new', iceGatheringState: 'new',
                connectionState: 'new', senders: [], listeners: {} });
        }

        addEventListener(type, fn) { (this.listeners[type] = this.listeners[type] || []).push(fn); }
        removeEventListener() {}
        fire(type, event) {
            if (typeof this[`on${type}`] === 'function') this[`on${type}`](event || {});
            (this.listeners[type] || []).forEach((fn) => fn(event || {}));
        }

        createOffer() { return Promise.resolve({ type: 'offer', sdp: SDP }); }
        createAnswer() { return Promise.resolve({ type: 'answer', sdp: SDP }); }
        setLocalDescription(description) {
            this.localDescription = description;
            this.signalingState = description.type === 'offer' ? 'have-local-offer' : 'stable';
            window.setTimeout(() => {
                this.fire('icecandidate', { candidate: { candidate: 'candidate:1 1 udp 2122260223 192.0.2.10 54400 typ host',
                    sdpMid: '0', sdpMLineIndex: 0 } });
                this.iceGatheringState = 'complete';
                this.fire('icegatheringstatechange');
                this.fire('icecandidate', { candidate: null });
            }, 0);
            return Promise.resolve();
        }

        setRemoteDescription(description) {
            this.remoteDescription = description;
            this.signalingState = description.type === 'offer' ? 'have-remote-offer' : 'stable';
            if (this.iceConnectionState !== 'connected') {
                window.setTimeout(() => {
                    this.iceConnectionState = 'connected';
                    this.connectionState = 'connected';
                    this.fire('iceconnectionstatechange');
                    this.fire('connectionstatechange');
                }, 0);
            }
            return Promise.resolve();
        }

        getSenders() { return this.senders; }
        getReceivers() { return []; }
        getTransceivers() {
            return [{ setCodecPreferences() {}, direction: 'sendrecv', sender: this.senders[0] || null, receiver: { track: null } }];
        }

        addTrack(t) {
            const sender = { track: t, replaceTrack: () => Promise.resolve(), getParameters: () => ({ encodings: [{}] }),
                setParameters: () => Promise.resolve(), dtmf: null };
            this.senders.push(sender);
            return sender;
        }

        removeTrack() {}
        addStream() {}
        removeStream() {}
        getLocalStreams() { return []; }
        getRemoteStreams() { return []; }
        createDTMFSender() { return { insertDTMF() {} }; }
        close() { this.signalingState = 'closed'; }
        getStats() { return Promise.resolve(new Map()); }
    }
    window.MediaStream = LocalStream;
    window.RTCPeerConnection = LocalPeerConnection;
    window.RTCSessionDescription = class { constructor(d) { this.type = d.type; this.sdp = d.sdp; } };
    window.RTCIceCandidate = class { constructor(c) { Object.assign(this, c); } };
    window.RTCRtpReceiver = { getCapabilities: () => ({ codecs: [{ mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
        { mimeType: 'audio/PCMU', clockRate: 8000 }] }) };
    Object.defineProperty(window.navigator, 'mediaDevices', { configurable: true, value: {
        getUserMedia: () => Promise.resolve(new LocalStream()), enumerateDevices: () => Promise.resolve([]),
        addEventListener() {}, removeEventListener() {} } });

    // Ringtones: jsdom loads and plays no audio (its play() is "not implemented"); here a sound can play at
    // once and its play() resolves, as in a browser, so the SDK announces an incoming call without waiting
    // out its ringtone timeout.
    const NativeAudio = window.Audio;
    window.Audio = function Audio(src) {
        const element = new NativeAudio(src);
        window.setTimeout(() => element.dispatchEvent(new window.Event('canplaythrough')), 0);
        return element;
    };
    window.HTMLMediaElement.prototype.play = function () { return Promise.resolve(); };
    window.HTMLMediaElement.prototype.pause = function () {};
    window.HTMLMediaElement.prototype.load = function () {};

    // The SDK's browser build (the file a page's <script> tag loads), found next to its package.json
    // (the package's exports do not list dist/).
    const root = path.dirname(requireTool.resolve('@twilio/voice-sdk'));
    const dist = path.join(root, '..', 'dist', 'twilio.js');
    window.eval(fs.readFileSync(dist, 'utf8'));
    const Twilio = window.Twilio;
    // Spies: the real methods run; the test sees that the page's code called them, and with what (a call
    // the SDK makes from inside another is not the page's, nor is the accept() with which Device.connect()
    // starts its own outgoing Call).
    let depth = 0;
    const spy = (proto, name, label, args = (a) => a) => {
        const real = proto[name];
        proto[name] = function (...a) {
            const own = name === 'accept' && this.direction === 'OUTGOING';
            if (depth === 0 && !own) ctx.vendor(label, args(a));
            depth += 1;
            try {
                return real.apply(this, a);
            } finally {
                depth -= 1;
            }
        };
    };
    spy(Twilio.Call.prototype, 'accept', 'Twilio.Call.accept', () => []);
    spy(Twilio.Call.prototype, 'reject', 'Twilio.Call.reject', () => []);
    spy(Twilio.Call.prototype, 'disconnect', 'Twilio.Call.disconnect', () => []);
    spy(Twilio.Call.prototype, 'mute', 'Twilio.Call.mute', (a) => [a.length ? a[0] : true]);
    spy(Twilio.Device.prototype, 'connect', 'Twilio.Device.connect', (a) => [a[0] && a[0].params ? { params: a[0].params } : {}]);

    const socket = () => sockets[sockets.length - 1];
    let last = null;
    return {
        incoming(step) {
            last = step.callId || `CA${Date.now()}`;
            gateway(socket(), 'invite', { callsid: last, sdp: SDP,
                parameters: { From: step.from, To: 'client:agent', CallSid: last } });
        },
        cancel() {
            gateway(socket(), 'cancel', { callsid: last });
        },
        remoteHangup() {
            gateway(socket(), 'hangup', { callsid: last });
        }
    };
}

module.exports = { install };
