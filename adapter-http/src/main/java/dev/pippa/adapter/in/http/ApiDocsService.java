package dev.pippa.adapter.in.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.helidon.common.LazyValue;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.staticcontent.StaticContentService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;

/**
 * {@code GET /openapi}: the OpenAPI document (source: docs/openapi.yaml, packed into the jar), as YAML or,
 * by {@code Accept} or at {@code /openapi.json}, as JSON.
 * {@code /docs}: Swagger UI from its webjar, so the interactive docs work with no network.
 */
final class ApiDocsService implements HttpService {

    static final String OPENAPI_RESOURCE = "pippa/openapi.yaml";
    private static final String DOCS_PAGE_RESOURCE = "pippa/docs.html";

    private static final Header YAML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "application/yaml");
    private static final Header HTML = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, "text/html; charset=UTF-8");

    private static final Header VARY_ACCEPT = HeaderValues.createCached(HeaderNames.VARY, "Accept");

    private final byte[] openApi = resource(OPENAPI_RESOURCE);
    private final LazyValue<byte[]> openApiJson = LazyValue.create(() -> toJson(openApi));
    private final byte[] docsPage = resource(DOCS_PAGE_RESOURCE);
    private final String swaggerUiVersion = swaggerUiVersion();

    List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(Method.GET, "/openapi", this::openApi),
                new ApiRoute(Method.GET, "/openapi.json", (request, response) ->
                        Send.bytes(request, response, Status.OK_200, Send.JSON, openApiJson.get())),
                new ApiRoute(Method.GET, "/docs", (request, response) -> {
                    response.header(HeaderNames.CACHE_CONTROL, "no-cache");
                    Send.bytes(request, response, Status.OK_200, HTML, docsPage);
                }));
    }

    @Override
    public void routing(HttpRules rules) {
        ApiRoute.registerAll(rules, routes());
        rules.register("/docs/assets", StaticContentService.builder(
                "META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion).build());
    }

    /** YAML (the source) unless the client prefers JSON, which a browser shows instead of downloading. */
    private void openApi(ServerRequest request, ServerResponse response) {
        boolean json = request.headers().bestAccepted(MediaTypes.APPLICATION_YAML, MediaTypes.APPLICATION_JSON)
                .filter(MediaTypes.APPLICATION_JSON::equals).isPresent();
        response.header(VARY_ACCEPT);
        Send.bytes(request, response, Status.OK_200, json ? Send.JSON : YAML, json ? openApiJson.get() : openApi);
    }

    /** The same document as JSON, converted on first use (a YAML parser costs start-up time). */
    private static byte[] toJson(byte[] yaml) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException("docs/openapi.yaml is not valid YAML (a packaging bug)", e);
        }
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
