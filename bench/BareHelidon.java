import io.helidon.common.socket.SocketOptions;
import io.helidon.webserver.WebServer;

/**
 * The HTTP stack alone, for bench/load.sh's baseline: Helidon with Pippa's socket options and one route
 * answering "hi", nothing else (no filters, no metrics, no JSON). Run as a single-file program on the
 * service's classpath: java -cp 'bootstrap/target/libs/*' bench/BareHelidon.java. Prints its URL.
 */
public class BareHelidon {

    public static void main(String[] args) {
        WebServer server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .featuresDiscoverServices(false) // no observe or metrics features found on the classpath
                .connectionOptions(SocketOptions.builder().tcpNoDelay(true).build())
                .routing(routing -> routing.get("/hello", (request, response) -> response.send("hi")))
                .build()
                .start();
        System.out.println("bare helidon: http://127.0.0.1:" + server.port());
    }
}
