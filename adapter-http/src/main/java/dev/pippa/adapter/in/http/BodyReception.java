package dev.pippa.adapter.in.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ServerConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Receives a request's whole body before the request may take a concurrency slot, so a client that
 * sends its body slowly (or never finishes it) holds a connection, never a slot. Two limits bound the
 * wait: no progress for {@code idle}, or no complete body after {@code total}; either answers 408 and
 * closes the connection. Malformed framing (a chunk size that is not hexadecimal, a body shorter than
 * its Content-Length) answers 400 and closes the connection too: the rest of its bytes cannot be trusted.
 * A body over the size limit gets 413: read to its end and thrown away when it is not much larger, so the
 * client hears the answer, or cut off with the connection when it is.
 */
final class BodyReception implements Filter {

    /** The received body, for {@link RequestBodies}. */
    record ReceivedBody(byte[] bytes) {
    }

    private static final int READ_CHUNK_BYTES = 16 * 1024;
    private static final int MAX = RequestBodies.MAX_BODY_BYTES;
    /**
     * A body over the limit is still read (and thrown away) up to this size, so that a client that sends its
     * whole body before it reads the answer (as the JDK's HttpClient does) hears 413 instead of a reset
     * connection. Larger ones are cut off at once.
     */
    private static final long SWALLOW_BYTES = 4L * MAX;

    /** The body was over the limit and has been read to its end: the connection can carry on. */
    private static final class Drained extends RuntimeException {
        Drained() {
            super(null, null, false, false);
        }
    }

    private final Duration idle;
    private final Duration total;

    BodyReception(Duration idle, Duration total) {
        this.idle = idle;
        this.total = total;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        // An import or a file upload is read as it arrives (their services bound them themselves).
        if (!announcesBody(request) || request.path().path().equals(ImportHttpService.PATH)
                || FileHttpService.isUpload(request.prologue().method().text(), request.path().path())) {
            chain.proceed();
            return;
        }
        byte[] body;
        try {
            body = receive(request);
        } catch (Drained tooLarge) {
            // Read to its end and thrown away: the connection is still good, and the client hears why.
            ProblemHandler.send(request, response, ProblemHandler.Problem.of(RequestBodies.tooLarge(MAX)));
            return;
        } catch (ApiProblem problem) {
            // The connection's remaining bytes are not a request we could read: answer, then hang up.
            response.header(HeaderValues.CONNECTION_CLOSE);
            ProblemHandler.send(request, response, ProblemHandler.Problem.of(problem));
            throw new CloseConnectionException("request body refused: " + problem.code());
        }
        request.context().register(new ReceivedBody(body));
        chain.proceed();
    }

    /** The body a handler reads: empty when the request announced none. */
    static byte[] of(ServerRequest request) {
        return request.context().get(ReceivedBody.class).map(ReceivedBody::bytes).orElse(new byte[0]);
    }

    private static boolean announcesBody(RoutingRequest request) {
        return request.headers().contains(HeaderNames.TRANSFER_ENCODING)
                || request.headers().contentLength().orElse(0) > 0;
    }

    /**
     * Reads on a helper virtual thread while this one watches the clock: a blocked socket read cannot be
     * timed out from the thread doing it. After a time-out the helper is left blocked until the connection
     * closes under it, which ends it.
     */
    private byte[] receive(RoutingRequest request) {
        if (request.headers().contentLength().orElse(0) > SWALLOW_BYTES) {
            throw RequestBodies.tooLarge(MAX);
        }
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        CompletableFuture<byte[]> received = new CompletableFuture<>();
        Thread.ofVirtual().name("pippa-body-reader").start(() -> {
            try {
                received.complete(readAll(request.content().inputStream(), lastProgress));
            } catch (Throwable e) {
                received.completeExceptionally(e);
            }
        });
        long deadline = lastProgress.get() + total.toNanos();
        while (true) {
            long now = System.nanoTime();
            long idleUntil = lastProgress.get() + idle.toNanos();
            if (now - deadline >= 0 || now - idleUntil >= 0) {
                throw timedOut(now - deadline >= 0);
            }
            try {
                return received.get(Math.min(deadline, idleUntil) - now, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // loop: progress may have moved the idle limit on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CloseConnectionException("interrupted while receiving a request body", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof ServerConnectionException || e.getCause() instanceof UncheckedIOException) {
                    // The client went away mid-body: nobody is left to answer.
                    throw new CloseConnectionException("the client closed the connection while sending its body");
                }
                throw unreadable(e.getCause());
            }
        }
    }

    private static byte[] readAll(InputStream in, AtomicLong lastProgress) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[READ_CHUNK_BYTES];
        long total = 0;
        for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
            total += read;
            if (total > SWALLOW_BYTES) {
                throw RequestBodies.tooLarge(MAX);
            }
            if (total <= MAX) {
                body.write(chunk, 0, read);
            }
            lastProgress.set(System.nanoTime());
        }
        if (total > MAX) {
            throw new Drained();
        }
        return body.toByteArray();
    }

    private ApiProblem timedOut(boolean total) {
        return new ApiProblem(Status.REQUEST_TIMEOUT_408, "request_timeout", total
                ? "The request body was not complete within " + this.total.toSeconds() + " s."
                : "The request body stalled: no bytes arrived for " + idle.toSeconds() + " s.", List.of());
    }

    private static ApiProblem unreadable(Throwable failure) {
        return switch (failure) {
            case ApiProblem problem -> problem;
            case Drained drained -> throw drained;
            case DataReader.InsufficientDataAvailableException e -> ApiProblem.badRequest("incomplete_body",
                    "The request body ended before the length its Content-Length announced.");
            // Helidon's chunk parser throws NumberFormatException for a size that is not hexadecimal (and, as of
            // 4.5.0, for a legal chunk extension too: see docs/reliability.md).
            case NumberFormatException e -> ApiProblem.badRequest("malformed_body", "The chunked request body is "
                    + "malformed: each chunk must start with its size in hexadecimal (chunk extensions are not "
                    + "supported).");
            case RequestException e -> ApiProblem.badRequest("malformed_body",
                    "The chunked request body is malformed: " + e.getMessage() + ".");
            default -> throw new IllegalStateException("reading a request body failed", failure);
        };
    }
}
