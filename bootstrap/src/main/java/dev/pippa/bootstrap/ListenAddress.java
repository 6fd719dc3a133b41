package dev.pippa.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Checks that the server can listen where it is told to before Helidon tries: Helidon logs a failed bind
 * as a stack trace and carries on with port -1, where an operator needs one line naming the port.
 */
final class ListenAddress {

    private ListenAddress() {
    }

    static void requireFree(String host, int port) {
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true); // as Helidon binds: a port in TIME_WAIT is free
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw unavailable(host, port, e.getMessage());
        }
    }

    static CannotStartException unavailable(String host, int port, String why) {
        return new CannotStartException("cannot listen on " + host + ":" + port + " (" + why + "): another "
                + "process uses the port, or the address is not this machine's; set SERVER_PORT (0 for any free "
                + "port) or SERVER_HOST");
    }
}
