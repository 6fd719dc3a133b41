package dev.pippa.adapter.in.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;

/** One /v1 endpoint: the OpenAPI conformance test compares the services' lists with docs/openapi.yaml. */
public record ApiRoute(Method method, String path, Handler handler) {
}
