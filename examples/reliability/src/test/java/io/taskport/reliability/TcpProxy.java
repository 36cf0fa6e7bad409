package io.taskport.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small TCP proxy in front of a server, to simulate its outage without touching the shared
 * server: {@link #drop()} resets every connection and refuses new ones until {@link #restore()};
 * {@link #stall()} keeps connections open but forwards nothing. It also counts the Redis commands
 * named {@code KEYS} and {@code SCAN} that clients send through it.
 */
final class TcpProxy implements AutoCloseable {
  private enum Mode {
    FORWARD,
    DROP,
    STALL
  }

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final Object gate = new Object();
  private final AtomicLong scans = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private volatile Mode mode = Mode.FORWARD;
  private volatile boolean closed;

  TcpProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::acceptLoop, "tcp-proxy-" + server.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Resets every open connection and refuses new ones until {@link #restore()}. */
  void drop() {
    mode = Mode.DROP;
    for (Socket s : sockets) {
      reset(s);
    }
  }

  /** Forwards nothing, in either direction, until {@link #restore()}; connections stay open. */
  void stall() {
    mode = Mode.STALL;
  }

  /** Forwards again. */
  void restore() {
    synchronized (gate) {
      mode = Mode.FORWARD;
      gate.notifyAll();
    }
  }

  /** How many {@code KEYS} or {@code SCAN} commands went through. */
  long keysOrScanCommands() {
    return scans.get();
  }

  /** How many client connections were accepted while forwarding. */
  long connectionsAccepted() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      if (mode == Mode.DROP) {
        reset(client);
        continue;
      }
      try {
        Socket upstream = new Socket();
        upstream.connect(target, 5_000);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        accepted.incrementAndGet();
        pump(client, upstream, true);
        pump(upstream, client, false);
      } catch (IOException e) {
        reset(client);
      }
    }
  }

  private void pump(Socket from, Socket to, boolean fromClient) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                  awaitForwarding();
                  if (mode == Mode.DROP) {
                    break;
                  }
                  if (fromClient) {
                    countScans(buf, n);
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
              } catch (IOException | InterruptedException e) {
                // the other side went away, or the proxy dropped it
              } finally {
                reset(from);
                reset(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void awaitForwarding() throws InterruptedException {
    synchronized (gate) {
      while (mode == Mode.STALL && !closed) {
        gate.wait();
      }
    }
  }

  private void countScans(byte[] buf, int n) {
    String s = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
    for (String cmd : new String[] {"\r\nKEYS\r\n", "\r\nSCAN\r\n", "\r\nkeys\r\n", "\r\nscan\r\n"}) {
      for (int i = s.indexOf(cmd); i >= 0; i = s.indexOf(cmd, i + 1)) {
        scans.incrementAndGet();
      }
    }
  }

  private void reset(Socket s) {
    sockets.remove(s);
    try {
      s.setSoLinger(true, 0);
    } catch (SocketException e) {
      // already closed
    }
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    closed = true;
    restore();
    server.close();
    for (Socket s : sockets) {
      reset(s);
    }
  }
}
