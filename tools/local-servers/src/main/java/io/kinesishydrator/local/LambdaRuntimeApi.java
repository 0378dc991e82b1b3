package io.kinesishydrator.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (2018-06-01) on 127.0.0.1, enough for the runtime interface client to run a handler
 * exactly as Lambda does: {@code next} hands out invocations, {@code response} and {@code error} answer them.
 * Point a runtime at it with {@code AWS_LAMBDA_RUNTIME_API=}{@link #address()}.
 */
public final class LambdaRuntimeApi implements AutoCloseable {
    private static final String PREFIX = "/2018-06-01/runtime/";

    private final HttpServer server;
    private final String functionArn;
    private final BlockingQueue<Invocation> pending = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> inFlight = new ConcurrentHashMap<>();
    private final CompletableFuture<String> initError = new CompletableFuture<>();
    private final CompletableFuture<Void> polled = new CompletableFuture<>();

    /** What an invocation came back with: the handler's response, or the error the runtime reported. */
    public record Result(String body, boolean error) {
    }

    private record Invocation(String requestId, String event, long deadlineMillis, CompletableFuture<Result> result) {
    }

    private LambdaRuntimeApi(HttpServer server, String functionArn) {
        this.server = server;
        this.functionArn = functionArn;
    }

    public static LambdaRuntimeApi start() {
        return start("arn:aws:lambda:" + LocalCredentials.REGION.id() + ":" + LocalCredentials.ACCOUNT_ID + ":function:local");
    }

    /** A Runtime API whose invocations name {@code functionArn} as the invoked function. */
    public static LambdaRuntimeApi start(String functionArn) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(Ports.LOOPBACK, 0), 16);
            LambdaRuntimeApi api = new LambdaRuntimeApi(server, functionArn);
            server.createContext(PREFIX, api::handle);
            server.setExecutor(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "lambda-runtime-api");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return api;
        } catch (IOException failure) {
            throw new LocalServerException("cannot start the Lambda Runtime API: " + failure.getMessage(), failure);
        }
    }

    /** host:port, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    public String address() {
        return Ports.LOOPBACK + ":" + server.getAddress().getPort();
    }

    /**
     * Queues an invocation of the function with {@code event} (JSON); the future completes with its answer, or
     * with the runtime's init error. {@code timeout} becomes the invocation's deadline.
     */
    public CompletableFuture<Result> submit(String event, Duration timeout) {
        Invocation invocation = new Invocation(UUID.randomUUID().toString(), event,
                System.currentTimeMillis() + timeout.toMillis(), new CompletableFuture<>());
        inFlight.put(invocation.requestId(), invocation);
        pending.add(invocation);
        return CompletableFuture.anyOf(invocation.result(), initError.thenApply(error -> new Result(error, true)))
                .thenApply(Result.class::cast)
                .whenComplete((result, failure) -> inFlight.remove(invocation.requestId()));
    }

    /**
     * Waits until the runtime asks for its first invocation, which it does once its handler is initialised: the
     * end of Lambda's init phase. False when {@code timeout} passed first or the runtime reported an init error.
     */
    public boolean awaitInitialised(Duration timeout) {
        try {
            CompletableFuture.anyOf(polled, initError).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return polled.isDone();
        } catch (TimeoutException | ExecutionException notYet) {
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
        try (exchange) {
            if (path.equals("invocation/next")) {
                next(exchange);
            } else if (path.equals("init/error")) {
                initError.complete(read(exchange));
                reply(exchange, 202, "{}");
            } else if (path.startsWith("invocation/")) {
                answer(exchange, path.substring("invocation/".length()));
            } else {
                reply(exchange, 404, "{\"errorMessage\":\"unknown path " + path + "\"}");
            }
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        polled.complete(null);
        Invocation invocation;
        try {
            invocation = pending.take();
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
            return;
        }
        exchange.getResponseHeaders().add("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        exchange.getResponseHeaders().add("Lambda-Runtime-Deadline-Ms", Long.toString(invocation.deadlineMillis()));
        exchange.getResponseHeaders().add("Lambda-Runtime-Invoked-Function-Arn", functionArn);
        exchange.getResponseHeaders().add("Lambda-Runtime-Trace-Id", "Root=1-00000000-000000000000000000000000;Sampled=0");
        // The runtime client's native code copies the content type without checking it is there.
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        reply(exchange, 200, invocation.event());
    }

    private void answer(HttpExchange exchange, String rest) throws IOException {
        int slash = rest.indexOf('/');
        String requestId = slash < 0 ? rest : rest.substring(0, slash);
        String kind = slash < 0 ? "" : rest.substring(slash + 1);
        Invocation invocation = inFlight.get(requestId);
        String body = read(exchange);
        if (invocation == null || !(kind.equals("response") || kind.equals("error"))) {
            reply(exchange, 400, "{\"errorMessage\":\"no invocation " + requestId + "\"}");
            return;
        }
        invocation.result().complete(new Result(body, kind.equals("error")));
        reply(exchange, 202, "{}");
    }

    private static String read(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
