package io.kinesishydrator.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HTTP forwarder on 127.0.0.1 in front of a real local server: it passes each request and its answer through
 * unchanged and records which credentials signed it, read from its SigV4 {@code Authorization} header. A function
 * under test gets this endpoint instead of the server's, so a test sees the credentials of the function's own
 * clients.
 */
final class SigningKeyRecorder implements AutoCloseable {
    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");
    /** Headers java.net.http sets itself, and those of one hop only. */
    private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect", "upgrade",
            "transfer-encoding");

    /** One forwarded request: the access key that signed it, and whether it carried a session token. */
    record Signature(String accessKeyId, boolean sessionToken) {
    }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI target;
    private final List<Signature> signatures = new CopyOnWriteArrayList<>();

    private SigningKeyRecorder(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::forward);
        server.start();
    }

    static SigningKeyRecorder inFrontOf(URI target) throws IOException {
        return new SigningKeyRecorder(target);
    }

    URI endpoint() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    List<Signature> signatures() {
        return List.copyOf(signatures);
    }

    private void forward(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            record(exchange);
            HttpRequest.Builder request = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(in.readAllBytes()));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                    values.forEach(value -> request.header(name, value));
                }
            });
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!NOT_FORWARDED.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] body = response.body();
            exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void record(HttpExchange exchange) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        Matcher credential = CREDENTIAL.matcher(authorization == null ? "" : authorization);
        signatures.add(new Signature(credential.find() ? credential.group(1) : null,
                exchange.getRequestHeaders().containsKey("X-Amz-Security-Token")));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
