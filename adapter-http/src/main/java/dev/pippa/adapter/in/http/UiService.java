package dev.pippa.adapter.in.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code /ui}: a small inspector page, served from files inside the jar (no CDN, nothing from the network).
 * Every answer forbids inline scripts and other origins (Content-Security-Policy); the page itself is
 * revalidated on each load, its scripts and styles are cached for an hour and revalidated by ETag.
 */
final class UiService {

    static final String PATH = "/ui";
    private static final String RESOURCES = "pippa/ui/";
    private static final List<String> ASSETS = List.of("app.js", "api.js", "live.js", "render.js", "conversation.js",
            "app.css");

    private static final Header POLICY = HeaderValues.createCached(HeaderNames.create("Content-Security-Policy"),
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self';"
                    + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
    private static final Header NO_SNIFF = HeaderValues.createCached(HeaderNames.create("X-Content-Type-Options"),
            "nosniff");
    private static final Header NO_REFERRER = HeaderValues.createCached(HeaderNames.create("Referrer-Policy"),
            "no-referrer");

    private record Asset(byte[] bytes, Header type, String etag, String cache) {
    }

    private final Asset page = asset("index.html", "text/html; charset=UTF-8", "no-cache");
    private final List<Asset> assets = ASSETS.stream().map(name -> asset(name, name.endsWith(".css")
            ? "text/css; charset=UTF-8" : "text/javascript; charset=UTF-8", "public, max-age=3600")).toList();

    List<ApiRoute> routes() {
        List<ApiRoute> routes = new ArrayList<>(List.of(
                new ApiRoute(Method.GET, PATH, (request, response) -> send(request, response, page)),
                new ApiRoute(Method.GET, PATH + "/", (request, response) -> send(request, response, page))));
        for (int i = 0; i < ASSETS.size(); i++) {
            Asset asset = assets.get(i);
            routes.add(new ApiRoute(Method.GET, PATH + "/" + ASSETS.get(i), (request, response) ->
                    send(request, response, asset)));
        }
        return routes;
    }

    private static void send(ServerRequest request, ServerResponse response, Asset asset) {
        response.header(POLICY);
        response.header(NO_SNIFF);
        response.header(NO_REFERRER);
        response.header(HeaderNames.CACHE_CONTROL, asset.cache());
        response.header(HeaderNames.ETAG, asset.etag());
        if (request.headers().value(HeaderNames.IF_NONE_MATCH).filter(asset.etag()::equals).isPresent()) {
            response.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        response.header(asset.type());
        response.status(Status.OK_200).send(asset.bytes());
    }

    private static Asset asset(String name, String type, String cache) {
        try (InputStream in = UiService.class.getClassLoader().getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the page's " + name + " is missing from the jar");
            }
            byte[] bytes = in.readAllBytes();
            String etag = "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12)
                    + "\"";
            return new Asset(bytes, HeaderValues.create(HeaderNames.CONTENT_TYPE, type), etag, cache);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
