package io.kinesishydrator.local;

import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * DynamoDB Local, in memory, served over HTTP on 127.0.0.1 from this JVM: what a function run as a separate
 * process reaches through {@code AWS_ENDPOINT_URL_DYNAMODB_STREAMS}. Its own server binds every interface, so
 * its request handler is mounted on a loopback-only Jetty connector here instead. Like {@link DynamoDbLocal}, it
 * needs {@code sqlite4java.library.path}; its telemetry is never configured, so never sent.
 */
public final class DynamoDbLocalServer implements AutoCloseable {
    /**
     * The AWS SDK v1 inside DynamoDB Local logs through java.util.logging, and its Base64 warns on first use that
     * JAXB is missing, so it encodes with its own code: a note on speed a local server has no use for. Held in a
     * field because java.util.logging keeps a logger's level only while the logger is referenced.
     */
    private static final Logger SDK_V1_BASE64_LOG = Logger.getLogger("com.amazonaws.util.Base64");

    private final Server jetty;
    private final LocalDynamoDBRequestHandler engine;
    private final int port;

    private DynamoDbLocalServer(Server jetty, LocalDynamoDBRequestHandler engine, int port) {
        this.jetty = jetty;
        this.engine = engine;
        this.port = port;
    }

    /** On a free port. */
    public static DynamoDbLocalServer start() {
        return start(Ports.free());
    }

    public static DynamoDbLocalServer start(int port) {
        DynamoDbLocal.requireNativeLibrary();
        SDK_V1_BASE64_LOG.setLevel(Level.SEVERE);
        try {
            // (port, in memory, no database file, shared database, no transient delays). Shared: its stream ARNs name
            // the region "ddblocal", and a client that takes its region from the ARN, as the hydrate does, must
            // still see the tables another region's client created.
            LocalDynamoDBRequestHandler engine = new LocalDynamoDBRequestHandler(0, true, null, true, false);
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(engine, null);
            Server jetty = new Server();
            ServerConnector loopback = new ServerConnector(jetty);
            loopback.setHost(Ports.LOOPBACK);
            loopback.setPort(port);
            jetty.addConnector(loopback);
            jetty.setHandler(new DynamoDBProxyServer(port, handler).setUpHandler(handler));
            jetty.start();
            return new DynamoDbLocalServer(jetty, engine, port);
        } catch (Exception failed) {
            throw new LocalServerException("DynamoDB Local did not start on port " + port + ": " + failed.getMessage(), failed);
        }
    }

    public URI endpoint() {
        return URI.create("http://" + Ports.LOOPBACK + ":" + port);
    }

    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public DynamoDbStreamsClient streams() {
        return DynamoDbStreamsClient.builder().endpointOverride(endpoint()).region(LocalCredentials.REGION)
                .credentialsProvider(LocalCredentials.provider()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception ignored) {
            // Stopping is best effort; the engine below is shut down either way.
        } finally {
            engine.shutdown();
        }
    }
}
