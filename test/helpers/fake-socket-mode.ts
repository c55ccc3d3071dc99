import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** A minimal WebSocket server standing in for Slack's Socket Mode endpoint (loopback only). */

export interface FakeSocketServer {
  url: string;
  /** Connections opened so far. */
  connections: number;
  /** True once a client sent a close frame (a clean WebSocket close). */
  closeFrameReceived: boolean;
  /** Resolves when the client's connection has ended. */
  closed: Promise<void>;
  /** Resolves when a client has connected and been sent `hello`. */
  connected: Promise<void>;
  /** Cuts the current connection without a closing handshake, as a network failure would. */
  drop: () => void;
  /** Sends an envelope to the connected client, as Slack delivers a request over Socket Mode. */
  send: (envelope: object) => void;
  close: () => Promise<void>;
}

/** Sends one unmasked text frame (server to client). */
function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const header =
    payload.length < 126
      ? Buffer.from([0x81, payload.length])
      : Buffer.from([0x81, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([header, payload]);
}

export async function startFakeSocketServer(): Promise<FakeSocketServer> {
  const server = createServer((_req, res) => {
    res.writeHead(404);
    res.end();
  });
  let markConnected: () => void = () => {};
  let markClosed: () => void = () => {};
  const state: FakeSocketServer = {
    url: '',
    connections: 0,
    closeFrameReceived: false,
    connected: new Promise((resolveConnected) => {
      markConnected = resolveConnected;
    }),
    closed: new Promise((resolveClosed) => {
      markClosed = resolveClosed;
    }),
    drop: () => current?.destroy(),
    send: (envelope) => current?.write(textFrame(JSON.stringify(envelope))),
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
  let current: Duplex | undefined;
  server.on('upgrade', (req, socket) => {
    current = socket;
    state.connections += 1;
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.write(
      textFrame(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } })),
    );
    markConnected();
    socket.on('data', (data: Buffer) => {
      const opcode = (data[0] ?? 0) & 0x0f;
      if (opcode === 0x8) {
        state.closeFrameReceived = true;
        // Echo a close frame, as a server completing the closing handshake does.
        socket.end(Buffer.from([0x88, 0x00]));
      }
    });
    socket.on('close', () => {
      markClosed();
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  state.url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/link`;
  return state;
}
