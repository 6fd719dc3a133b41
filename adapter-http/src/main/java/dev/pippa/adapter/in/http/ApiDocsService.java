package dev.pippa.adapter.in.http;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code GET /openapi}: the OpenAPI document (source: docs/openapi.yaml, packed into the jar).
 * {@code /docs}: Swagger UI from its webjar, so the interactive docs work with no network.
 */
final class ApiDocsService implements HttpService {

    static final String OPENAPI_RESOURCE = "pippa/openapi.yaml";
    private static final String DOCS_PAGE_RESOURCE = "pippa/docs.html";

    private static final Header YAML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/yaml");
    private static final Header HTML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");

    private final byte[] openApi = resource(OPENAPI_RESOURCE);
    private final byte[] docsPage = resource(DOCS_PAGE_RESOURCE);
    private final String swaggerUiVersion = swaggerUiVersion();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/openapi", (request, response) ->
                        Send.bytes(request, response, Status.OK_200, YAML, openApi))
                .get("/docs", (request, response) -> {
                    response.header(HeaderNames.CACHE_CONTROL, "no-cache");
                    Send.bytes(request, response, Status.OK_200, HTML, docsPage);
                })
                .register("/docs/assets", StaticContentService.builder(
                        "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion).build());
    }

    static byte[] resource(String name) {
        try (InputStream in = ApiDocsService.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (a packaging bug)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The webjar's own metadata names the folder its files are in. */
    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = ApiDocsService.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is missing from the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }
}
