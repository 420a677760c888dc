package io.eksid.sandbox.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP endpoint on 127.0.0.1 that answers EKS, IAM and STS requests of the unmodified AWS SDKs
 * and CLI. A request is routed by the service name in its SigV4 credential scope
 * ({@code Credential=AKID/date/region/<service>/aws4_request}) and belongs to the account whose
 * access key signed it. Signatures are not verified. Faults from {@link AwsWorld#faults()} apply
 * before each operation.
 */
public final class AwsEmulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AwsEmulator.class);
    private static final Pattern CREDENTIAL = Pattern.compile(
            "Credential=([^/,\\s]+)/(\\d{8})/([^/,\\s]+)/([^/,\\s]+)/aws4_request");

    /** Far above any request the emulated operations accept (a policy document is at most 128 KiB). */
    static final int MAX_BODY_BYTES = 2 * 1024 * 1024;

    private final AwsWorld world;
    private final EksRestApi eks;
    private final IamQueryApi iam;
    private final StsQueryApi sts;
    private final List<Throwable> unexpectedErrors = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private ExecutorService executor;

    public AwsEmulator(AwsWorld world) {
        this.world = Objects.requireNonNull(world, "world");
        this.eks = new EksRestApi(world);
        this.iam = new IamQueryApi(world);
        this.sts = new StsQueryApi(world);
    }

    /** Starts listening on 127.0.0.1; port 0 picks a free port. */
    public synchronized void start(int port) {
        if (server != null) {
            throw new IllegalStateException("the AWS emulator is already running at " + endpoint());
        }
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
            AtomicInteger n = new AtomicInteger();
            executor = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "aws-emulator-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            s.setExecutor(executor);
            s.createContext("/", this::exchange);
            s.start();
            server = s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the AWS emulator on port " + port + ": " + e.getMessage(), e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the endpoint_url for every service. */
    public synchronized URI endpoint() {
        if (server == null) {
            throw new IllegalStateException("the AWS emulator is not running");
        }
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public AwsWorld world() {
        return world;
    }

    /** Exceptions no handler expected (bugs), each already answered as a 500; tests assert this stays empty. */
    public List<Throwable> unexpectedErrors() {
        return List.copyOf(unexpectedErrors);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            WireResponse response;
            try {
                response = handle(read(exchange));
            } catch (IOException e) {
                return; // the client went away mid-request; nothing to answer
            }
            Map<String, String> headers = new HashMap<>(response.headers());
            headers.put("Content-Type", response.contentType());
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            boolean noBody = response.body().length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
            exchange.sendResponseHeaders(response.status(), noBody ? -1 : response.body().length);
            if (!noBody) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        } catch (IOException e) {
            LOG.debug("client closed the connection: {}", e.getMessage());
        }
    }

    private static WireRequest read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), String.join(",", v)));
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        URI uri = exchange.getRequestURI();
        return new WireRequest(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body);
    }

    WireResponse handle(WireRequest request) {
        String service = null;
        try {
            if (request.body().length > MAX_BODY_BYTES) {
                return WireResponse.of(413, "text/plain", Map.of(), "Request Entity Too Large");
            }
            String authorization = request.header("authorization");
            if (authorization == null) {
                return missingAuthentication(request);
            }
            Matcher m = CREDENTIAL.matcher(authorization);
            if (!m.find()) {
                return incompleteSignature(request);
            }
            service = m.group(4);
            if (!List.of("eks", "iam", "sts").contains(service)) {
                return wrongService(request, service);
            }
            world.received(service);
            Caller caller = caller(service, m.group(1), m.group(3));
            applyLatency(world.faults().latencyFor(service));
            switch (world.faults().decide(service)) {
                case THROTTLE -> {
                    return error(service, throttling(service));
                }
                case SERVER_ERROR -> {
                    return error(service, serverError(service));
                }
                default -> {
                }
            }
            return switch (service) {
                case "eks" -> eks.handle(caller, request);
                case "iam" -> iam.handle(caller, request);
                default -> sts.handle(caller, request);
            };
        } catch (AwsError e) {
            return error(serviceOf(service, request), e);
        } catch (RuntimeException | StackOverflowError e) {
            unexpectedErrors.add(e);
            LOG.error("unexpected failure answering {} {}", request.method(), request.rawPath(), e);
            String s = serviceOf(service, request);
            return error(s, s.equals("eks")
                    ? new AwsError("ServerException", 500, "An internal error occurred.")
                    : new AwsError("ServiceFailure", 500, "An internal error occurred."));
        }
    }

    /** The service an error is answered for: the signed one, else a guess from the request's shape. */
    private static String serviceOf(String signedService, WireRequest request) {
        if (signedService != null) {
            return signedService;
        }
        try {
            return looksLikeQuery(request) ? queryService(request) : "eks";
        } catch (AwsError malformedForm) {
            return "iam";
        }
    }

    /** The identity behind an access key: an account's IAM user, or an unexpired AssumeRole session. */
    private Caller caller(String service, String accessKeyId, String region) {
        var account = world.accountForAccessKey(accessKeyId);
        if (account.isPresent()) {
            return Caller.user(account.get(), region);
        }
        var session = world.sessions().find(accessKeyId).orElseThrow(() -> new AwsError(
                service.equals("eks") ? "UnrecognizedClientException" : "InvalidClientTokenId", 403,
                "The security token included in the request is invalid."));
        if (world.sessions().expired(session)) {
            throw new AwsError(service.equals("eks") ? "ExpiredTokenException" : "ExpiredToken", 403,
                    "The security token included in the request is expired");
        }
        world.sessions().recordUse(accessKeyId);
        return Caller.session(session, region);
    }

    private static void applyLatency(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** EKS throttles with 429 ThrottlingException; IAM and STS with 400 Throttling (FACTS.md, IAM). */
    private static AwsError throttling(String service) {
        return service.equals("eks")
                ? new AwsError("ThrottlingException", 429, "Rate exceeded")
                : new AwsError("Throttling", 400, "Rate exceeded");
    }

    private static AwsError serverError(String service) {
        return switch (service) {
            case "eks" -> new AwsError("ServiceUnavailableException", 503, "Service is unavailable. Please retry.");
            case "iam" -> new AwsError("ServiceFailure", 500, "The request processing has failed because of an unknown error, exception or failure.");
            default -> new AwsError("InternalFailure", 500, "An internal error occurred.");
        };
    }

    private static WireResponse error(String service, AwsError e) {
        return switch (service) {
            case "eks" -> EksRestApi.error(e);
            case "sts" -> StsQueryApi.PROTOCOL.error(e);
            default -> IamQueryApi.PROTOCOL.error(e);
        };
    }

    /** A Query request is recognised by its form body; STS and IAM by their API version. */
    private static boolean looksLikeQuery(WireRequest request) {
        return QueryProtocol.parameters(request).containsKey("Action");
    }

    private static String queryService(WireRequest request) {
        return "2011-06-15".equals(QueryProtocol.parameters(request).get("Version")) ? "sts" : "iam";
    }

    private static WireResponse missingAuthentication(WireRequest request) {
        if (looksLikeQuery(request)) {
            return error(queryService(request), new AwsError("MissingAuthenticationToken", 403,
                    "Request is missing Authentication Token"));
        }
        return EksRestApi.error(new AwsError("MissingAuthenticationTokenException", 403, "Missing Authentication Token"));
    }

    private static WireResponse incompleteSignature(WireRequest request) {
        String message = "Authorization header requires 'Credential' parameter in the form "
                + "Credential=<access key>/<date>/<region>/<service>/aws4_request.";
        if (looksLikeQuery(request)) {
            return error(queryService(request), new AwsError("IncompleteSignature", 403, message));
        }
        return EksRestApi.error(new AwsError("IncompleteSignatureException", 403, message));
    }

    private static WireResponse wrongService(WireRequest request, String service) {
        if (looksLikeQuery(request)) {
            return error(queryService(request), new AwsError("SignatureDoesNotMatch", 403,
                    "Credential should be scoped to correct service: '" + service + "'."));
        }
        return EksRestApi.error(new AwsError("InvalidSignatureException", 403,
                "Credential should be scoped to correct service: '" + service + "'."));
    }
}
