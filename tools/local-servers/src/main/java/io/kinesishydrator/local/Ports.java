package io.kinesishydrator.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Loopback ports: finding a free one, and waiting for a server to accept on one. */
final class Ports {
    static final String LOOPBACK = "127.0.0.1";

    private Ports() {
    }

    static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new LocalServerException("no free port on " + LOOPBACK + ": " + failure.getMessage(), failure);
        }
    }

    /** Fails fast, with a clear message, when something already listens on {@code port}. */
    static void requireFree(int port, String server) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(LOOPBACK))) {
            socket.setReuseAddress(true);
        } catch (IOException taken) {
            throw new LocalServerException(server + " cannot listen on " + LOOPBACK + ":" + port
                    + ": the port is already taken (" + taken.getMessage() + ")", taken);
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(LOOPBACK, port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new LocalServerException("interrupted while waiting for a local server");
        }
    }
}
