package dev.wenku.gateway.routing;

import dev.wenku.support.problem.ApiException;
import dev.wenku.support.problem.ErrorCode;
import dev.wenku.support.problem.reactive.ReactiveProblems;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bounds request bodies to what their API allows ({@code wenku.gateway.max-upload-size} for the documents and
 * imports APIs, {@code max-request-size} for the rest), counted in bytes. A body that declares a larger length is
 * refused with 413 before any of it is read or forwarded; a body without a declared length (chunked) is counted as
 * it is forwarded, and the request is cut off with 413 at the first byte over the limit, so no sender can make the
 * gateway, or the service behind it, take more than the limit by leaving the length out.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class BodySizeLimitFilter implements WebFilter {

    private final GatewayProperties properties;

    BodySizeLimitFilter(GatewayProperties properties) {
        this.properties = properties;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long length = request.getHeaders().getContentLength();
        String path = request.getPath().value();
        DataSize limit = path.startsWith("/api/documents") || path.startsWith("/api/imports")
            ? properties.maxUploadSize() : properties.maxRequestSize();
        if (length > limit.toBytes()) {
            return ReactiveProblems.write(exchange, ErrorCode.REQUEST_TOO_LARGE,
                "The request body has " + length + " bytes; " + allowed(limit));
        }
        if (length < 0 && request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
            return chain.filter(exchange.mutate().request(new CountedBody(request, limit)).build());
        }
        return chain.filter(exchange);
    }

    private static String allowed(DataSize limit) {
        return "at most " + limit.toMegabytes() + " MB (" + limit.toBytes() + " bytes) are accepted here.";
    }

    /** A body of undeclared length that fails with {@code request_too_large} once it passes the limit. */
    private static final class CountedBody extends ServerHttpRequestDecorator {

        private final DataSize limit;

        CountedBody(ServerHttpRequest request, DataSize limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public Flux<DataBuffer> getBody() {
            AtomicLong read = new AtomicLong();
            return super.getBody().handle((buffer, sink) -> {
                if (read.addAndGet(buffer.readableByteCount()) > limit.toBytes()) {
                    DataBufferUtils.release(buffer);
                    sink.error(new ApiException(ErrorCode.REQUEST_TOO_LARGE,
                        "The request body has more than " + limit.toBytes() + " bytes; " + allowed(limit)));
                } else {
                    sink.next(buffer);
                }
            });
        }
    }
}
