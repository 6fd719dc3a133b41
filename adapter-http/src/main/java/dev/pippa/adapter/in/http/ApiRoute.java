package dev.pippa.adapter.in.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * One endpoint and the query parameters it understands: any other parameter is a 400 naming it (a typo
 * such as {@code limt=5} must not be silently ignored). A GET endpoint also answers HEAD. The OpenAPI
 * conformance test compares the services' lists with docs/openapi.yaml.
 */
public record ApiRoute(Method method, String path, Set<String> queryParameters, Handler handler) {

    static final Predicate<Method> GET_OR_HEAD = Method.predicate(Method.GET, Method.HEAD);

    public ApiRoute {
        queryParameters = Set.copyOf(queryParameters);
    }

    /** An endpoint that takes no query parameters. */
    public ApiRoute(Method method, String path, Handler handler) {
        this(method, path, Set.of(), handler);
    }

    static void registerAll(HttpRules rules, List<ApiRoute> routes) {
        registerAll(rules, "", routes);
    }

    /**
     * Registers routes on the rules of a service registered at {@code prefix}: their paths, which all start
     * with it, are given relative to it. A GET route answers HEAD too, as one route.
     */
    static void registerAll(HttpRules rules, String prefix, List<ApiRoute> routes) {
        for (ApiRoute route : routes) {
            Handler checked = (request, response) -> {
                QueryParameters.requireKnown(request, route.queryParameters());
                route.handler().handle(request, response);
            };
            rules.route(route.method() == Method.GET ? GET_OR_HEAD : Method.predicate(route.method()),
                    PathMatchers.create(relative(route.path(), prefix)), checked);
        }
    }

    /** The path as a service registered at {@code prefix} sees it. */
    private static String relative(String path, String prefix) {
        if (!path.startsWith(prefix + "/")) {
            throw new IllegalArgumentException(path + " is not under " + prefix);
        }
        return path.substring(prefix.length());
    }

    /**
     * After every route is registered: a known path called with another method is a 405 naming the
     * methods it has (RFC 9110 §15.5.6), not a 404 that would say the path does not exist.
     */
    static void refuseOtherMethods(HttpRules rules, String prefix, Collection<ApiRoute> routes) {
        Map<String, Set<String>> methodsByPath = new LinkedHashMap<>();
        for (ApiRoute route : routes) {
            Set<String> methods = methodsByPath.computeIfAbsent(route.path(), path -> new TreeSet<>());
            methods.add(route.method().text());
            if (route.method() == Method.GET) {
                methods.add(Method.HEAD.text());
            }
        }
        methodsByPath.forEach((path, methods) -> {
            String allow = String.join(", ", methods);
            rules.any(relative(path, prefix), (request, response) -> {
                response.header(HeaderNames.ALLOW, allow);
                throw new ApiProblem(Status.METHOD_NOT_ALLOWED_405, "method_not_allowed",
                        request.prologue().method().text() + " is not allowed here; this endpoint takes " + allow + ".",
                        List.of());
            });
        });
    }
}
