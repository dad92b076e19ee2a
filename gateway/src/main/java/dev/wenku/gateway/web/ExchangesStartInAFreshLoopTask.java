package dev.wenku.gateway.web;

import io.netty.channel.EventLoop;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

/**
 * Handles every exchange in a task of its own on its connection's event loop, instead of inside the task that read
 * the request.
 *
 * <p>Why: Reactor Netty (up to 1.3.8, the newest served to this build) stops reading an HTTP/1.1 keep-alive
 * connection when a request arrives before the previous exchange has ended (so it is queued) and is then answered
 * at once, inside the task that takes it off the queue: a refused request (401, 403, 429) right after a forwarded
 * or password-checked one. Nothing on that connection is answered again; the client waits for its timeout.
 * Answering from a fresh task lets the queue be emptied first, so reading resumes. Costs one event-loop task per
 * request. Upstream: reactor/reactor-netty#4361; remove this class once a fixed Reactor Netty is served.
 */
@Configuration(proxyBeanMethods = false)
class ExchangesStartInAFreshLoopTask {

    @Bean
    WebHttpHandlerBuilderCustomizer handleExchangesInAFreshLoopTask() {
        return builder -> builder.httpHandlerDecorator(ExchangesStartInAFreshLoopTask::decorate);
    }

    private static HttpHandler decorate(HttpHandler handler) {
        return (request, response) -> {
            Mono<Void> exchange = Mono.defer(() -> handler.handle(request, response));
            EventLoop loop = eventLoopOf(request);
            return loop == null ? exchange : exchange.subscribeOn(Schedulers.fromExecutor(loop));
        };
    }

    private static EventLoop eventLoopOf(ServerHttpRequest request) {
        return ServerHttpRequestDecorator.getNativeRequest(request) instanceof Connection connection
            ? connection.channel().eventLoop() : null;
    }
}
