package dev.pippa.adapter.in.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import java.util.List;

/** One /v1 endpoint: the OpenAPI conformance test compares the services' lists with docs/openapi.yaml. */
public record ApiRoute(Method method, String path, Handler handler) {

    static void registerAll(HttpRules rules, List<ApiRoute> routes) {
        routes.forEach(route -> rules.route(route.method(), route.path(), route.handler()));
    }
}
