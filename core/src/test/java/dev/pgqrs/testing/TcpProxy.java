package dev.pgqrs.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP forwarder that a test can cut and restore, to take a database away from an
 * application and give it back without stopping the database itself.
 */
public final class TcpProxy implements AutoCloseable {
    private static final String PORT = "pgqrs.test.proxy.port";
    private static final String CUT = "pgqrs.test.proxy.cut";
    private static final String RESTORE = "pgqrs.test.proxy.restore";

    /**
     * The one proxy of this JVM towards {@code targetPort}. QuarkusUnitTest loads test classes in
     * more than one class loader, so the proxy is reached through JDK types kept in the system
     * properties rather than through a static field.
     */
    public static synchronized int sharedPort(int targetPort) {
        Object port = System.getProperties().get(PORT);
        if (port == null) {
            TcpProxy proxy = new TcpProxy(targetPort);
            System.getProperties().put(CUT, (Runnable) proxy::cut);
            System.getProperties().put(RESTORE, (Runnable) proxy::restore);
            port = proxy.port();
            System.getProperties().put(PORT, port);
        }
        return (Integer) port;
    }

    public static void cutShared() {
        ((Runnable) System.getProperties().get(CUT)).run();
    }

    public static void restoreShared() {
        ((Runnable) System.getProperties().get(RESTORE)).run();
    }

    private final int targetPort;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    public TcpProxy(int targetPort) {
        this.targetPort = targetPort;
        try (ServerSocket probe = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            this.port = probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        restore();
    }

    public int port() {
        return port;
    }

    /** Accepts connections again. */
    public synchronized void restore() {
        if (server != null) {
            return;
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            server = s;
            Thread t = new Thread(() -> acceptLoop(s), "tcp-proxy-" + port);
            t.setDaemon(true);
            t.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops every connection and refuses new ones, as a database that went away. */
    public synchronized void cut() {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    private void acceptLoop(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                return; // the listener was closed by cut() or close()
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[16384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side closed: close the other so the peer notices
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing a socket that is already broken has nothing left to report
            }
        }
    }

    @Override
    public void close() {
        cut();
    }
}
